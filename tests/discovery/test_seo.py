"""What search engines read: /sitemap.xml, each page's canonical and hreflang links, robots.txt.

Every language's live public pages are listed, each with its translations as
alternates; private pages, drafts and the aliases of untranslated pages (the
Norwegian text under another language's URL) are not.
"""

import datetime
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale, PageViewRestriction

from cms.discovery import seo
from cms.events.models import Audience
from tests.factories import EventFactory, EventIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

#: The default site's root URL, as Wagtail's first migration makes it.
SITE = "http://localhost"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


# --- Helpers ------------------------------------------------------------------


def sitemap(client):
    """``{loc: {"lastmod": …, hreflang: href, …}}`` of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    urls = {}
    for url in document.findall("s:url", NS):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        urls[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            **links,
        }
    return urls


def alternates(entry):
    return {key: value for key, value in entry.items() if key != "lastmod"}


class _HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.canonical = []
        self.alternates = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "link":
            return
        if attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]


def head_links(client, url):
    """``(canonical URLs, {hreflang: href})`` in the <head> of the page at ``url``."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    parser = _HeadLinks()
    parser.feed(html[: html.index("</head>")])
    return parser.canonical, parser.alternates


def translate(page, locale, title=None):
    """A live translation of ``page`` (and aliases of its untranslated parents)."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title or f"{page.title} ({locale.language_code})"
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def queries(client, url):
    client.get(url)  # warm Wagtail's site root paths and the locales
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="Om bydelsmødrene", slug="om-oss")


@pytest.fixture
def about_en(about, english, committed):
    with committed():
        return translate(about, english, "About the neighbourhood mothers")


# --- /sitemap.xml ---------------------------------------------------------------


def test_sitemap_lists_public_pages_in_every_language(client, home, about, about_en):
    urls = sitemap(client)

    assert set(urls) == {f"{SITE}/", f"{SITE}/om-oss/", f"{SITE}/en/om-oss/"}


def test_sitemap_gives_the_time_of_publication(client, about_en):
    entry = sitemap(client)[f"{SITE}/en/om-oss/"]

    assert datetime.datetime.fromisoformat(entry["lastmod"]) == about_en.last_published_at


def test_sitemap_alternates_are_every_translation_both_ways(client, about, about_en, arabic):
    with_arabic = translate(about, arabic)
    urls = sitemap(client)

    expected = {
        "nb": f"{SITE}/om-oss/",
        "en": f"{SITE}/en/om-oss/",
        "ar": f"{SITE}/ar/om-oss/",
        "x-default": f"{SITE}/om-oss/",
    }
    for page in (about, about_en, with_arabic):
        assert alternates(urls[page.get_full_url()]) == expected


def test_an_untranslated_page_names_itself_and_the_default(client, about):
    urls = sitemap(client)

    assert alternates(urls[f"{SITE}/om-oss/"]) == {
        "nb": f"{SITE}/om-oss/",
        "x-default": f"{SITE}/om-oss/",
    }


def test_a_translation_without_norwegian_original_has_no_x_default(client, about, about_en):
    about.unpublish()

    assert alternates(sitemap(client)[f"{SITE}/en/om-oss/"]) == {"en": f"{SITE}/en/om-oss/"}


def test_sitemap_leaves_out_the_volunteer_area_in_every_language(client, area, english, committed):
    child = StandardPageFactory(parent=area, title="Internt", slug="internt")
    with committed():
        area_en = translate(area, english)
        child_en = translate(child, english)

    urls = sitemap(client)

    assert f"{SITE}/nordre-follo/" in urls  # the network's public sections
    for page in (area, child, area_en, child_en):
        assert page.get_full_url() not in urls
        assert not any(page.get_full_url() in entry.values() for entry in urls.values())


@pytest.mark.parametrize(
    ("restriction_type", "password"),
    [(PageViewRestriction.PASSWORD, "hemmelig"), (PageViewRestriction.LOGIN, "")],
)
def test_sitemap_leaves_out_restricted_pages_and_their_translations(
    client, about, english, committed, restriction_type, password
):
    closed = StandardPageFactory(parent=about, title="Styret", slug="styret")
    below = StandardPageFactory(parent=closed, title="Referater", slug="referater")
    with committed():
        PageViewRestriction.objects.create(
            page=closed, restriction_type=restriction_type, password=password
        )
        closed_en = translate(closed, english)

    urls = sitemap(client)

    for page in (closed, below, closed_en):
        assert page.get_full_url() not in urls
        assert not any(page.get_full_url() in entry.values() for entry in urls.values())
    assert f"{SITE}/om-oss/" in urls


def test_sitemap_leaves_out_drafts(client, home, about, english):
    draft = StandardPageFactory(parent=home, title="Utkast", slug="utkast", live=False)
    draft_translation = about.copy_for_translation(english, copy_parents=True)  # not published

    urls = sitemap(client)

    assert draft.get_full_url() not in urls
    assert draft_translation.get_full_url() not in urls
    assert "en" not in urls[f"{SITE}/om-oss/"]


def test_sitemap_leaves_out_aliases_of_untranslated_pages(client, about, arabic):
    alias = about.copy_for_translation(arabic, copy_parents=True, alias=True)
    assert alias.live
    assert alias.get_full_url() == f"{SITE}/ar/om-oss/"

    urls = sitemap(client)

    assert set(urls) == {f"{SITE}/", f"{SITE}/om-oss/"}  # not the Arabic home or page
    assert "ar" not in urls[f"{SITE}/om-oss/"]


def test_sitemap_does_not_follow_the_crawlers_language(client, about, about_en):
    plain = client.get("/sitemap.xml").content

    for language in ("en", "ar", "en-GB,en;q=0.9"):
        assert client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE=language).content == plain
    assert f"<loc>{SITE}/om-oss/</loc>".encode() in plain


def test_urls_are_built_in_the_default_language_whatever_is_active(about_en):
    """Wagtail builds a page's URL in the active language if that is a variant of
    the page's (en-gb for an English page): the sitemap's URLs must not be."""
    with translation.override("en-gb"):
        assert about_en.get_full_url() == f"{SITE}/en-gb/om-oss/"
        assert seo.full_urls([about_en], None) == {about_en.pk: f"{SITE}/en/om-oss/"}


def test_sitemap_queries_do_not_grow_with_pages_or_languages(
    client, about, about_en, arabic, committed, django_assert_num_queries
):
    few = queries(client, "/sitemap.xml")

    pages = StandardPageFactory.create_batch(6, parent=about)
    with committed():
        for page in pages:
            translate(page, arabic)
        PageViewRestriction.objects.create(page=pages[0], restriction_type="login")
    assert len(sitemap(client)) == 3 + 2 * 5

    with django_assert_num_queries(few):
        client.get("/sitemap.xml")


# --- <head> ------------------------------------------------------------------------


def test_a_translated_page_links_to_itself_and_its_translations(client, about, about_en):
    expected = {
        "nb": f"{SITE}/om-oss/",
        "en": f"{SITE}/en/om-oss/",
        "x-default": f"{SITE}/om-oss/",
    }
    for page in (about, about_en):
        canonical, links = head_links(client, page.url)
        assert canonical == [page.get_full_url()]
        assert links == expected


def test_an_untranslated_page_under_another_language_points_to_norwegian(client, about, arabic):
    alias = about.copy_for_translation(arabic, copy_parents=True, alias=True)

    for url in ("/om-oss/", alias.url):
        canonical, links = head_links(client, url)
        assert canonical == [f"{SITE}/om-oss/"]
        assert links == {"nb": f"{SITE}/om-oss/", "x-default": f"{SITE}/om-oss/"}


def test_an_alias_elsewhere_in_the_tree_points_to_its_original(client, home, about):
    other = StandardPageFactory(parent=home, title="Andre", slug="andre")
    alias = about.create_alias(parent=other, update_slug="kopi")  # a key of its own

    canonical, links = head_links(client, alias.url)

    assert alias.url == "/andre/kopi/"
    assert canonical == [f"{SITE}/om-oss/"]
    assert links == {"nb": f"{SITE}/om-oss/", "x-default": f"{SITE}/om-oss/"}


def test_an_event_in_the_calendar_is_its_own_canonical(client, home, nordre_follo, english):
    calendar = EventIndexPageFactory(parent=home)
    calendar_en = translate(calendar, english)
    event = EventFactory(section=nordre_follo)

    canonical, links = head_links(client, f"{calendar.url}{event.pk}/")
    assert canonical == [f"{SITE}/arrangementer/{event.pk}/"]
    # Written in Norwegian only: no English alternate, and under /en/ (the
    # Norwegian text with English menus) the Norwegian page is canonical.
    assert "en" not in links
    canonical, _links = head_links(client, f"{calendar_en.url}{event.pk}/")
    assert canonical == [f"{SITE}/arrangementer/{event.pk}/"]

    translation = event.copy_for_translation(english)
    translation.title = "Theme evening"
    translation.save()
    canonical, links = head_links(client, f"{calendar_en.url}{event.pk}/")
    assert canonical == [f"{calendar_en.get_full_url()}{event.pk}/"]
    assert links["en"] == f"{calendar_en.get_full_url()}{event.pk}/"
    assert links["nb"] == f"{SITE}/arrangementer/{event.pk}/"
    # Filtered listings are the calendar itself.
    canonical, _links = head_links(client, f"{calendar.url}?kategori=kurs")
    assert canonical == [f"{SITE}/arrangementer/"]


def test_views_without_a_page_have_no_head_links(client, home):
    canonical, links = head_links(client, "/sok/?q=mor")

    assert canonical == []
    assert links == {}


def head_link_queries(client, page):
    """The queries of the head links alone, once Wagtail's root paths are cached on the request."""
    request = client.get(page.url).wsgi_request
    template = Template("{% load seo_tags %}{% head_links page as links %}{{ links }}")
    with CaptureQueriesContext(connection) as captured:
        template.render(Context({"page": page, "request": request}))
    return len(captured.captured_queries)


