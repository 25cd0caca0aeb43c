"""Two app servers behind one PostgreSQL and one Redis, and Varnish in front of one of them.

What one server publishes, the other shows at once, and so does the Varnish
in front of it (config/varnish/), which server A purges.

Runs in the PostgreSQL pass of CI. Server A is `make serve-prod` (migrate,
provision, collectstatic, gunicorn and its task worker); server B is a
second gunicorn on another port, started as a second machine would be. An
editor logs in to A's admin and publishes; a visitor reads B, whose page
cache had the old pages, and sees the change with the very next request.
"""

import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
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
SITE_URL = "https://bydelsmor.test"
GUNICORN_CONFIG = "config/gunicorn.py"
PASSWORD = "et-langt-passord-for-redaktoren"
NEW_TITLE = "Nordre Follo Glimmerstein"
EVENT_TITLE = "Temakveld Solsikkeeng"


class Browser:
    """Just enough of a browser: cookies (also the Secure ones, as behind HTTPS), no redirects."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, path, data=None, **extra):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1{path}", **extra}
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
            # Pictures come back as text too, their bytes that are not UTF-8 replaced.
            return response.status, response.headers, response.read().decode(errors="replace")

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
    if not shutil.which("varnishd") and not Path("/usr/sbin/varnishd").exists():
        message = "needs Debian's varnish (apt-get install varnish; make serve-varnish does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    tmp_path = tmp_path_factory.mktemp("two-processes")
    name = f"bydelsmodre_two_{secrets.token_hex(4)}"
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    port_a, port_b, port_varnish, port_purge = free_port(), free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # The public address check --deploy asks for: not this machine, which
        # the tests reach as 127.0.0.1 (Wagtail serves the default site there).
        "SITE_URL": SITE_URL,
        "DATABASE_URL": DATABASE_URL.rsplit("/", 1)[0] + f"/{name}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        # Both servers purge the Varnish in front of B when the content changes.
        "VARNISH_URL": f"http://127.0.0.1:{port_purge}",
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
        varnish = start(
            [sys.executable, "config/varnish/serve.py"],
            {
                **env,
                "PORT": str(port_b),
                "VARNISH_PORT": str(port_varnish),
                "VARNISH_PURGE_PORT": str(port_purge),
            },
            tmp_path / "varnish.log",
        )
        started.append(varnish)
        wait_until_up(varnish[0], port_varnish, tmp_path / "varnish.log", 60)
        yield {
            "a": f"http://127.0.0.1:{port_a}",
            "b": f"http://127.0.0.1:{port_b}",
            "varnish": f"http://127.0.0.1:{port_varnish}",
            "purge": port_purge,
            "env": env,
        }
    finally:
        for process, log in started:
            stop(process, log)
        shutil.rmtree(Path(tempfile.gettempdir()) / f"varnish-{port_varnish}", ignore_errors=True)
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
    """Read ``path`` until server B answers it from its page cache; the page's text."""
    return _kept(browser, path, "X-Page-Cache", "hit")


def _held(browser, path):
    """Read ``path`` through Varnish until Varnish answers it from its cache; the page's text."""
    return _kept(browser, path, "X-Cache", "HIT")


def _kept(browser, path, header, hit):
    seen = []
    for _ in range(3):
        status, headers, body = browser.get(path)
        assert status == 200
        if headers.get(header) == hit:
            return body
        seen.append({name: headers.get(name) for name in (header, "Set-Cookie", "Vary")})
    pytest.fail(f"{path} was never answered from the cache ({header}): {seen}")


def test_a_page_published_on_one_server_shows_on_the_other_at_once(servers, content, editor):
    visitor = Browser(servers["b"])
    assert NEW_TITLE not in _cached(visitor, content["url"])
    assert NEW_TITLE not in _cached(visitor, "/")
    through = Browser(servers["varnish"])
    for path in (content["url"], "/", "/en/", "/sitemap.xml"):
        assert NEW_TITLE not in _held(through, path)

    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    status, _headers, body = editor.post(f"{path}?id={content['page_id']}")
    assert status == 302, body[:2000]

    status, headers, body = visitor.get(content["url"])
    assert headers["X-Page-Cache"] == "miss"
    assert f"<h1>{NEW_TITLE}</h1>" in body or NEW_TITLE in re.sub(r"\s+", " ", body)
    assert NEW_TITLE in visitor.get("/")[2]  # the front page's menu

    # Through Varnish in front of B: server A's purge dropped the kept copies.
    status, headers, body = through.get(content["url"])
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert NEW_TITLE in re.sub(r"\s+", " ", body)
    assert NEW_TITLE in through.get("/")[2]
    assert NEW_TITLE in _held(through, content["url"])  # and kept again


