"""Test settings: fast hashing, per-process cache, tasks run at once."""

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

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bydelsmodre-test-media-"))  # noqa: F405

# Serve static files from the finders, as in development; nothing is collected for tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
