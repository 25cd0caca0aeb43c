"""`make serve-prod`: gunicorn with the production settings, on PostgreSQL and Redis.

Runs in the PostgreSQL pass of CI (DATABASE_URL names PostgreSQL) with Redis
at REDIS_URL or 127.0.0.1:6379: the command the README gives, on a fresh
database of its own, answered over HTTP on a free port of 127.0.0.1.
"""

import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from email.header import decode_header, make_header

import psycopg
import pytest

from tests.servers import SmtpServer, free_port, reachable, start, stop, wait_until_up

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")
STARTUP_SECONDS = 180
SITE_URL = "https://bydelsmor.test"


pytestmark = [
    pytest.mark.skipif(
        not DATABASE_URL.startswith("postgres") or not reachable(6379),
        reason="needs PostgreSQL (DATABASE_URL) and Redis, as in CI's PostgreSQL pass",
    ),
    # One after the other on one pytest-xdist worker: both run `make serve-prod`,
    # which collects the static files into the same folder.
    pytest.mark.xdist_group("servers"),
]


def _get(url, **headers):
    headers = {"X-Forwarded-Proto": "https", **headers}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http to 127.0.0.1
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def database():
    """A fresh, empty PostgreSQL database beside the test database, dropped afterwards."""
    name = f"bydelsmodre_serve_{secrets.token_hex(4)}"
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def smtp_server():
    """The mail server the site sends through (EMAIL_URL), a real one on 127.0.0.1."""
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def server(database, smtp_server, tmp_path_factory):
    """`make serve-prod` running, once for this module; its base URL."""
    tmp_path = tmp_path_factory.mktemp("serve-prod")
    port = free_port()
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # The public address check --deploy asks for: not this machine, which
        # the tests reach as 127.0.0.1 (Wagtail serves the default site there).
        "SITE_URL": SITE_URL,
        "DATABASE_URL": database,
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "DEFAULT_FROM_EMAIL": "Bydelsmødre <ikke-svar@bydelsmor.test>",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log_path = tmp_path / "serve-prod.log"
    process, log = start(
        ["make", "--no-print-directory", "serve-prod", f"PORT={port}", "WORKERS=2"],
        env,
        log_path,
    )
    try:
        wait_until_up(process, port, log_path, STARTUP_SECONDS)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process, log)


def test_serve_prod_serves_the_site_hardened_with_compressed_hashed_static(server):
    status, headers, body = _get(f"{server}/logg-inn/")

    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert not re.search(r"\d", headers.get("Server", ""))  # no version banner
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the stylesheet is linked by its hashed name"

    status, headers, _css = _get(
        server + stylesheet.group(1).decode(), **{"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")


def test_serve_prod_redirects_plain_http_and_hides_debug_pages(server):
    request = urllib.request.Request(f"{server}/logg-inn/")  # noqa: S310 - http to 127.0.0.1
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].startswith("https://")

    status, _headers, body = _get(f"{server}/finnes-ikke/")
    assert status == 404
    assert b"Traceback" not in body
    assert b"DEBUG" not in body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_password_link_is_sent_by_the_task_worker_over_smtp(server, database, smtp_server):
    """ "Forgot password?" on the site: the request queues the message, the worker sends it.

    The message arrives at a real SMTP server, in Norwegian, with a link to
    the site's public address and nothing of this machine's.
    """
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined)"
            " VALUES ('pbkdf2_sha256$1$salt$not-a-real-hash', false, 'amina', 'Amina', 'Haji',"
            " 'amina@example.no', false, true, now())"
        )
    status, headers, body = _get(f"{server}/glemt-passord/")
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    origin = "https://" + server.removeprefix("http://")
    request = urllib.request.Request(  # noqa: S310 - http to 127.0.0.1
        f"{server}/glemt-passord/",
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "email": "amina@example.no"}
        ).encode(),
        headers={
            "X-Forwarded-Proto": "https",
            "Cookie": f"csrftoken={cookie}",
            "Origin": origin,
            "Referer": f"{origin}/glemt-passord/",
        },
    )
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=10)
    assert answer.value.code == 302
    assert answer.value.headers["Location"].endswith("/glemt-passord/sendt/")

    (message,) = smtp_server.wait_for(1, seconds=60)

    assert smtp_server.envelopes == [("ikke-svar@bydelsmor.test", ["amina@example.no"])]
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject == "Nytt passord hos Bydelsmødre"
    text = message.get_payload(decode=True).decode(message.get_content_charset())
    assert "Hei Amina Haji" in text
    assert re.search(rf"{re.escape(SITE_URL)}/glemt-passord/[^/]+/[^/]+/", text)
    assert "localhost" not in text and "127.0.0.1" not in text