def test_head_links_cost_two_queries_however_many_translations(client, about, committed):
    untranslated = head_link_queries(client, about)
    page_view = queries(client, about.url)

    with committed():
        for locale in Locale.objects.exclude(language_code="nb"):
            translate(about, locale)

    assert untranslated <= 2
    assert head_link_queries(client, about) == untranslated
    assert queries(client, about.url) == page_view
    assert len(head_links(client, about.url)[1]) == 10  # nine languages and x-default


# --- /robots.txt -------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_private_paths(client, area, about, english, arabic):
    with_english = translate(area, english)
    alias = area.copy_for_translation(arabic, copy_parents=True, alias=True)

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")}
    assert {"/admin/", area.url, with_english.url, alias.url, "/sok/", "/en/sok/"} <= disallowed
    assert area.url == "/frivillig/"
    assert alias.url == "/ar/frivillig/"
    assert about.url not in disallowed
    assert "/" not in disallowed
    # The site's address (SITE_URL, tests/platform/test_site_url.py), not the request's.
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_robots_txt_does_not_follow_the_crawlers_language(client, area):
    plain = client.get("/robots.txt").content

    assert client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="ar").content == plain


def test_sitemap_lists_coming_public_events_in_the_languages_they_are_written_in(
    client, home, nordre_follo, english
):
    calendar = EventIndexPageFactory(parent=home)
    calendar_en = translate(calendar, english)
    soon = timezone.now() + datetime.timedelta(days=3)
    later = soon + datetime.timedelta(hours=2)
    public = EventFactory(section=nordre_follo, start=soon, end=later)
    translated = EventFactory(section=nordre_follo, start=soon, end=later)
    copy = translated.copy_for_translation(english)
    copy.save()
    hidden = [
        EventFactory(section=nordre_follo, start=soon, end=later, audience=Audience.VOLUNTEERS),
        EventFactory(section=nordre_follo, start=soon, end=later, live=False),
        EventFactory(
            section=nordre_follo,
            start=soon - datetime.timedelta(days=30),
            end=later - datetime.timedelta(days=30),
        ),
    ]

    urls = sitemap(client)

    english_url = f"{calendar_en.get_full_url()}{translated.pk}/"
    assert f"{SITE}/arrangementer/{public.pk}/" in urls
    assert f"{calendar_en.get_full_url()}{public.pk}/" not in urls  # not in English
    assert english_url in urls
    assert urls[english_url]["nb"] == f"{SITE}/arrangementer/{translated.pk}/"
    assert urls[f"{SITE}/arrangementer/{translated.pk}/"]["en"] == english_url
    for event in hidden:
        assert not [url for url in urls if url.endswith(f"/{event.pk}/")], event
