"""The front cache is sent one purge per committed change (cms.platform.frontcache).

A real HTTP server on 127.0.0.1 stands where Varnish would and records the
PURGE requests that wagtail.contrib.frontend_cache's HTTP backend sends it;
tests/test_two_processes.py runs the whole thing through a real Varnish.
"""

import datetime
import http.server
import threading

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tests.factories import EventFactory, StandardPageFactory
from tests.servers import free_port


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purges.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache():
    """A recording front cache, configured as VARNISH_URL would; its list of purges."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backends = {
        "varnish0": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        yield server.purges
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(home, committed):
    with committed():
        return StandardPageFactory(parent=home, title="Om oss", slug="om-oss")


def test_publishing_a_page_sends_one_purge_at_commit(page, front_cache, committed):
    with committed():
        page.title = "Om Bydelsmødre"
        page.save_revision().publish()  # saves the page, its revision, a log entry…
        assert front_cache == [], "nothing before the commit"

    assert front_cache == [("/", "127.0.0.1:8000")]


@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublishing_moving_and_deleting_purge(home, page, front_cache, committed, change):
    with committed():
        other = StandardPageFactory(parent=home, title="Kontakt", slug="kontakt")
    front_cache.clear()

    with committed():
        if change == "unpublish":
            page.unpublish()
        elif change == "move":
            page.move(other, pos="last-child")
        else:
            page.delete()

    assert front_cache == [("/", "127.0.0.1:8000")]


def test_an_event_changed_purges_the_calendar_and_its_feeds(
    home, nordre_follo, front_cache, committed
):
    start = timezone.now() + datetime.timedelta(days=3)
    with committed():
        EventFactory(
            title="Kaffetreff",
            section=nordre_follo,
            start=start,
            end=start + datetime.timedelta(hours=2),
            languages=[],
        )

    assert front_cache == [("/", "127.0.0.1:8000")]


def test_a_rolled_back_change_sends_nothing(page, front_cache, committed):
    with committed():
        try:
            with transaction.atomic():
                page.title = "Aldri lagret"
                page.save()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass

    assert front_cache == []


def test_without_a_front_cache_nothing_is_sent(page, committed):
    with committed():
        page.title = "Om Bydelsmødre"
        page.save_revision().publish()
    # Nothing to assert on a server that does not exist: the publish went through.
    page.refresh_from_db()
    assert page.title == "Om Bydelsmødre"


def test_a_front_cache_that_is_away_does_not_stop_a_publish(page, committed, caplog):
    away = {
        "varnish0": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=away), committed():
        page.title = "Om Bydelsmødre"
        page.save_revision().publish()

    page.refresh_from_db()
    assert page.title == "Om Bydelsmødre"
    assert page.live
    assert any("Couldn't purge" in record.message for record in caplog.records)
