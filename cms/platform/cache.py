"""Django's Redis cache, which serves without Redis when Redis is down.

Everything this site keeps in the cache can be built again from the
database: whole pages, the chrome, feeds, restricted paths. Sessions are in
the database (``SESSION_ENGINE``), login throttling too (django-axes). So
when Redis stops, the right answer is a slower site, not errors: every cache
read is a miss, every write is dropped, and pages are built anew each time.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every call
instead, and django-redis's ``IGNORE_EXCEPTIONS``, which does what this does,
is a second Redis client beside Django's own: this subclass wraps Django's.

- **Fast while down.** After a failure the cache is left alone for
  ``RETRY_SECONDS`` (a circuit breaker), so a request does not wait for a
  connection timeout on every call; then one call tries again.
- **Said once.** The log says "unreachable" once when Redis goes away and
  "reachable again" once when it is back, per process, not per request.
- **Nothing stale after.** A write or delete dropped during the outage (a new
  content generation, a dropped feed) would leave old entries behind when
  Redis comes back with its data. So the first process to reach Redis again
  after its own outage deletes the site's keys (those under ``KEY_PREFIX``):
  one cold cache in return for never serving a page older than the outage.
- :func:`status` tells the health check what the cache is doing.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds after a failure before the cache is tried again.
RETRY_SECONDS = 5.0

#: Keys deleted per round trip when the site's keys are dropped after an outage.
_DELETE_BATCH = 500


class _Breaker:
    """Whether one Redis location is taken to be down, shared by the process's threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, or None
        self.retry_at = 0.0
        self.recovering = False  # the old keys are being dropped

    def open(self):
        return self.down_since is not None and (self.recovering or time.monotonic() < self.retry_at)


#: One breaker per Redis location in this process.
_breakers = {}
_breakers_lock = threading.Lock()


def _breaker(location):
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


def reset():
    """Forget every outage this process saw (for tests that start and stop Redis)."""
    with _breakers_lock:
        _breakers.clear()


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, whose calls answer "nothing kept" while Redis is down."""

    def __init__(self, servers, *, retry_seconds=RETRY_SECONDS, on_recovery=None, **options):
        super().__init__(servers, **options)
        self._location = servers[0]
        self._retry_seconds = retry_seconds
        self._on_recovery = on_recovery or (lambda: None)

    def _call(self, operation, fallback, *args):
        breaker = _breaker(self._location)
        # Down: wait out the pause, then ask (and drop the old keys) before
        # anything is read, so no entry from before the outage is served.
        if breaker.down_since is not None and (breaker.open() or not self.ping()):
            return fallback
        try:
            return operation(*args)
        except RedisError as error:
            self._failed(breaker, error)
            return fallback

    def _failed(self, breaker, error):
        with breaker.lock:
            first = breaker.down_since is None
            if first:
                breaker.down_since = time.monotonic()
            breaker.retry_at = time.monotonic() + self._retry_seconds
        if first:
            logger.warning(
                "Redis at %s is unreachable (%s): pages are served without the cache "
                "until it is back.",
                _redacted(self._location),
                error,
            )

    def _recovered(self, breaker):
        with breaker.lock:
            if breaker.down_since is None or breaker.recovering:
                return  # another thread saw it first
            breaker.recovering = True  # the process's other threads wait
        seconds = time.monotonic() - breaker.down_since
        logger.warning(
            "Redis at %s is reachable again after %.0f s: dropping the site's cached "
            "entries, which may be older than the outage.",
            _redacted(self._location),
            seconds,
        )
        try:
            self._on_recovery()
        except RedisError as error:
            with breaker.lock:
                breaker.recovering = False
            self._failed(breaker, error)
            return
        with breaker.lock:
            breaker.down_since = None
            breaker.recovering = False

    def add(self, key, value, timeout):
        return self._call(super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._call(super().get, default, key, default)

    def set(self, key, value, timeout):
        return self._call(super().set, None, key, value, timeout)

    def touch(self, key, timeout):
        return self._call(super().touch, False, key, timeout)

    def delete(self, key):
        return self._call(super().delete, False, key)

    def get_many(self, keys):
        return self._call(super().get_many, {}, keys)

    def has_key(self, key):
        return self._call(super().has_key, False, key)

    def incr(self, key, delta):
        missing = object()
        result = self._call(super().incr, missing, key, delta)
        if result is missing:  # as for a key the cache does not hold
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout):
        return self._call(super().set_many, None, data, timeout)

    def delete_many(self, keys):
        return self._call(super().delete_many, None, keys)

    def clear(self):
        return self._call(super().clear, False)

    def ping(self):
        """Ask Redis, whatever the breaker says; True if it answered (and note it)."""
        breaker = _breaker(self._location)
        try:
            self.get_client(write=True).ping()
        except RedisError as error:
            self._failed(breaker, error)
            return False
        if breaker.down_since is not None:
            self._recovered(breaker)
        return breaker.down_since is None  # not while the old keys are dropped


class ResilientRedisCache(RedisCache):
    """``RedisCache`` with :class:`ResilientRedisCacheClient`.

    ``RETRY_SECONDS`` in the cache's settings (beside ``LOCATION``) sets the
    pause after a failure; ``OPTIONS`` go to redis-py's connection pool as in
    Django (``socket_connect_timeout`` and ``socket_timeout`` bound how long a
    call waits for a Redis that does not answer).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
        self._options = {
            **self._options,
            "retry_seconds": float(params.get("RETRY_SECONDS", RETRY_SECONDS)),
            "on_recovery": self._drop_own_keys,
        }

    def _drop_own_keys(self):
        """Delete the keys under this cache's prefix (all of its database if it has none)."""
        client = self._cache.get_client(write=True)
        if not self.key_prefix:
            client.flushdb()
            return
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=_DELETE_BATCH):
            batch.append(key)
            if len(batch) >= _DELETE_BATCH:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)

    def ping(self):
        return self._cache.ping()


def status(alias="default"):
    """What the cache ``alias`` is doing: ``"ok"``, ``"unavailable"`` or ``"local"``.

    ``"local"``: a cache in each process's memory (no ``REDIS_URL``), never down.
    """
    backend = caches[alias]
    if not isinstance(backend, ResilientRedisCache):
        return "local" if backend.__class__.__name__ == "LocMemCache" else "ok"
    return "ok" if backend.ping() else "unavailable"


def _redacted(location):
    """The address without a password, for the log."""
    scheme, sep, rest = location.partition("://")
    if "@" in rest:
        rest = "***@" + rest.rsplit("@", 1)[1]
    return scheme + sep + rest
