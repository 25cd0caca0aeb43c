"""Each request reads the locales once, however often Wagtail asks for one.

Wagtail looks a ``Locale`` up by language code with a query every time:
``Locale.get_active()``, ``Locale.get_default()`` and each ``page.localized``
(``wagtail/models/i18n.py``, ``LocaleManager.get_for_language``), and nothing
in Wagtail keeps the answer. A page under /so/ asked for the same two rows 16
times. The nine locales are one small table, so the first lookup in a request
reads all of them and later lookups in that request are answered from memory.

This is a per-request locale cache (``cms.core.memo``), not a cache across
requests: a locale added or removed in the admin is seen by the next request,
in every process. Outside a request (management commands, the tests' own
set-up) lookups go to the database as before. The only way to reach every
caller, Wagtail's own included, is to wrap ``LocaleManager.get_for_language``;
:func:`install` does that once, when Django loads the middleware.
"""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

from cms.core.memo import request_memo, request_scope

_wagtail_get_for_language = LocaleManager.get_for_language


def by_code():
    """Every locale by language code: once per request, from the database outside one."""
    memo = request_memo("locales")
    if memo is None:
        return {locale.language_code: locale for locale in Locale.objects.all()}
    if not memo:
        memo.update({locale.language_code: locale for locale in Locale.objects.all()})
    return memo


def by_id():
    """Every locale's language code by its id."""
    return {locale.pk: code for code, locale in by_code().items()}


def _get_for_language(manager, language_code):
    if request_memo("locales") is None:
        return _wagtail_get_for_language(manager, language_code)
    locale = by_code().get(get_supported_content_language_variant(language_code))
    if locale is None:  # Wagtail's own DoesNotExist, with its message
        return _wagtail_get_for_language(manager, language_code)
    return locale


def install():
    """Answer Wagtail's locale lookups from the request's memory (idempotent)."""
    LocaleManager.get_for_language = _get_for_language


class RequestMemoMiddleware:
    """Opens the request's memo (``cms.core.memo``): the locale table and the
    cache generations are read at most once per request."""

    def __init__(self, get_response):
        install()
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)
