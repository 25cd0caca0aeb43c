"""The read-only JSON API: public pages and events for other sites.

Two endpoints, both GET only, both public content only, both readable by any
other site's JavaScript (``Access-Control-Allow-Origin: *``):

- ``/api/v2/pages/``: Wagtail's pages API. Whoever asks, it shows what an
  anonymous visitor may see: live pages without any view restriction (a
  shared password, a login, groups), never a volunteer area or a page below
  one or an alias of one, in every language, and no alias at all: the tree
  sync's aliases repeat untranslated Norwegian pages in the other languages.
  A session or a password entered on the site changes nothing, so no
  private page can reach a shared cache.
  The fields of each page type are listed here (``PAGE_FIELDS``), not on the
  models: never the body (its images and documents may be private, its
  contact cards hold e-mail addresses), never an owner, a revision or a
  person's contact details.
- ``/api/v2/events/``: the public calendar as data. It takes the calendar's
  own query string (``?seksjon=3&kategori=kurs&sprak=so``) and goes through
  the calendar's code (``cms.events.filters.filtered``), so it lists exactly the
  occurrences the calendar lists, in the language asked for with ``?locale=``.

Images and documents have no endpoint: the training collection's must never
be listed, and nothing outside needs them. Wagtail's ``/api/v3/`` is not
routed either.
"""

import functools

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2 import filters
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.content.models import NewsPage, StandardPage
from cms.content.pages import NewsIndexPage
from cms.core.i18n import localized
from cms.core.visibility import public
from cms.discovery import search
from cms.events import recurrence
from cms.events.calendar import with_localized_events
from cms.events.filters import EventFilter, filtered
from cms.events.pages import EventIndexPage
from cms.platform.pagination import MAX_OFFSET, BoundedPagination
from cms.privacy import restrictions
from cms.sections.models import AssociationPage, MunicipalityPage
from home.models import HomePage

# --- Pages ---------------------------------------------------------------------------

#: What the pages endpoint shows of each page type, besides the id, the title
#: and Wagtail's meta fields (type, URL, slug, locale, first publication).
PAGE_FIELDS = {
    HomePage: ["intro"],
    StandardPage: ["intro"],
    NewsIndexPage: ["intro"],
    NewsPage: ["date", "intro"],
    EventIndexPage: ["intro"],
    MunicipalityPage: ["intro", "group_name", "phase"],
    AssociationPage: ["intro", "org_number", "founded"],
}


class SearchFilter(filters.SearchFilter):
    """Wagtail's ``?search=`` with the site search's limits: words only, 200 characters at most.

    SQLite's full-text engine takes quotes and the like as syntax, and a
    query of hundreds of words overflows the search backend's query builder.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > search.MAX_QUERY_LENGTH:
            raise BadRequestError(f"search cannot be longer than {search.MAX_QUERY_LENGTH}")
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = search.search_terms(query)
        if not terms:
            return queryset.none()
        params = request.GET.copy()
        params["search"] = terms
        return super().filter_queryset(_WithParams(request, params), queryset, view)


class _WithParams:
    """A request with other GET parameters, for a filter that reads ``request.GET``."""

    def __init__(self, request, params):
        self._request = request
        self.GET = params

    def __getattr__(self, name):
        return getattr(self._request, name)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint for an anonymous visitor, whoever asks."""

    # No session and no password over Basic authentication: everyone is
    # anonymous here, and login attempts go through the login page only.
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination
    filter_backends = [
        SearchFilter if backend is filters.SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + PAGE_FIELDS.get(model, []))

    def get_base_queryset(self):
        """Live public pages of the requested site, in every language.

        Wagtail's own asks each view restriction whether this request passes
        it, a query or more per restriction, several times per request (one
        per volunteer area and language here); ``public()`` drops every
        restricted page for everyone in one subquery, so that step is left out.
        """
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site.site_obj is None:
            return Page.objects.none()
        roots = Q()
        for root in site.site_obj.root_page.get_translations(inclusive=True):
            roots |= Q(path__startswith=root.path)
        return public_pages(Page.objects.live().filter(roots))

    def find_object(self, queryset, request):
        """Wagtail's ``find/``, with ``?id=`` checked: Wagtail gives it to ``get()`` as it came."""
        page_id = request.GET.get("id")
        if page_id is not None and not (page_id.isascii() and page_id.isdigit()):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


def public_pages(pages):
    """``pages`` without any page an anonymous visitor may not see.

    ``public()`` drops every restricted page and those below it, whatever
    the request carries; the volunteer areas (in every language) go by their
    paths as well, as ``cms.privacy`` treats them, in case a restriction went
    missing. No alias is listed at all, so neither is an alias of an area.
    """
    # Aliases made by the tree sync repeat a Norwegian page in another
    # language's tree (cms.core.i18n): the API lists the original once instead.
    # (By id: a search may filter on indexed fields and the id only.)
    pages = public(pages).exclude(pk__in=Page.objects.exclude(alias_of=None).values("pk"))
    inside = Q()
    for area in restrictions.area_paths():
        inside |= Q(path__startswith=area)
    return pages.exclude(inside) if inside else pages


router = WagtailAPIRouter("api")
router.register_endpoint("pages", PublicPagesAPIViewSet)


