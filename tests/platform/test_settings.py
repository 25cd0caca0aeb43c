"""Production settings refuse to start half-configured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

FULL_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "bydelsmodre.no",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/bydelsmodre",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.ALLOWED_HOSTS)"
)


def load_production_settings(env, args=("-c", SHOW_SETTINGS)):
    clean = {k: v for k, v in os.environ.items() if k not in FULL_ENV}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, *args],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_starts_with_everything_set():
    result = load_production_settings(FULL_ENV)
    assert result.returncode == 0, result.stderr
    assert "False ['bydelsmodre.no']" in result.stdout


@pytest.mark.parametrize("missing", sorted(FULL_ENV))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in FULL_ENV.items() if k != missing}
    result = load_production_settings(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_an_empty_secret_key():
    result = load_production_settings({**FULL_ENV, "SECRET_KEY": "  "})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_djangos_deployment_checklist():
    """HTTPS redirect, secure cookies, HSTS and the rest: ``check --deploy`` is clean."""
    env = {
        **FULL_ENV,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": "https://bydelsmodre.no",
    }
    result = load_production_settings(
        env, args=("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


MACHINE_TRANSLATOR = (
    "import django; django.setup(); from django.conf import settings; "
    "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None))"
)


def test_machine_translation_is_off_unless_a_self_hosted_service_is_named():
    """No text leaves the server by default; LIBRETRANSLATE_URL turns on a self-hosted one."""
    off = load_production_settings(FULL_ENV, args=("-c", MACHINE_TRANSLATOR))
    assert off.returncode == 0, off.stderr
    assert off.stdout.strip() == "None"

    env = {**FULL_ENV, "LIBRETRANSLATE_URL": "http://127.0.0.1:5000"}
    on = load_production_settings(env, args=("-c", MACHINE_TRANSLATOR))
    assert on.returncode == 0, on.stderr
    assert "LibreTranslator" in on.stdout
    assert "http://127.0.0.1:5000" in on.stdout


S3_SETTINGS = """
import django; django.setup()
from django.conf import settings
from django.core.files.storage import storages

def show(storage):
    print(type(storage).__name__, storage.bucket_name, storage.location or "-",
          storage.default_acl, storage.querystring_auth, storage.custom_domain)

media, renditions = storages["default"], storages["renditions"]
print(type(media).__name__, type(renditions).__name__)
for storage in (media.public, media.private, renditions.public, renditions.private):
    show(storage)
print(media.private.querystring_expire, renditions.private.querystring_expire)
name = renditions.get_available_name("images/kurs.fill-400x300.jpg")
print(name); print(renditions.url(name))
name = renditions.get_available_name("images/~kurs.fill-400x300.jpg")
print(name); print(renditions.url(name))
print(media.url("original_images/~kurs.png"))
print(" ".join(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]))
"""


def test_production_puts_media_on_s3_when_a_bucket_is_named():
    result = load_production_settings(
        {
            **FULL_ENV,
            "AWS_STORAGE_BUCKET_NAME": "bydelsmodre-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.bydelsmodre.no",
            "CSP_MEDIA_ORIGINS": "https://media.bydelsmodre.no",
        },
        args=("-c", S3_SETTINGS),
    )
    assert result.returncode == 0, result.stderr
    (
        kinds,
        originals,
        private_files,
        public_renditions,
        private_renditions,
        expires,
        name,
        url,
        private_name,
        private_url,
        private_original_url,
        img_src,
    ) = result.stdout.splitlines()
    # Private files (restricted collections) are kept apart by their names.
    assert kinds == "PrivacySplitStorage PrivacySplitStorage"
    # Originals: private objects, reached only through signed URLs or Django's
    # views, never through the CDN (which could not sign for the bucket).
    assert originals == "S3Storage bydelsmodre-media - private True None"
    # Private files: under private/, private objects, signed for a minute, never
    # through the CDN, which would keep them for anyone with the address.
    assert private_files == "PrivateS3Storage bydelsmodre-media private private True None"
    assert private_renditions == (
        "UnguessablePrivateS3Storage bydelsmodre-media private private True None"
    )
    assert expires == "60 60"
    # Public renditions: unsigned, read straight from the bucket or its CDN.
    assert public_renditions == (
        "UnguessableS3Storage bydelsmodre-media renditions None False media.bydelsmodre.no"
    )
    assert name.startswith("images/kurs.fill-400x300.") and name.endswith(".jpg")
    assert len(name) > len("images/kurs.fill-400x300.jpg") + 10  # the random token
    assert url == f"https://media.bydelsmodre.no/renditions/{name}"
    # A private rendition's address is the checked view's, not the bucket's.
    assert private_name.startswith("images/~kurs.fill-400x300.") and private_name != name
    assert private_url == f"/private-media/{private_name}"
    assert private_original_url == "/private-media/original_images/~kurs.png"
    assert img_src == "'self' data: https://media.bydelsmodre.no"


def production_shows(*expressions):
    """What each Python expression gives under the production settings (one word each)."""
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import storages; "
        f"print({', '.join(expressions)})"
    )
    result = load_production_settings(FULL_ENV, args=("-c", script))
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_keeps_media_on_disk_without_a_bucket():
    assert production_shows(
        "type(storages['default']).__name__",
        "type(storages['default'].public).__name__",
        "type(storages['default'].private).__name__",
        "type(storages['renditions']).__name__",
        "type(storages['renditions'].public).__name__",
        "type(storages['renditions'].private).__name__",
    ) == [
        "PrivacySplitStorage",
        "FileSystemStorage",
        "PrivateFileSystemStorage",
        "PrivacySplitStorage",
        "UnguessableFileSystemStorage",
        "UnguessablePrivateFileSystemStorage",
    ]


def test_production_serves_through_a_redis_outage():
    """The cache that answers "nothing kept" while Redis is down, sessions that need no Redis."""
    assert production_shows("settings.CACHES['default']['BACKEND']", "settings.SESSION_ENGINE") == [
        "cms.platform.cache.ResilientRedisCache",
        "django.contrib.sessions.backends.db",
    ]


def test_production_turns_postgresqls_jit_off_and_counts_on_an_ssd():
    assert production_shows("repr(settings.DATABASES['default']['OPTIONS']['options'])") == [
        "'-c",
        "jit=off",
        "-c",
        "random_page_cost=1.1'",
    ]
