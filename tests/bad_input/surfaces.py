"""Bad input on every database: hostile query strings, forms and paths never give a 500.

A fixed list of hostile values (far too long, out of range, the wrong type,
no such choice, a date that does not exist, search syntax, bytes that are not
UTF-8) goes into the parameters of every public and admin surface, as an
anonymous visitor, a superuser and a section editor; a NUL byte anywhere is
refused with a 400 before any view runs (``cms.platform.requestguard``). Nothing is
random: CI sends the same requests to SQLite and to PostgreSQL, where a NUL
byte or a number out of range fails in the database instead of matching
nothing.
"""

import math
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision

from cms.curriculum.models import CurriculumModule
from cms.events.models import Event, EventCategory
from cms.events.occurrences import EventOccurrence
from cms.volunteers.models import VolunteerProfile

Image = get_image_model()
Document = get_document_model()

REFUSAL = "Ugyldig forespørsel: adressen eller skjemaet inneholder et tegn som ikke er tillatt."
REFUSAL_EN = "Bad request: the address or form contains a character that is not allowed."
#: What cms.platform.requestguard answers, in the admin, to a huge number or an overlong value.
GUARDED = (
    "Ugyldig forespørsel: et tall i adressen er for stort.",
    "Ugyldig forespørsel: en verdi i adressen er for lang.",
    "Bad request: a number in the address is too large.",
    "Bad request: a value in the address is too long.",
)

#: What no form of the site sends: far too long, out of range, negative, the
#: wrong type, no such choice, dates that do not exist, search syntax, emoji.
HOSTILE = (
    "x" * 100_000,
    "9" * 21,
    "-1",
    "0",
    "abc",
    "1.5",
    "nope",
    "cms.Nope",
    "__all__,nope",
    "-nope",
    "2026-02-30",
    "99999",
    "\U0001f600",
    "' OR 1=1 --",
    '"*%',
    " ",
)

#: Each value as it goes in a query string, and two that are already
#: percent-encoded: bytes that are not UTF-8 (a lone surrogate, 0xFF), which
#: no client could send as text.
VALUES = (*(quote(value, safe="") for value in HOSTILE), "%ED%A0%80", "%FF")


@dataclass(frozen=True)
class Surface:
    """An address (``{home}``, ``{event}``… are ids of the content) and the parameters it reads."""

    path: str
    params: tuple
    #: What a hostile query string may get; None: anything below 500.
    answers: frozenset | None = None
    #: Every value in every parameter, or (cheaper) every value in some parameter.
    thorough: bool = False


JSON = frozenset({200, 302, 400, 404})
PAGE = frozenset({200, 400})
SHOWN = frozenset({200})

#: The pages API checks its parameters one after the other: the first bad one
#: would hide the rest, so each goes alone.
API = (
    Surface(
        "/api/v2/pages/",
        (
            *("locale", "html_path", "type", "fields", "order", "limit", "offset"),
            *("child_of", "descendant_of", "ancestor_of", "translation_of", "search"),
            *("search_operator", "site"),
        ),
        JSON,
    ),
    Surface("/api/v2/pages/{home}/", ("fields", "site", "type"), JSON),
    Surface("/api/v2/pages/find/", ("html_path", "id", "locale", "site"), JSON),
    Surface(
        "/api/v2/events/",
        (
            *("q", "seksjon", "kategori", "sprak", "malgruppe", "periode", "fra", "til"),
            *("limit", "offset", "locale"),
        ),
        JSON,
    ),
)

CALENDAR_FILTERS = ("q", "seksjon", "kategori", "sprak", "malgruppe", "periode", "fra", "til")

PUBLIC = (
    # The pages API's filters on fields, which one step reads together.
    Surface(
        "/api/v2/pages/",
        ("id", "slug", "title", "show_in_menus", "has_children"),
        JSON,
        thorough=True,
    ),
    Surface("/sok/", ("q", "side"), PAGE, thorough=True),
    Surface("/en/sok/", ("q", "side"), PAGE),
    Surface("/arrangementer/", (*CALENDAR_FILTERS, "side"), PAGE, thorough=True),
    # The calendar's filters again, through the same filter set.
    Surface("/arrangementer/ical/", CALENDAR_FILTERS, PAGE),
    Surface("/arrangementer/{event}/", ("dato",), SHOWN),
    Surface("/arrangementer/{event}/ical/", ("dato",), SHOWN),
    Surface("/aktuelt/", ("side",), SHOWN),
    Surface("/aktuelt/rss/", ("side",), SHOWN),
    Surface("/", ("side", "q"), SHOWN),
    Surface("/sitemap.xml", ("p", "q"), SHOWN),
    Surface("/logg-inn/", ("next",), SHOWN),
    # A login link with a next address of 100,000 characters is refused (400).
    Surface("/frivillig/", ("program",), frozenset({302, 400})),
    Surface("/documents/{document}/{filename}", ("dl", "q"), SHOWN),
)

#: What the private area's audience reads (a superuser is in it).
PRIVATE = (
    Surface("/sok/", ("q", "side"), PAGE),
    Surface("/frivillig/", ("program",), SHOWN),
    Surface("/frivillig/opplaering/{module}/", ("program",), SHOWN),
)

LISTING = ("q", "p", "ordering")