def test_an_event_unpublished_on_one_server_leaves_the_other_at_once(servers, content, editor):
    visitor = Browser(servers["b"])
    for path in ("/arrangementer/", content["url"]):
        assert EVENT_TITLE in _cached(visitor, path)
    assert EVENT_TITLE in visitor.get("/arrangementer/ical/")[2]
    through = Browser(servers["varnish"])
    for path in ("/arrangementer/", content["url"], "/arrangementer/ical/"):
        assert EVENT_TITLE in _held(through, path)

    path = reverse("wagtailsnippets_cms_event:unpublish", args=[content["event_id"]])
    status, _headers, body = editor.post(path)
    assert status == 302, body[:2000]

    for browser in (visitor, through):
        for path in ("/arrangementer/", content["url"], "/arrangementer/ical/"):
            status, _headers, body = browser.get(path)
            assert status == 200
            assert EVENT_TITLE not in body, (browser.base, path)


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


# --- Varnish in front of server B (config/varnish/default.vcl) --------------------------


def test_varnish_keeps_each_language_apart(servers):
    through = Browser(servers["varnish"])
    for path, language in (
        ("/", "nb"),
        ("/en/", "en"),
        ("/ar/", "ar"),
        ("/so/nordre-follo/", "so"),
    ):
        body = _held(through, path)
        assert re.search(rf'<html[^>]* lang="{language}"', body), path


def test_varnish_never_keeps_a_page_for_someone_logged_in(servers, editor):
    """The private area: refused to anonymous visitors, shown to the logged-in editor."""
    through = Browser(servers["varnish"])
    for _ in range(2):
        status, headers, _body = through.get("/frivillig/")
        assert status == 302  # to the login page, whether kept or not
    through.cookies = dict(editor.cookies)
    for _ in range(2):
        status, headers, _body = through.get("/frivillig/")
        assert (status, headers["X-Cache"]) == (200, "MISS")


def test_varnish_never_keeps_a_form_with_its_csrf_token(servers):
    through = Browser(servers["varnish"])
    tokens = []
    for _ in range(2):
        status, headers, body = through.get("/logg-inn/")
        assert (status, headers["X-Cache"]) == (200, "MISS")
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1))
    assert tokens[0] != tokens[1]


def test_varnish_never_keeps_a_private_image(servers, editor):
    """A training image's rendition: 404 for a visitor, the picture for the editor, never kept."""
    name = _manage(
        servers["env"],
        "shell",
        stdin="""
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from cms.privacy.restrictions import training_collection
image = get_image_model().objects.create(
    title="Samling", collection=training_collection(), file=get_test_image_file("samling.png")
)
print(image.get_rendition("width-400").file.name)
""",
    ).split()[-1]
    assert name.startswith("images/~")
    through = Browser(servers["varnish"])
    for _ in range(2):
        status, headers, body = through.get(f"/private-media/{name}")
        assert (status, headers["X-Cache"]) == (404, "MISS")
        assert "PNG" not in body
    through.cookies = dict(editor.cookies)
    for _ in range(2):
        status, headers, body = through.get(f"/private-media/{name}")
        assert (status, headers["X-Cache"]) == (200, "MISS")
        assert body[1:4] == "PNG"
        assert "no-store" in headers["Cache-Control"]


def test_varnish_keeps_static_files(servers):
    through = Browser(servers["varnish"])
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', through.get("/")[2])
    assert stylesheet, "the page links its stylesheet"
    status, headers, _body = through.get(stylesheet.group(1))
    assert status == 200
    assert _held(through, stylesheet.group(1)) is not None


def _purge(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("PURGE", "/", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_varnish_takes_purges_only_on_its_purge_port(servers):
    """Behind a TLS proxy on the same machine every visitor comes from 127.0.0.1."""
    through = Browser(servers["varnish"])
    _held(through, "/")
    visitors_port = int(servers["varnish"].rsplit(":", 1)[1])

    assert _purge(visitors_port) == 405
    assert through.get("/")[1]["X-Cache"] == "HIT", "the refused purge dropped nothing"

    assert _purge(servers["purge"]) == 200
    assert through.get("/")[1]["X-Cache"] == "MISS"


def test_varnish_keeps_one_copy_for_visitors_with_other_cookies(servers):
    """A CSRF cookie from an earlier form, or a cookie of another site's script."""
    through = Browser(servers["varnish"])
    through.cookies = {"csrftoken": "x" * 32, "_pk_id": "abc"}
    _held(through, "/en/om-oss/")  # fetched for her, with her cookies: one copy all the same

    other = Browser(servers["varnish"])
    other.cookies = {"csrftoken": "y" * 32}
    status, headers, _body = other.get("/en/om-oss/")
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert "Cookie" in headers["Vary"], "browsers still keep a copy per login"


def test_a_visitor_cannot_hand_varnish_a_cookie_through_its_own_header(servers, editor):
    through = Browser(servers["varnish"])
    session = "; ".join(f"{name}={value}" for name, value in editor.cookies.items())

    status, _headers, _body = through.request("/frivillig/", **{"X-Kept-Cookie": session})

    assert status == 302, "not logged in as the editor"
