"""A recording front cache: a real HTTP server on 127.0.0.1 standing where Varnish would.

It records the PURGE requests that ``cms.platform.frontcache`` sends it
(Wagtail's HTTP backend with a time-out). A plugin of tests/conftest.py, so
any test can ask for ``front_cache``.
"""

import http.server
import threading
import time

import pytest
from django.test import override_settings

from cms.platform import frontcache

#: What the recorder sees of one purge: the path and the Host header.
PURGE = ("/", "127.0.0.1:8000")
#: The second purge's delay in these tests.
AGAIN = 0.2


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purges.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def backends(port):
    return {
        "varnish0": {
            "BACKEND": "cms.platform.frontcache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }


@pytest.fixture
def front_cache(monkeypatch):
    """A recording front cache, configured as VARNISH_URL would; its list of purges."""
    monkeypatch.setattr(frontcache, "PURGE_AGAIN_SECONDS", AGAIN)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(WAGTAILFRONTENDCACHE=backends(server.server_address[1])):
        yield server.purges
        time.sleep(AGAIN * 3)  # no second purge left over for the next test
    server.shutdown()
    server.server_close()


def settled(purges):
    """The purges once the second one has had its time."""
    time.sleep(AGAIN * 3)
    return purges
