"""Test settings: fast hashing, per-process cache, tasks run at once."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False

# Throwaway key for the test suite only.
SECRET_KEY = "test-only-insecure-key"  # noqa: S105

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Wagtail 8 indexes search and references in background tasks; run them inline.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Django's test set-up puts its locmem backend in EMAIL_BACKEND; tests of the
# queue (tests/platform/test_mail.py) put the queue back, delivering here.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests see each page built, and count its queries; the page cache's own
# tests turn it on (tests/cms/test_pagecache.py).
PAGE_CACHE_SECONDS = 0

# A folder of its own per test run, unless a test that starts a server names one.
MEDIA_ROOT = Path(  # noqa: F405
    os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="bydelsmodre-test-media-")
)
PRIVATE_MEDIA_ROOT = Path(  # noqa: F405
    os.environ.get("PRIVATE_MEDIA_ROOT")
    or tempfile.mkdtemp(prefix="bydelsmodre-test-private-media-")
)

# Serve static files from the finders, as in development; nothing is collected for tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
