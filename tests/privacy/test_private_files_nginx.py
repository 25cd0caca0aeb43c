"""nginx, configured as the README says (config/nginx/locations.conf), sends private files.

Debian's nginx on 127.0.0.1 in front of the test site (pytest-django's live
server), with ``PRIVATE_MEDIA_SERVE=x-accel-redirect``: Django checks the
reader, nginx sends the file from the private folder, and nothing else of
that folder, nor of the media folder but public renditions, is reachable.
"""

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from wagtail.models import Collection

from tests.helpers.private_files import PNG, make_renditions, new_image
from tests.servers import PROJECT, free_port

NGINX = "/usr/sbin/nginx"

# The live server reads the database from its own thread, so the tests commit;
# the rows the migrations made (locales, the root collection) are put back
# after each, for the tests that follow on this worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONF = """
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        include {workdir}/locations.conf;
    }}
}}
"""


@pytest.fixture
def nginx(live_server, settings):
    """nginx before the live server, with the project's locations; its address."""
    if not Path(NGINX).exists():
        message = "needs Debian's nginx (apt-get install nginx-light; .ci/run does it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    workdir = Path(tempfile.mkdtemp(prefix="bydelsmodre-nginx-"))
    locations = (PROJECT / "config/nginx/locations.conf").read_text()
    for placeholder, value in (
        ("@MEDIA_ROOT@", str(django_settings.MEDIA_ROOT)),
        ("@PRIVATE_MEDIA_ROOT@", str(django_settings.PRIVATE_MEDIA_ROOT)),
        ("@APP@", live_server.url.removeprefix("http://")),
    ):
        locations = locations.replace(placeholder, value)
    (workdir / "locations.conf").write_text(locations)
    port = free_port()
    # As root, the workers would run as nobody, who may not read the test's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(CONF.format(workdir=workdir, port=port, user=user))
    process = subprocess.Popen(  # noqa: S603 - Debian's nginx with the project's locations
        [NGINX, "-c", str(workdir / "nginx.conf"), "-p", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail((workdir / "error.log").read_text())
            try:
                get(base, "/media/")
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def get(base, path, cookie=None):
    """(status, headers, body) of a GET through nginx."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our nginx
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def session_cookie(client, user):
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def test_nginx_sends_private_files_to_members_and_public_renditions_to_all(
    nginx, client, private_image, volunteer
):
    rendition = private_image.get_rendition("width-400")
    for name in (rendition.file.name, private_image.file.name):
        status, headers, body = get(nginx, f"/private-media/{name}")
        assert status == 404
        assert not body.startswith(PNG)

        status, headers, body = get(
            nginx, f"/private-media/{name}", cookie=session_cookie(client, volunteer.user)
        )
        assert status == 200
        assert body.startswith(PNG)
        assert "no-store" in headers["Cache-Control"]
        assert "private" in headers["Cache-Control"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "X-Accel-Redirect" not in headers

        # The private folder itself is nobody's address.
        status, _headers, body = get(nginx, f"/_private-media/{name}")
        assert status == 404
        assert not body.startswith(PNG)

    # Public renditions come straight from disk; nothing else of the media folder does.
    image = make_renditions(new_image(Collection.get_first_root_node(), "apen-nginx.png"))
    status, headers, body = get(nginx, image.renditions.first().url)
    assert (status, body[:4]) == (200, PNG)
    assert "Expires" in headers
    for path in (image.file.url, "/media/documents/", "/media/images/../original_images/"):
        status, _headers, body = get(nginx, path)
        assert status == 404, path
        assert not body.startswith(PNG)
