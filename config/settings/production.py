"""Production: every secret and address comes from the environment.

The process refuses to start when SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL or
REDIS_URL is missing, so a half-configured server never serves pages.
SITE_URL, the public address (base), is checked by ``check --deploy``
(cms.platform.siteurl), which ``make serve-prod`` runs before anything else.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .s3 import s3_storages


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
_required("DATABASE_URL")  # read by dj_database_url in base
_required("REDIS_URL")  # turns on the shared Redis cache in base

DEBUG = False

# Each gunicorn worker keeps its database connection between requests (a new
# PostgreSQL connection costs milliseconds per page), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # PostgreSQL's JIT compiles a query whose estimated cost crosses a
    # threshold: 640 ms of compiling for a 150 ms query of the translation
    # overview (bench/README.md). A site's short queries never gain from it.
    # random_page_cost 1.1 (from 4) says the disk is an SSD: the activity
    # report then reads a section's rows through their indexes (21 ms, not 45).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c jit=off -c random_page_cost=1.1"
    )

# Sessions live in the database only, so every app process sees a login at
# once and a Redis outage logs nobody out. Not ``cached_db``: a logout or a
# password change made while Redis is unreachable could not drop the copy in
# Redis, which would bring the old session back with Redis. It costs one
# query per logged-in request; anonymous pages read no session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible storage when a bucket is named (pip install -e ".[s3]";
# credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3):
# what goes where is in config/settings/s3.py. The renditions' host (the
# bucket's or its CDN's) must be in CSP_MEDIA_ORIGINS.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES.update(
        s3_storages(
            bucket_name=os.environ["AWS_STORAGE_BUCKET_NAME"],
            endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            region_name=os.environ.get("AWS_S3_REGION_NAME") or None,
            custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        )
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
# Joining the browsers' HSTS preload list binds the whole domain for years: the
# domain owner decides that, not this code, so check --deploy need not nag.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
# Wagtail's background tasks wait in the database for `manage.py db_worker`,
# which `make serve-prod` starts beside gunicorn (config/gunicorn.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
