"""Site search at ``/sok/``: pages in the reader's language that the reader may see.

A first, privacy-safe search; issue 6 adds events, highlighting and the
Norwegian search configuration. What may be found is decided before the
search runs (:func:`searchable_pages`): anonymous visitors and logged-in
outsiders search live public pages only, so a private page's title never
appears in their results; the private audience also finds the volunteer area.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, Page

from cms import privacy
from cms.models import VolunteerAreaPage

#: The longest search accepted; longer ones get a clear message, not a search.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def searchable_pages(request):
    """The live pages in the active language that ``request.user`` may read."""
    pages = Page.objects.live().filter(locale=Locale.get_active())
    if not privacy.in_audience(request.user):
        return pages.public()
    visible = Q(pk__in=pages.public().values("pk"))
    for area in VolunteerAreaPage.objects.live().filter(locale=Locale.get_active()):
        visible |= Q(path__startswith=area.path)
    return pages.filter(visible)


def search_terms(query):
    """The words of ``query``, joined by spaces: letters and digits only.

    SQLite's full-text engine (FTS5) treats quotes, ``%``, ``*``, ``-`` and
    the like as syntax and fails on them; words are all a visitor means.
    """
    return " ".join(re.findall(r"\w+", query))


def search_view(request):
    query = request.GET.get("q", "").strip()
    status = 200
    results = None
    too_long = len(query) > MAX_QUERY_LENGTH
    if too_long:
        status = 400
    elif query and not search_terms(query):
        results = Paginator([], PAGE_SIZE).get_page(1)
    elif search_terms(query):
        found = searchable_pages(request).search(search_terms(query), operator="and")
        results = Paginator(found, PAGE_SIZE).get_page(request.GET.get("side"))
    response = render(
        request,
        "search/search.html",
        {
            "query": query[:MAX_QUERY_LENGTH],
            "results": results,
            "too_long": too_long,
            "max_length": MAX_QUERY_LENGTH,
        },
        status=status,
    )
    if request.user.is_authenticated:
        add_never_cache_headers(response)  # results may include private pages
    return response