# --- Events --------------------------------------------------------------------------

#: Occurrences in one response: by default, and at most.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

#: Parameters of the API besides the calendar's filters (``_`` is jQuery's cache buster).
EVENT_PARAMETERS = frozenset({"limit", "offset", "locale", "_"})


def allow_any_origin(view):
    """Let any site's JavaScript read the response: public data, never credentials."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


@csrf_exempt  # GET and HEAD only: a POST gets 405, not a CSRF page
@require_safe
def events_view(request):
    """The calendar's occurrences as JSON, filtered by the calendar's query string.

    ``?locale=en`` gives titles and category names in English where a live
    translation exists (the calendar's ``/en/`` does the same); Norwegian
    otherwise, whatever the browser prefers, so a link always gives the
    same answer.
    """
    unknown = set(request.GET) - set(EventFilter.base_filters) - EVENT_PARAMETERS
    if unknown:
        return _bad_request(
            _("Unknown query parameters: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    language = request.GET.get("locale", settings.LANGUAGE_CODE)
    if language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return _bad_request(_("Unknown locale: use one of the site's language codes."))
    try:
        limit = _number(request.GET, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = _number(request.GET, "offset", 0, 0, MAX_OFFSET)
    except ValueError as error:
        return _bad_request(str(error))
    with translation.override(language):
        response = _events(request, limit, offset)
    response["Content-Language"] = language
    return response


def _events(request, limit, offset):
    calendar = EventIndexPage.for_reader()
    if calendar is None:
        # No calendar, no public events: the front page shows none either.
        return JsonResponse({"message": _("This site has no event calendar.")}, status=404)
    filterset, occurrences = filtered(request, since=timezone.now())
    if filterset.is_bound and not filterset.is_valid():
        errors = {name: list(messages) for name, messages in filterset.errors.items()}
        return _bad_request(_("Some of the filters could not be used."), errors=errors)
    total = occurrences.count()
    listing = []
    if offset < total:
        listing = with_localized_events(
            occurrences.prefetch_related("event__languages")[offset : offset + limit]
        )
    sections = _localized_sections(occurrence.event.section for occurrence in listing)
    query = request.GET.copy()
    for name in EVENT_PARAMETERS:
        query.pop(name, None)
    query = query.urlencode()
    data = {
        "meta": {
            "total_count": total,
            "limit": limit,
            "offset": offset,
            "locale": translation.get_language(),
            "calendar_url": _absolute(request, calendar, "", query),
            "ical_url": _absolute(request, calendar, "ical/", query),
        },
        "items": [_occurrence(request, occurrence, calendar, sections) for occurrence in listing],
    }
    return JsonResponse(data)


def _occurrence(request, occurrence, calendar, sections):
    """One occurrence: the event in the reader's language, its schedule, place and links."""
    event, source = occurrence.shown_event, occurrence.event
    section = sections[source.section_id]
    event_path = f"{source.pk}/"
    return {
        "event_id": source.pk,
        "title": event.title,
        "start": occurrence.start.astimezone(recurrence.OSLO).isoformat(),
        "end": occurrence.end.astimezone(recurrence.OSLO).isoformat(),
        "all_day": event.all_day,
        "status": event.status,
        "cancelled": event.is_cancelled,
        "category": {"slug": event.category.slug, "name": event.category_name},
        "languages": [
            {"code": language.code, "name": language.name, "name_local": language.name_local}
            for language in source.languages.all()
        ],
        "audience": event.audience,
        "place_name": event.place_name,
        "address": event.address,
        "map_url": event.map_url(),
        "childcare": event.childcare,
        "free_of_charge": event.free_of_charge,
        "step_free": event.step_free,
        "interpreter": event.interpreter,
        "registration_url": event.registration_url,
        "registration_info": event.registration_info,
        "section": {
            "id": source.section_id,
            "title": section.title,
            "url": section.get_full_url(request),
        },
        "url": _absolute(request, calendar, event_path, f"dato={occurrence.local_date:%Y-%m-%d}"),
        "ical_url": _absolute(request, calendar, f"{event_path}ical/"),
    }


def _localized_sections(sections):
    """Each section (by its Norwegian id) in the active language, in one query."""
    unique = {section.pk: section for section in sections}
    shown = localized(list(unique.values()))
    return dict(zip(unique, shown, strict=True))


def _absolute(request, calendar, route, query=""):
    """An absolute URL below the calendar page."""
    url = calendar.get_full_url(request) + route
    return f"{url}?{query}" if query else url


def _number(params, name, default, lowest, highest):
    value = params.get(name, "")
    if value == "":
        return default
    if (
        not (value.isascii() and value.isdigit())
        or len(value) > len(str(highest))
        or not lowest <= int(value) <= highest
    ):
        raise ValueError(
            _("%(name)s must be a whole number from %(lowest)s to %(highest)s.")
            % {"name": name, "lowest": lowest, "highest": highest}
        )
    return int(value)


def _bad_request(message, errors=None):
    data = {"message": message}
    if errors:
        data["errors"] = errors
    return JsonResponse(data, status=400)


urlpatterns = decorate_urlpatterns(
    [
        path("v2/events/", events_view, name="api_events"),
        path("v2/", router.urls),
    ],
    allow_any_origin,
)
