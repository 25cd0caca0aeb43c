"""Site search at ``/sok/``: pages, coming events and (for volunteers) modules.

What may be found is decided before the search runs, never by hiding results
afterwards: anonymous visitors and logged-in outsiders search live public
pages only (:func:`searchable_pages`), so a private page's title cannot
appear in their results; the volunteers' audience also finds the private
area's pages and the curriculum. Events come from the calendar's own
``public_occurrences()``, so a volunteer-only, unpublished or private
section's event is never found.

Everything is searched in the reader's language. An untranslated page has an
alias in her language's tree (``cms.translation.trees.sync_translation_trees``), indexed
with the Norwegian text, so she finds it there too. On PostgreSQL the index
uses the Norwegian text search configuration (``SEARCH_CONFIG`` in
settings), which stems: "arrangementer" finds "arrangement".
"""

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms.core.groups import in_audience
from cms.core.visibility import public
from cms.curriculum.models import CurriculumModule
from cms.events import calendar
from cms.events.models import Event
from cms.events.pages import EventIndexPage
from cms.privacy import restrictions
from cms.volunteers.pages import VolunteerAreaPage

#: The longest search accepted; longer ones get a clear message, not a search.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
#: Coming events shown above the pages; the calendar's own search has the rest.
EVENT_COUNT = 5
#: Curriculum modules shown to volunteers above the pages.
MODULE_COUNT = 5
#: How many hits of one kind are read to find those few (most relevant first).
CANDIDATES = 50


def searchable_pages(request):
    """The live pages in the active language that ``request.user`` may read."""
    pages = Page.objects.live().filter(locale=Locale.get_active())
    if not in_audience(request.user):
        return public(pages)
    visible = Q(pk__in=public(pages).values("pk"))
    for area in VolunteerAreaPage.objects.live().filter(locale=Locale.get_active()):
        visible |= Q(path__startswith=area.path)
    return pages.filter(visible)


def search_terms(query):
    """The words of ``query``, joined by spaces: letters and digits only.

    SQLite's full-text engine (FTS5) treats quotes, ``%``, ``*``, ``-`` and
    the like as syntax and fails on them; words are all a visitor means.
    """
    return " ".join(re.findall(r"\w+", query))


def _source_keys(model, terms):
    """translation_keys of live ``model`` objects matching ``terms``, best first.

    Norwegian objects and their translations in the reader's language both
    count, so a Somali reader finds an event by its Somali or its Norwegian
    title.
    """
    locales = [Locale.get_active().pk, Locale.get_default().pk]
    hits = get_search_backend().search(
        terms, model.objects.filter(live=True, locale__in=locales), operator="and"
    )
    keys = []
    for hit in hits[:CANDIDATES]:
        if hit.translation_key not in keys:
            keys.append(hit.translation_key)
    return keys


def matching_events(terms):
    """The next occurrence of each coming public event that matches, soonest first."""
    keys = _source_keys(Event, terms)
    if not keys:
        return []
    occurrences = calendar.public_occurrences().filter(
        event__translation_key__in=keys, end__gte=timezone.now()
    )
    first = {}
    for occurrence in occurrences[:CANDIDATES]:
        first.setdefault(occurrence.event_id, occurrence)
    return calendar.with_localized_events(list(first.values())[:EVENT_COUNT])


def matching_modules(request, terms):
    """Curriculum modules that match, for the private area's audience only.

    Each is the Norwegian module (the area's routes take its id) with
    ``shown`` in the reader's language where translated.
    """
    if not in_audience(request.user):
        return []
    keys = _source_keys(CurriculumModule, terms)[:MODULE_COUNT]
    active, default = Locale.get_active(), Locale.get_default()
    modules = CurriculumModule.objects.filter(
        translation_key__in=keys, locale__in=[active.pk, default.pk], live=True
    )
    sources = {m.translation_key: m for m in modules if m.locale_id == default.pk}
    shown = {m.translation_key: m for m in modules if m.locale_id == active.pk}
    found = []
    for key in keys:
        if key in sources:
            sources[key].shown = shown.get(key, sources[key])
            found.append(sources[key])
    return found


def _specific(pages):
    """``pages`` as their specific types, in one query per type rather than one per page."""
    pages = list(pages)
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_pk.get(page.pk, page) for page in pages]


def search_view(request):
    query = request.GET.get("q", "").strip()
    terms = search_terms(query)
    too_long = len(query) > MAX_QUERY_LENGTH
    context = {
        "query": query[:MAX_QUERY_LENGTH],
        "terms": terms.split(),
        "results": None,
        "events": [],
        "modules": [],
        "too_long": too_long,
        "max_length": MAX_QUERY_LENGTH,
    }
    if query and not too_long:
        found = searchable_pages(request).search(terms, operator="and") if terms else []
        context["results"] = Paginator(found, PAGE_SIZE).get_page(request.GET.get("side"))
        context["results"].object_list = _specific(context["results"].object_list)
        if terms and context["results"].number == 1:
            context["events"] = matching_events(terms)
            context["calendar"] = EventIndexPage.for_reader()
            context["modules"] = matching_modules(request, terms)
            context["area"] = restrictions.volunteer_area() if context["modules"] else None
    response = render(request, "search/search.html", context, status=400 if too_long else 200)
    if request.user.is_authenticated:
        add_never_cache_headers(response)  # results may include private pages
    else:
        # The index is brought up to date by a background task after a
        # publish, so a kept result page could miss what was just published.
        patch_cache_control(response, no_cache=True)
    return response
