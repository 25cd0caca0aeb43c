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
one local HTTP request per front cache. Wagtail's per-page signal handlers
(the ``wagtail.contrib.frontend_cache`` app) are not installed: they would
queue purges of single pages, which this one purge already covers.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends


def purge_all():
    """Send one purge to every configured front cache now."""
    # Any address does: the VCL drops everything on any purge. The admin's
    # address names the site in Varnish's log, and asks no query (this also
    # runs at the end of migrations, before the sites' table exists).
    url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/"
    for backend in get_backends().values():
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
        purge_all()

    purge.unsent_purge = True
    transaction.on_commit(purge, robust=True)
