"""Versioned cache keys: one generation per kind of cached thing, started anew on change.

Cached pages and feeds are kept under the current generation's key, so a
change drops all of them at once, in every app process, without listing
their keys. A generation is a random value, not a counter: an evicted counter
could come back to an old number and bring old entries back with it.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

from cms.core.memo import request_memo


class Generation:
    """The current generation of one kind of cached thing, under ``key``."""

    def __init__(self, key):
        self.key = key

    def current(self):
        """The current generation, made if the cache has none; None if it is unreachable.

        Read once per request (``cms.core.memo``): a page keeps a dozen
        things under it, and each read is a round trip to Redis.
        """
        seen = request_memo("generations")
        if seen is not None and self.key in seen:
            return seen[self.key]
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            value = cache.get(self.key)
        if seen is not None and value is not None:  # None: the cache is unreachable
            seen[self.key] = value
        return value

    def renew(self):
        """A new generation now."""
        value = uuid.uuid4().hex
        cache.set(self.key, value, None)
        seen = request_memo("generations")
        if seen is not None:
            seen[self.key] = value  # this request's own change shows in it

    def keep(self, name, compute, seconds=None):
        """The value kept as ``name`` in the current generation, computed if missing.

        A new generation leaves it behind; it expires after ``seconds``
        (``KEEP_SECONDS``) in any case, so a quiet site does not keep old
        generations' values.
        """
        generation = self.current()
        if generation is None:  # the cache is unreachable: nothing is kept
            return compute()
        return cached(f"{_safe(name)}:{generation}", compute, seconds or KEEP_SECONDS)

    def put(self, name, value):
        """Keep ``value`` as ``name`` in the current generation, in place of what was kept."""
        generation = self.current()
        if generation is not None:
            cache.set(f"{_safe(name)}:{generation}", value, KEEP_SECONDS)

    def changed(self):
        """A new generation now, and again when the change is committed.

        An entry that another process builds in between still reads the old
        rows, and is kept under the generation that the commit then leaves
        behind.
        """
        self.renew()
        transaction.on_commit(self.renew)


#: Seconds a value kept under a generation (``Generation.keep``) lives at most.
KEEP_SECONDS = 24 * 60 * 60

#: The generation of the public content: a new one on any change to what a
#: public page may show (``cms.platform.pagecache`` starts it). Kept pages,
#: the chrome and the restricted paths are kept under it.
content = Generation("pages:generation")


def _safe(name):
    """``name``, or its digest if it is long or holds spaces (an address's query string)."""
    if len(name) <= 160 and name.isprintable() and " " not in name:
        return name
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()


def cached(key, compute, timeout=None):
    """The value under ``key``, computed and kept if missing (``timeout`` None: for ever)."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
