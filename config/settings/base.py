"""Settings shared by every environment.

Nothing secret lives here and ``DEBUG`` is off; ``dev``, ``test`` and
``production`` build on this module. Values that differ between machines come
from environment variables.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False

INSTALLED_APPS = [
    "home",
    "cms",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a kept page gets the policy of today's settings.
    "cms.platform.security.SiteCSPMiddleware",
    # A NUL byte is a 500 on PostgreSQL wherever it reaches a query: refused first.
    "cms.platform.requestguard.RequestGuardMiddleware",
    # Wagtail reads a Locale row per lookup, and each kept thing its cache
    # generation: one read of each per request instead (cms.core.memo).
    "cms.platform.locales.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything reads the session (cms.platform.pagecache).
    "cms.platform.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# --- Content-Security-Policy (django-csp, cms.platform.security) -----------------------
# The site loads nothing but its own files: no inline script or style, no
# third-party fonts or scripts. Video blocks embed players from YouTube and
# Vimeo. Image renditions on S3 add their host in production.
CSP_MEDIA_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSP_MEDIA_ORIGINS", "").split(",") if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
_SITE_CSP = CONTENT_SECURITY_POLICY["DIRECTIVES"]
# What changes under /admin/ and in previews: the Wagtail admin's inline
# scripts (its widgets start from them, with different contents on every
# form, so neither hashes nor nonces can name them) and styles, images it
# previews from blob: URLs, and its own page previews in a frame.
ADMIN_CSP_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": [*_SITE_CSP["img-src"], "blob:"],
    "frame-src": ["'self'", *_SITE_CSP["frame-src"]],
    "frame-ancestors": ["'self'"],
}
# Editors' e-mail addresses are not sent to Gravatar (nor allowed by the policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Public page cache (cms.platform.pagecache) ----------------------------------------
# Whole pages for anonymous visitors, dropped at once when any content
# changes; kept at most this long, as lists of coming events age by
# themselves. 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# --- Front cache (config/varnish/, cms.platform.frontcache) ----------------------------
# VARNISH_URL: the purge ports of the Varnish servers in front of the app
# (comma-separated), each sent a PURGE when the content changes.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        # wagtail.contrib.frontend_cache's HTTPBackend, with a time-out.
        "BACKEND": "cms.platform.frontcache.VarnishBackend",
        "LOCATION": url.strip(),
    }
    for number, url in enumerate(os.environ.get("VARNISH_URL", "").split(","))
    if url.strip()
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# DATABASE_URL selects the database; without it, an SQLite file in the project.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL turns on the shared Redis cache; without it, a per-process cache.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, serving uncached while Redis is down.
            "BACKEND": "cms.platform.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "bydelsmodre",
            # A Redis that does not answer costs a request at most this long,
            # then the cache is left alone for RETRY_SECONDS.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            "RETRY_SECONDS": 5,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Event rights follow the rights on the event's section page.
    "cms.events.permissions.SectionEventBackend",
    # Translators edit the modules' translations into their languages.
    "cms.curriculum.permissions.TranslatorModuleBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Logging in ---------------------------------------------------------------
# Volunteers log in on the site itself (cms.volunteers.accounts), in the site's design and
# language; the Wagtail admin keeps its own login for editors.
LOGIN_URL = "login"
LOGOUT_REDIRECT_URL = "/"
# A URL name, so the login page is in the language of the page that sent you.
WAGTAIL_FRONTEND_LOGIN_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# django-axes throttles failed logins on every login form, the admin's too:
# after AXES_FAILURE_LIMIT failures for one username, or from one address,
# that username or address waits AXES_COOLOFF_TIME (not locked for good).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "cms.volunteers.accounts.client_ip"
AXES_USERNAME_CALLABLE = "cms.volunteers.accounts.client_username"
# How many reverse proxies stand in front of the app (production sets it).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# --- Languages -------------------------------------------------------------
# Norwegian Bokmål is the default and is served without a URL prefix; every
# other language lives under its own prefix (/en/, /ar/, ...).
LANGUAGE_CODE = "nb"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Django ships no locale data for Somali or Tigrinya. Without a LANG_INFO entry
# *and* a compiled catalog in LOCALE_PATHS, Django's check_for_language() is
# false and pages in that language quietly answer 404.
LANG_INFO.update(
    {
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    }
)

LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("ur", _("Urdu")),
    ("pl", _("Polish")),
    ("ti", _("Tigrinya")),
    ("fa", _("Persian")),
    ("tr", _("Turkish")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files and media -----------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Images and documents in a restricted collection (training material) never
# sit in MEDIA_ROOT: their originals and renditions live here, outside what a
# web server serves, and reach readers only through the checked view at
# PRIVATE_MEDIA_URL (cms.platform.storage, cms.privacy.media). How that view
# hands a file over: "django" streams it; "x-accel-redirect" (nginx) and
# "x-sendfile" (Apache, Caddy, lighttpd) let the web server send it after the
# check; see the README. On S3 it answers with a signed URL instead.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
PRIVATE_MEDIA_URL = "/private-media/"
PRIVATE_MEDIA_SERVE = os.environ.get("PRIVATE_MEDIA_SERVE", "django")
PRIVATE_MEDIA_INTERNAL_URL = os.environ.get("PRIVATE_MEDIA_INTERNAL_URL", "/_private-media/")
PRIVATE_MEDIA_SIGNED_SECONDS = int(os.environ.get("PRIVATE_MEDIA_SIGNED_SECONDS", "60"))


def split_storage(public, private):
    """A storage keeping files marked private apart from the others (cms.platform.storage)."""
    return {
        "BACKEND": "cms.platform.storage.PrivacySplitStorage",
        "OPTIONS": {"public": {"BACKEND": public}, "private": {"BACKEND": private}},
    }


STORAGES = {
    "default": split_storage(
        "django.core.files.storage.FileSystemStorage",
        "cms.platform.storage.PrivateFileSystemStorage",
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Image renditions get random file names, so none can be derived from an
    # image's name (cms.platform.storage).
    "renditions": split_storage(
        "cms.platform.storage.UnguessableFileSystemStorage",
        "cms.platform.storage.UnguessablePrivateFileSystemStorage",
    ),
}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

# Wagtail's page editor can post many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Bydelsmødre"
# The site's public address (https://bydelsmor.no), once: canonical and
# hreflang links, the sitemap, feeds, iCal files and e-mails use it, through
# the default Wagtail site that migrate and provision_sections point at it
# (cms.platform.siteurl). Unset in development; check --deploy refuses that.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
# The admin's address in Wagtail's e-mails: the site's, unless set apart.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")

# --- E-mail -----------------------------------------------------------------
# Every message Django sends waits on the task queue and is sent by the task
# worker (cms.platform.mail), which tries a failed send again; the delivery
# backend is SMTP from EMAIL_URL (smtp://user:password@host:587/?tls=True,
# parsed by dj-email-url) or from EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and EMAIL_USE_SSL; development prints
# messages on the console instead.
EMAIL_BACKEND = "cms.platform.mail.QueuedEmailBackend"
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
    _email.pop("EMAIL_FILE_PATH", None)
    globals().update({name: value for name, value in _email.items() if value is not None})
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() == "true"
    EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "").lower() == "true"
# A mail server that does not answer holds the worker at most this long.
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Bydelsmødre <ikke-svar@bydelsmor.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Wagtail's workflow e-mails (a page or an event waiting for approval,
# approved, rejected), in each person's language; she turns each kind off
# in her account settings, as she does the coordinators' notifications.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Machine translation is off: no text leaves the server unless a self-hosted
# LibreTranslate is named here, which adds "Translate automatically" to
# wagtail-localize's editor (a translator still reviews every string).
if os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }
# Wagtail's background work (search index, reference index, file clean-up)
# runs in the request here; production queues it in the database for a
# worker (django-tasks-db, `manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's Norwegian text search configuration stems words, so
    # "arrangementer" finds "arrangement". The index stores stemmed words:
    # after changing this, run `manage.py update_index`. SQLite's FTS5 has
    # no Norwegian stemmer; there a search matches whole words only.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "norwegian"
else:
    # FTS5 fails on quotes in Wagtail's admin searches (cms/discovery/search_backend.py).
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "cms.discovery.search_backend"
# Every document goes through Django's view, which checks its collection's
# privacy; no document is ever linked by its file URL (see cms.privacy).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# ... and the content must match the extension; no programs (cms/platform/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.platform.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# No SVG: it is a document that runs script. Pixels are counted from the header
# before decoding (cms/platform/uploads.py); 50 million takes any phone's photo.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.platform.uploads.ImageForm"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
