"""What one request reads once: a memo that lives as long as the request.

``cms.platform.locales.RequestMemoMiddleware`` opens it around every
request. Each user keeps its own dict in it under a name: the locale table
(``cms.platform.locales``), the cache generations (``cms.core.cache``).
Outside a request (management commands, tasks, the tests' own set-up) there
is none, and every read goes to its source.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_memo = ContextVar("request_memo", default=None)


@contextmanager
def request_scope():
    """A fresh memo for the block (one request)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def request_memo(name):
    """The request's dict for ``name``, or None outside a request."""
    memo = _memo.get()
    return None if memo is None else memo.setdefault(name, {})
