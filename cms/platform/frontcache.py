"""The front cache (Varnish, config/varnish/) is told when the content changes.

Every change that starts a new page-cache generation (``cms.platform.pagecache``:
a published, unpublished, moved or deleted page, an event, a setting, an
image…) also sends one ``PURGE`` to each front cache when the transaction
commits, through the HTTP backend of ``wagtail.contrib.frontend_cache``
(``WAGTAILFRONTENDCACHE``, set from ``VARNISH_URL``). The VCL takes any
purge to drop every kept page and feed: the section, calendar, front page,
feeds and sitemap that show the change, and every other page whose menu or
footer does.

Sent at once rather than queued (Wagtail's own ``purge_urls_from_cache``
queues a task for the worker): a visitor must see a publish with her next
request, not after the worker's next round. It costs the editor's request
one local HTTP request per front cache, which waits ``PURGE_TIMEOUT`` at
most. Wagtail's per-page signal handlers (the ``wagtail.contrib.frontend_cache``
app) are not installed: they would queue purges of single pages, which this
one purge already covers.

The purge is sent again ``PURGE_AGAIN_SECONDS`` later: a page whose request
read the rows before the commit and reached Varnish after the purge would
be kept with the old content (as ``Generation.changed`` renews twice).
"""

import logging
import threading
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import wagtail
from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")

#: Seconds a purge waits for the front cache's answer.
PURGE_TIMEOUT = 2
#: Seconds after the first purge that a second one is sent.
PURGE_AGAIN_SECONDS = 5


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend, which waits at most ``PURGE_TIMEOUT`` seconds.

    Wagtail's waits for ever: a front cache that hangs would hold the
    editor's request (already committed) until gunicorn ends it.
    """

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        address = urlunsplit(
            [self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]
        )
        request = PurgeRequest(
            url=address,
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail.__version__}"},
        )
        try:
            with urlopen(request, timeout=PURGE_TIMEOUT):  # noqa: S310 - the configured cache
                pass
        except (URLError, OSError) as error:  # HTTPError is a URLError; a time-out an OSError
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)


def purge_all(backends=None):
    """Send one purge to every configured front cache (or to ``backends``) now."""
    # Any address does: the VCL drops everything on any purge. The admin's
    # address names the site in Varnish's log, and asks no query (this also
    # runs at the end of migrations, before the sites' table exists).
    url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/"
    for backend in (backends if backends is not None else get_backends()).values():
        backend.purge(url)  # logs, never raises, when a front cache is away


def content_changed():
    """Purge the front caches when the current transaction commits, once per transaction."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # One purge for all the rows a publish saves. Django keeps the callbacks
    # of the open transaction in ``run_on_commit`` as (savepoints, callback,
    # robust); a rolled-back savepoint drops its own, and the purge with them.
    pending = transaction.get_connection().run_on_commit
    if any(getattr(callback, "unsent_purge", False) for _ids, callback, _r in pending):
        return

    def purge():
        purge.unsent_purge = False
        backends = get_backends()
        purge_all(backends)
        again = threading.Timer(PURGE_AGAIN_SECONDS, purge_all, args=[backends])
        again.daemon = True
        again.start()

    purge.unsent_purge = True
    transaction.on_commit(purge, robust=True)