ADMIN = (
    Surface("/admin/pages/{home}/", (*LISTING, "locale", "content_type", "owner", "edited")),
    Surface("/admin/pages/{section}/", (*LISTING, "locale", "has_child_pages")),
    Surface("/admin/pages/search/", (*LISTING, "content_type", "locale", "page_type")),
    Surface("/admin/choose-page/", ("q", "p", "page_type", "user_perms", "locale", "multiple")),
    Surface("/admin/choose-page/{section}/", ("q", "p", "page_type", "locale")),
    Surface("/admin/choose-page/search/", ("q", "p", "page_type", "locale")),
    Surface("/admin/choose-page/chosen-multiple/", ("id",)),
    Surface(
        "/admin/snippets/cms/event/",
        (*LISTING, "locale", "category", "status", "audience", "publication", "export"),
    ),
    Surface("/admin/snippets/choose/cms/event/", ("q", "p", "locale", "multiple")),
    Surface("/admin/snippets/choose/cms/event/chosen-multiple/", ("id",)),
    Surface("/admin/snippets/cms/eventcategory/", (*LISTING, "locale")),
    Surface("/admin/snippets/cms/curriculummodule/", (*LISTING, "theme", "locale")),
    Surface("/admin/images/", (*LISTING, "collection_id", "tag", "entries_per_page")),
    Surface("/admin/images/chooser/", ("q", "p", "collection_id", "tag")),
    Surface("/admin/images/chooser/chosen-multiple/", ("id",)),
    Surface("/admin/documents/", (*LISTING, "collection_id", "tag")),
    Surface("/admin/documents/chooser/chosen-multiple/", ("id",)),
    Surface("/admin/reports/locked/", ("p", "ordering", "locked_at_from", "owner", "export")),
    Surface(
        "/admin/reports/site-history/",
        (*LISTING, "timestamp_after", "timestamp_before", "action", "user", "object_type"),
    ),
    Surface("/admin/reports/aging-pages/", ("p", "ordering", "last_published_at", "content_type")),
    Surface(
        "/admin/reports/workflow/", ("p", "ordering", "status", "workflow", "created_at_after")
    ),
    Surface("/admin/reports/page-types-usage/", ("p", "ordering", "page_locale", "site")),
    Surface(
        "/admin/api/main/pages/",
        (
            *("child_of", "descendant_of", "for_explorer", "locale", "type", "fields"),
            *("order", "limit", "offset", "search", "id", "has_children"),
        ),
    ),
    Surface("/admin/api/main/images/", ("limit", "offset", "order", "search", "fields")),
    Surface("/admin/seksjoner/", LISTING),
    Surface("/admin/seksjoner/{section}/", LISTING),
    Surface("/admin/seksjoner/{section}/frivillige/", LISTING),
    Surface("/admin/seksjoner/{section}/opplaering/", (*LISTING, "module")),
    Surface("/admin/oversettelser/", ("kind", "section", "locale", "status", "p")),
    Surface("/admin/localize/reports/translations/", ("p", "source_locale", "target_locale")),
    Surface("/admin/users/", (*LISTING, "group", "is_superuser")),
    Surface("/admin/groups/", LISTING),
    Surface("/admin/redirects/", (*LISTING, "site")),
    Surface("/admin/tag-autocomplete/", ("term", "q")),
)

#: Where what a section editor may see differs from what a superuser sees.
SCOPED = tuple(
    surface
    for surface in ADMIN
    if surface.path.startswith(
        ("/admin/pages/", "/admin/choose-page/", "/admin/snippets/", "/admin/api/")
        + ("/admin/images/", "/admin/documents/", "/admin/seksjoner/")
    )
)


def query_strings(surface):
    """Hostile query strings for ``surface``, the same on every run.

    Row ``r`` gives parameter ``i`` value ``(i + r)``: a thorough surface gets
    every value in every parameter, another every value in some parameter;
    then one parameter given twice, sane and hostile.
    """
    params = surface.params
    rows = len(VALUES) if surface.thorough else math.ceil(len(VALUES) / len(params))
    for row in range(rows):
        yield "&".join(
            f"{name}={VALUES[(number + row) % len(VALUES)]}" for number, name in enumerate(params)
        )
    yield f"{params[0]}=1&{params[0]}={VALUES[0]}"


def one_at_a_time(surface):
    """Every value in each parameter of ``surface`` by itself."""
    for name in surface.params:
        for value in VALUES:
            yield f"{name}={value}"


def fetch(client, url, method="get", **kwargs):
    """``client``'s response, and nothing it wrote if it failed.

    A failed query aborts the test's transaction on PostgreSQL, and every
    request after it would fail too: a savepoint keeps one 500 from hiding
    the others behind errors of its own.
    """
    savepoint = transaction.savepoint()
    response = getattr(client, method)(url, **kwargs)
    if response.status_code >= 500:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return response


def unexpected(client, surfaces, ids, queries=query_strings):
    """``url status error`` of each request to ``surfaces`` answered otherwise than it may be."""
    wrong = []
    for surface in surfaces:
        path = surface.path.format(**ids)
        for query in queries(surface):
            response = fetch(client, f"{path}?{query}")
            status = response.status_code
            if status == 400 and response.content.decode() in GUARDED:
                continue
            if status >= 500 or (surface.answers is not None and status not in surface.answers):
                wrong.append(f"{path}?{query[:120]} {status} {error_of(response)}")
    return wrong


def error_of(response):
    return repr(response.exc_info[1])[:160] if response.exc_info else ""


def stored():
    """How many rows there are of everything a request might change by mistake."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            Event,
            EventOccurrence,
            EventCategory,
            CurriculumModule,
            VolunteerProfile,
            Image,
            Document,
            Collection,
            Group,
            get_user_model(),
        )
    }


def visitor(user=None):
    """A client that returns a 500 as a response, so that one test lists all of them."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client
