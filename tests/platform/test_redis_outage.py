"""When Redis stops, the site goes on: uncached pages, nobody logged out, one line in the log.

Each test starts a Redis of its own (tests/servers.py), points the cache at
it with the settings production uses (``cms.platform.cache.ResilientRedisCache``,
the page cache on, sessions in the database), stops it mid-test and starts
it again with the data it had, as a Redis with persistence comes back.
"""

import json
import logging
import shutil
import time

import pytest
from django.test import override_settings

from cms.platform import cache as resilient
from tests.factories import StandardPageFactory
from tests.helpers.accounts import AREA, LOGIN, LOGOUT, post_login
from tests.helpers.sections import PASSWORD
from tests.servers import RedisServer

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs Debian's redis-server"
)

#: The pause after a failure, short so the tests need not wait long.
RETRY = 0.3


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    resilient.reset()
    cache_settings = {
        "default": {
            "BACKEND": "cms.platform.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "bydelsmodre",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            "RETRY_SECONDS": RETRY,
        }
    }
    with override_settings(
        CACHES=cache_settings,
        PAGE_CACHE_SECONDS=300,
        SESSION_ENGINE="django.contrib.sessions.backends.db",
    ):
        yield server
    server.close()
    resilient.reset()


@pytest.fixture
def outage_log(caplog):
    caplog.set_level(logging.WARNING, logger="cms.platform.cache")

    def lines(word):
        return [r for r in caplog.records if r.name == "cms.platform.cache" and word in r.message]

    return lines


def _back(server):
    server.start()
    time.sleep(RETRY + 0.1)  # the pause after the last failure


def test_pages_are_served_uncached_and_fresh_while_redis_is_down(
    client, home, redis_server, outage_log
):
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    assert client.get("/om-oss/")["X-Page-Cache"] == "miss"
    assert client.get("/om-oss/")["X-Page-Cache"] == "hit"

    redis_server.stop()
    for _ in range(10):
        response = client.get("/om-oss/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # built anew, the page cache left out
    page.title = "Om Bydelsmødre"
    page.save_revision().publish()
    assert "Om Bydelsmødre" in client.get("/om-oss/").content.decode()

    unreachable = outage_log("unreachable")
    assert len(unreachable) == 1, "the outage is logged once, not per request"
    assert "pages are served without the cache" in unreachable[0].message

    # Redis comes back with the old page and the old generation in it: the
    # publish made while it was away must not be hidden by them.
    _back(redis_server)
    response = client.get("/om-oss/")
    assert response.status_code == 200
    assert "Om Bydelsmødre" in response.content.decode()
    assert client.get("/om-oss/")["X-Page-Cache"] == "hit"  # and the cache works again
    assert len(outage_log("reachable again")) == 1
    assert len(outage_log("unreachable")) == 1


def test_a_logged_in_volunteer_stays_logged_in_and_a_logout_holds(
    client, area, volunteer, redis_server
):
    post_login(client, volunteer.user.username, PASSWORD)
    assert client.get(AREA).status_code == 200

    redis_server.stop()
    assert client.get(AREA).status_code == 200, "still logged in without Redis"

    client.post(LOGOUT)
    _back(redis_server)
    response = client.get(AREA)
    assert response.status_code == 302, "the logout made during the outage holds"
    assert response["Location"].startswith(LOGIN)


def test_logging_in_works_while_redis_is_down(client, area, volunteer, redis_server):
    redis_server.stop()

    response = post_login(client, volunteer.user.username, PASSWORD)

    assert response.status_code == 302
    assert client.get(AREA).status_code == 200


def test_the_health_check_says_what_is_degraded(client, home, redis_server, outage_log):
    def health():
        response = client.get("/health/")
        assert response["Cache-Control"].startswith("max-age=0")
        return response.status_code, json.loads(response.content)

    assert health() == (200, {"status": "ok", "checks": {"database": "ok", "cache": "ok"}})

    redis_server.stop()
    degraded = (200, {"status": "degraded", "checks": {"database": "ok", "cache": "unavailable"}})
    assert health() == degraded
    assert health() == degraded
    assert len(outage_log("unreachable")) == 1

    redis_server.start()  # the health check asks Redis at once, pause or not
    assert health() == (200, {"status": "ok", "checks": {"database": "ok", "cache": "ok"}})


def test_a_down_redis_costs_no_waiting(client, home, redis_server):
    """While the pause lasts, a request does not try Redis at all."""
    StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    redis_server.stop()
    client.get("/om-oss/")  # notices the outage

    started = time.monotonic()
    for _ in range(5):
        assert client.get("/om-oss/").status_code == 200
    per_request = (time.monotonic() - started) / 5

    assert per_request < 0.5  # the connect timeout alone would be 0.5 s per call


def test_the_health_check_without_redis_configured(client, db):
    """Development and tests keep the cache in each process's memory: never down."""
    response = client.get("/health/")

    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["cache"] == "local"
