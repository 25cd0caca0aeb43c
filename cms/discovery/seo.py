"""What search engines read: the sitemap, each page's head links, robots.txt.

Every language's tree is indexed, but only real pages: live, public and not
aliases. wagtail-localize's tree sync gives each untranslated Norwegian page
an alias in every other language, showing the Norwegian text; those are
duplicates, not translations, so they are left out of the sitemap and of the
hreflang alternates, and their canonical link names the Norwegian original.

URLs are built with the default language active. Wagtail builds a page's
URL in the active language when that is a variant of the page's own (en-gb
for an English page), and /sitemap.xml and /robots.txt, outside
i18n_patterns, must say the same whatever language a crawler asks for.
"""

import functools
import operator
from collections import defaultdict

from django.conf import settings
from django.db.models import Q, Subquery
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site

from cms.core.cache import content
from cms.core.visibility import public
from cms.events.calendar import public_occurrences
from cms.events.models import Event
from cms.events.pages import EventIndexPage
from cms.volunteers.pages import VolunteerAreaPage

#: hreflang of the version for readers whose language the site does not have.
X_DEFAULT = "x-default"

#: Site languages in their order in settings, for a stable list of alternates.
LANGUAGE_ORDER = {code: number for number, (code, _name) in enumerate(settings.LANGUAGES)}


def indexable(pages):
    """Of ``pages``, those a search engine may index: live, public, not aliases."""
    return public(pages.live()).filter(alias_of__isnull=True).select_related("locale")


def site_pages(site):
    """Every page of ``site`` in every language: below any translation of its root.

    Read from Wagtail's site root paths, the ones page URLs are built from,
    which Wagtail keeps in the cache.
    """
    roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk]
    return Page.objects.filter(
        functools.reduce(operator.or_, (Q(url_path__startswith=root.root_path) for root in roots))
    )


def full_urls(pages, request):
    """Each page's absolute URL, by pk.

    Wagtail caches the site root paths on the request, so this costs no
    query however many pages there are.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return {page.pk: page.get_full_url(request) for page in pages}


def hreflang_links(translations, urls, suffix=""):
    """``[{"hreflang", "url"}]`` for one page's indexable translations.

    Every language it is in, and x-default for the Norwegian one (the
    language readers of the network share) when there is one.
    """
    translations = sorted(
        translations,
        key=lambda page: LANGUAGE_ORDER.get(page.locale.language_code, len(LANGUAGE_ORDER)),
    )
    links = [
        {"hreflang": page.locale.language_code, "url": urls[page.pk] + suffix}
        for page in translations
    ]
    default = [link["url"] for link in links if link["hreflang"] == settings.LANGUAGE_CODE]
    if default:
        links.append({"hreflang": X_DEFAULT, "url": default[0]})
    return links


# --- /sitemap.xml ----------------------------------------------------------------


def sitemap_entries(request, site):
    """One entry per indexable page in any language, with its translations as alternates.

    Each page's translations are among the pages listed, so grouping the
    list by translation key finds them without a query per page.
    """
    pages = list(indexable(site_pages(site)).order_by("path"))
    urls = full_urls(pages, request)
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    alternates = {key: hreflang_links(group, urls) for key, group in by_key.items()}
    entries = [
        {
            "location": urls[page.pk],
            "lastmod": page.last_published_at,
            "alternates": alternates[page.translation_key],
        }
        for page in pages
    ]
    calendars = [page for page in pages if issubclass(page.specific_class, EventIndexPage)]
    return entries + event_entries(calendars, urls)


def event_languages(events):
    """{translation key: {language code: live event}} for the Norwegian ``events``.

    An event's page exists under every calendar, but it is written only in
    Norwegian and the languages it has been translated into.
    """
    keys = [event.translation_key for event in events]
    languages = defaultdict(dict)
    for event in Event.objects.filter(translation_key__in=keys, live=True).select_related("locale"):
        languages[event.translation_key][event.locale.language_code] = event
    return languages


def languages_of_event(request, event):
    """The language codes ``event`` (its Norwegian original) is written in.

    Asked by the language switcher and by the <head> links of the same event
    page: read once per content generation, and looked up once per request.
    """
    cache = getattr(request, "_event_languages", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._event_languages = cache
    if event.pk not in cache:
        cache[event.pk] = content.keep(
            f"event-languages:{event.pk}",
            lambda: set(event_languages([event])[event.translation_key]),
        )
    return cache[event.pk]


def event_entries(calendars, urls):
    """The pages of coming public events, in each language they are written in.

    In three queries, whatever the number of events: the calendar's own
    ``public_occurrences()`` decides what is public.
    """
    calendar_urls = {page.locale.language_code: urls[page.pk] for page in calendars}
    if settings.LANGUAGE_CODE not in calendar_urls:
        return []
    coming = public_occurrences().filter(end__gte=timezone.now()).values("event_id")
    events = list(Event.objects.filter(pk__in=coming).order_by("pk"))
    languages = event_languages(events)
    entries = []
    for event in events:
        written = languages[event.translation_key]
        links = [
            {"hreflang": code, "url": f"{calendar_urls[code]}{event.pk}/"}
            for code in sorted(written, key=lambda code: LANGUAGE_ORDER.get(code, 99))
            if code in calendar_urls
        ]
        default_url = f"{calendar_urls[settings.LANGUAGE_CODE]}{event.pk}/"
        links.append({"hreflang": X_DEFAULT, "url": default_url})
        for link in links[:-1]:
            entries.append(
                {
                    "location": link["url"],
                    "lastmod": written[link["hreflang"]].last_published_at,
                    "alternates": links,
                }
            )
    return entries


def sitemap(request):
    """The sitemap of the requested site, every language in one file.

    A sitemap holds up to 50,000 URLs; the network's few hundred pages in
    nine languages stay far below that, so there is no sitemap index.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return render(
        request,
        "seo/sitemap.xml",
        {"entries": sitemap_entries(request, site)},
        content_type="application/xml",
    )


