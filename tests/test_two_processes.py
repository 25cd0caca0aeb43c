"""Two app servers behind one PostgreSQL and one Redis: what one publishes, the other shows at once.

Runs in the PostgreSQL pass of CI. Server A is `make serve-prod` (migrate,
provision, collectstatic, gunicorn and its task worker); server B is a
second gunicorn on another port, started as a second machine would be. An
editor logs in to A's admin and publishes; a visitor reads B, whose page
cache had the old pages, and sees the change with the very next request.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis
from django.urls import reverse

from tests.servers import PROJECT, free_port, start, stop, wait_until_up
from tests.test_serve_prod import (  # noqa: F401 - pytestmark: the same skip rule and group
    DATABASE_URL,
    pytestmark,
)

#: A Redis database of this test's own, emptied before it starts.
REDIS_URL = "redis://127.0.0.1:6379/10"
STARTUP_SECONDS = 240
GUNICORN_CONFIG = "config/gunicorn.py"
PASSWORD = "et-langt-passord-for-redaktoren"
NEW_TITLE = "Nordre Follo Glimmerstein"
EVENT_TITLE = "Temakveld Solsikkeeng"


class Browser:
    """Just enough of a browser: cookies (also the Secure ones, as behind HTTPS), no redirects."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, path, data=None):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or ():
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.headers, response.read().decode()

    def get(self, path):
        return self.request(path)

    def post(self, path, **data):
        return self.request(path, {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _manage(env, *args, stdin=None):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Servers A and B on one fresh database, one Redis and one media folder, with the demo."""
    tmp_path = tmp_path_factory.mktemp("two-processes")
    name = f"bydelsmodre_two_{secrets.token_hex(4)}"
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    port_a, port_b = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DATABASE_URL.rsplit("/", 1)[0] + f"/{name}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    make_env = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
    started = []
    try:
        a = start(
            ["make", "--no-print-directory", "serve-prod", f"PORT={port_a}", "WORKERS=2"],
            make_env,
            tmp_path / "a.log",
        )
        started.append(a)
        wait_until_up(a[0], port_a, tmp_path / "a.log", STARTUP_SECONDS)
        _manage(env, "load_demo")
        _manage(env, "createsuperuser", "--noinput", "--username=redaktor", "--email=r@x.no")
        b = start(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "-c",
                "config/gunicorn.py",
            ],
            {**env, "PORT": str(port_b), "WORKERS": "2", "TASK_WORKER": "false"},
            tmp_path / "b.log",
        )
        started.append(b)
        wait_until_up(b[0], port_b, tmp_path / "b.log", STARTUP_SECONDS)
        yield {"a": f"http://127.0.0.1:{port_a}", "b": f"http://127.0.0.1:{port_b}", "env": env}
    finally:
        for process, log in started:
            stop(process, log)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def content(servers):
    """A draft title for Nordre Follo and a coming event there, as an editor might leave them."""
    out = _manage(
        servers["env"],
        "shell",
        stdin=f"""
import datetime
from django.utils import timezone
from cms.events.models import Event
from cms.sections.models import MunicipalityPage
page = MunicipalityPage.objects.get(slug="nordre-follo", locale__language_code="nb")
page.title = "{NEW_TITLE}"
page.save_revision()
from wagtail.models import Locale
start = timezone.now() + datetime.timedelta(days=1)
event = Event.objects.create(
    title="{EVENT_TITLE}",
    category=Event.objects.filter(locale__language_code="nb").first().category,
    section=page,
    start=start,
    end=start + datetime.timedelta(hours=2),
    place_name="Ski bibliotek",
    locale=Locale.get_default(),
    live=True,
)
print(page.pk, page.url, event.pk)
""",
    )
    page_id, url, event_id = out.split()[-3:]
    return {"page_id": int(page_id), "url": url, "event_id": int(event_id)}


@pytest.fixture(scope="module")
def editor(servers):
    """The editor logged in to server A's admin."""
    browser = Browser(servers["a"])
    browser.get("/admin/login/")
    status, headers, _body = browser.post("/admin/login/", username="redaktor", password=PASSWORD)
    assert status == 302, "the editor logs in"
    return browser


def _cached(browser, path):
    """Read ``path`` until server B answers it from its cache; the page's text."""
    seen = []
    for _ in range(3):
        status, headers, body = browser.get(path)
        assert status == 200
        if headers.get("X-Page-Cache") == "hit":
            return body
        seen.append({name: headers.get(name) for name in ("X-Page-Cache", "Set-Cookie", "Vary")})
    pytest.fail(f"{path} was never answered from the cache: {seen}")


def test_a_page_published_on_one_server_shows_on_the_other_at_once(servers, content, editor):
    visitor = Browser(servers["b"])
    assert NEW_TITLE not in _cached(visitor, content["url"])
    assert NEW_TITLE not in _cached(visitor, "/")

    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    status, _headers, body = editor.post(f"{path}?id={content['page_id']}")
    assert status == 302, body[:2000]

    status, headers, body = visitor.get(content["url"])
    assert headers["X-Page-Cache"] == "miss"
    assert f"<h1>{NEW_TITLE}</h1>" in body or NEW_TITLE in re.sub(r"\s+", " ", body)
    assert NEW_TITLE in visitor.get("/")[2]  # the front page's menu


def test_an_event_unpublished_on_one_server_leaves_the_other_at_once(servers, content, editor):
    visitor = Browser(servers["b"])
    for path in ("/arrangementer/", content["url"]):
        assert EVENT_TITLE in _cached(visitor, path)
    assert EVENT_TITLE in visitor.get("/arrangementer/ical/")[2]

    path = reverse("wagtailsnippets_cms_event:unpublish", args=[content["event_id"]])
    status, _headers, body = editor.post(path)
    assert status == 302, body[:2000]

    for path in ("/arrangementer/", content["url"], "/arrangementer/ical/"):
        status, _headers, body = visitor.get(path)
        assert status == 200
        assert EVENT_TITLE not in body, path


def test_a_login_on_one_server_holds_on_the_other(servers, editor):
    other = Browser(servers["b"])
    assert other.get("/admin/")[0] == 302  # to the login page

    other.cookies = dict(editor.cookies)
    status, _headers, body = other.get("/admin/")
    assert status == 200
    assert "redaktor" in body


def test_the_task_worker_indexes_what_was_published(servers, content, editor):
    """Wagtail's search indexing waits in the database for the worker that `serve-prod` started."""
    visitor = Browser(servers["b"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _status, _headers, body = visitor.get("/sok/?q=Glimmerstein")
        if f'href="{content["url"]}"' in body:
            break
        time.sleep(2)
    else:
        pytest.fail("the published title was not found by search within a minute")
