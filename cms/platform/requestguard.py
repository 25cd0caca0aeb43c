"""Refuse a NUL byte, a huge number or an overlong value in a request: a 400, on every database.

PostgreSQL cannot hold a NUL character (0x00) in text, and psycopg 3 refuses
to send one ("A string literal cannot contain NUL (0x00) characters", a
``ValueError``, or ``DataError`` once Django wraps it). Django hands the
visitor's text to the database as it came, and so do Wagtail's pages API
(``?locale=``, ``?html_path=``), its admin searches and listings, and
django-axes, which stores the username of every failed login: each is a 500
on PostgreSQL where SQLite quietly matches nothing. Django's own
``forms.CharField`` refuses NUL, but none of those reads through one. No
address, query string or form of the site has a use for the character, so it
is refused once here, before any view or database sees it.

In the admin, a number of more than 18 digits in the path or the query
string is refused too: SQLite's driver cannot send an integer over 64 bits (an
``OverflowError``), and Django's model choice fields, Wagtail's admin filters
and its ``<int:...>`` addresses pass such a number to the database as an id.
No id, page number or year of the site comes near it.

So is a query parameter of more than ``MAX_VALUE_LENGTH`` characters: SQLite
refuses a ``LIKE`` pattern over 50,000 bytes, which Wagtail's admin listings
build from ``?q=`` as it came. No link of the site is that long; a production
server (gunicorn) refuses a request line of over 4,094 bytes anyway.
"""

import functools
import re

from django.conf import settings
from django.db import models
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from cms.core import validators

NUL = "\x00"

MESSAGE = _("Bad request: the address or form contains a character that is not allowed.")
TOO_LARGE = _("Bad request: a number in the address is too large.")
TOO_LONG = _("Bad request: a value in the address is too long.")

#: The most digits an id may have: every such number fits a 64-bit column.
MAX_ID_DIGITS = validators.MAX_ID_DIGITS
#: Where numbers and lengths are checked here: the public views check their own
#: parameters and answer with a page that says what was wrong.
ADMIN_PREFIX = "/admin/"
#: The longest query parameter: any search, date or address fits.
MAX_VALUE_LENGTH = 2000
HUGE_NUMBER = re.compile(rf"[-+]?0*[1-9]\d{{{MAX_ID_DIGITS},}}")


def has_nul(request):
    """Whether the path, a query parameter or a form field holds a NUL.

    ``request.POST`` reads the body only if it is a form, as CSRF's check does
    anyway; Django's parser already drops a NUL from an upload's file name.
    """
    if NUL in request.path or _any_nul(request.GET):
        return True
    return request.method == "POST" and _any_nul(request.POST)


def _any_nul(params):
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in params.lists()
    )


def _query_values(request):
    return [value for _key, values in request.GET.lists() for value in values]


def has_huge_number(request):
    """Whether a part of the path or a query parameter is a number over 64 bits."""
    parts = [*request.path.split("/"), *_query_values(request)]
    return any(HUGE_NUMBER.fullmatch(part.strip()) for part in parts)


def has_overlong_value(request):
    return any(len(value) > MAX_VALUE_LENGTH for value in _query_values(request))


class RequestGuardMiddleware:
    """Answer 400 to what no database takes, before sessions, the cache or any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return refused(request, MESSAGE)
        if request.path_info.startswith(ADMIN_PREFIX):
            if has_huge_number(request):
                return refused(request, TOO_LARGE)
            if has_overlong_value(request):
                return refused(request, TOO_LONG)
        return self.get_response(request)


def refused(request, message=MESSAGE):
    # LocaleMiddleware has not run yet: the language comes from the address
    # (/en/...), or is the site's own, rather than whatever this thread last served.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponseBadRequest(str(message), content_type="text/plain; charset=utf-8")
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


# --- Ids for Wagtail's choosers --------------------------------------------------------


def has_integer_pk(model):
    return isinstance(model._meta.pk, models.IntegerField)


def integer_ids(view):
    """``view`` given only the ``?id=`` values that are ids, for Wagtail's "chosen" views.

    Wagtail's choosers pass ``?id=`` to ``pk__in`` as it came: ``?id=abc`` is
    a ``ValueError`` on every database, and 20 digits an ``OverflowError`` on
    SQLite. What is not an id cannot be a chosen object, so it is dropped.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        ids = [value for value in request.GET.getlist("id") if validators.is_id(value)]
        request.GET = request.GET.copy()
        request.GET.setlist("id", ids)
        return view(request, *args, **kwargs)

    return wrapped