# --- <head> ----------------------------------------------------------------------


def _original_key(page):
    """The translation key of the page whose text ``page`` shows.

    A tree-sync alias shares its original's key, but an alias made with
    Wagtail's "Create alias" gets a key of its own; a subquery reads the
    original's without a query of its own.
    """
    if page.alias_of_id is None:
        return page.translation_key
    return Subquery(Page.objects.filter(pk=page.alias_of_id).values("translation_key")[:1])


def head_links(page, request, suffix="", written_in=None):
    """``{"canonical", "alternates"}`` for the <head> of ``page``, in two queries.

    An alias's canonical URL is its original's. ``suffix`` is the path of a
    route below the page (an event in the calendar), added to every URL;
    ``written_in``, the language codes of what that route shows (an event's
    translations), leaves out the languages it only falls back from, and
    makes the Norwegian version canonical where the route shows that.
    """
    translations = list(indexable(Page.objects.filter(translation_key=_original_key(page))))
    original = next((each for each in translations if each.pk == page.alias_of_id), page)
    if written_in is not None:
        codes = {each.pk: each.locale.language_code for each in translations}
        if codes.get(original.pk) not in written_in:
            # Shown here in Norwegian only: the Norwegian page is the original.
            original = next(
                (each for each in translations if codes[each.pk] == settings.LANGUAGE_CODE),
                original,
            )
        translations = [each for each in translations if codes[each.pk] in written_in]
    urls = full_urls([original, *translations], request)
    canonical = urls[original.pk]
    return {
        "canonical": canonical + suffix if canonical else None,
        "alternates": hreflang_links(translations, urls, suffix),
    }


# --- /robots.txt -----------------------------------------------------------------


def _path(page, request):
    with translation.override(settings.LANGUAGE_CODE):
        return page.get_url_parts(request)[2]


def disallowed_paths(request, site):
    """URL paths crawlers are asked to stay out of.

    The admin, and every volunteer area in every language (aliases too): they
    only send a crawler to the login page. Search results too, under each
    language's prefix: every query is another URL of thin content, and the
    pages they find are in the sitemap. The login and password pages stay
    allowed: there are few of them and they hide nothing.
    """
    areas = site_pages(site).type(VolunteerAreaPage).order_by("path")
    paths = [reverse("wagtailadmin_home")]
    paths += [_path(area, request) for area in areas]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return list(dict.fromkeys(paths))


def robots_txt(request):
    """robots.txt of the requested site, with the address of its sitemap."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    context = {
        "disallowed": disallowed_paths(request, site),
        "sitemap_url": site.root_url + reverse("sitemap"),
    }
    return render(request, "seo/robots.txt", context, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
