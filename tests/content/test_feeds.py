"""The news feeds: RSS and Atom for each news index, network-wide and per section.

Each test reads the feed as a feed reader would, parsing the XML, and checks
what a subscriber would see: which articles, in which language, with which
links, dates and ids, and what caches may keep.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.content.feeds import FEED_LENGTH
from cms.privacy import restrictions
from cms.templatetags.news_tags import news_index_for
from tests.factories import (
    AssociationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VolunteerAreaPageFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


# --- Helpers and fixtures ------------------------------------------------------


def parse(response):
    # The site's own response, not untrusted input.
    return ET.fromstring(response.content)  # noqa: S314


def rss(client, index, prefix="", **params):
    """The index's RSS feed, checked to be RSS 2.0: ``(response, <channel>)``."""
    response = client.get(f"{prefix}{index.url}rss/", params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = parse(response)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return response, root.find("channel")


def atom(client, index, prefix=""):
    """The index's Atom feed, checked to be Atom: ``(response, <feed>)``."""
    response = client.get(f"{prefix}{index.url}atom/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = parse(response)
    assert root.tag == f"{ATOM}feed"
    return response, root


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def translate(page, locale, title):
    """A live translation of ``page``, its parents copied as drafts where missing."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def network_news(home):
    """The network's news index, the front page's child."""
    return NewsIndexPageFactory(parent=home, title="Aktuelt", slug="aktuelt")


@pytest.fixture
def follo_news(nordre_follo):
    index = NewsIndexPageFactory(parent=nordre_follo, title="Nytt fra Nordre Follo")
    NewsPageFactory(parent=index, title="Samling på Ski", date=datetime.date(2025, 3, 1))
    NewsPageFactory(parent=index, title="Ny gruppe i Kolbotn", date=datetime.date(2025, 4, 1))
    return index


@pytest.fixture
def ostfold_news(indre_ostfold):
    index = NewsIndexPageFactory(parent=indre_ostfold, title="Nytt fra Indre Østfold")
    NewsPageFactory(parent=index, title="Kurs i Askim", date=datetime.date(2025, 3, 15))
    return index


@pytest.fixture
def area(home, committed):
    """The volunteer area at /frivillig/, private the way provisioning makes it."""
    with committed():
        area = VolunteerAreaPageFactory(parent=home)
    restrictions.sync_private_area()
    return area


@pytest.fixture
def private_index(area):
    index = NewsIndexPageFactory(parent=area, title="Nytt for frivillige", slug="nytt")
    NewsPageFactory(parent=index, title="Intern samling Zebra")
    return index


# --- Formats ---------------------------------------------------------------------


def test_rss_feed_describes_the_sections_news(client, follo_news):
    response, channel = rss(client, follo_news)
    assert channel.findtext("title") == "Nytt fra Nordre Follo – Nordre Follo"
    assert channel.findtext("link") == follo_news.get_full_url()
    assert channel.findtext("language") == "nb"
    assert titles(channel) == ["Ny gruppe i Kolbotn", "Samling på Ski"]
    item = channel.find("item")
    article = follo_news.get_children().get(title="Ny gruppe i Kolbotn").specific
    assert item.findtext("link") == article.get_full_url()
    assert item.findtext("link").startswith("http")
    assert item.findtext("description") == article.intro
    # Midnight in Oslo, summer time in April.
    assert item.findtext("pubDate") == "Tue, 01 Apr 2025 00:00:00 +0200"
    guid = item.find("guid")
    assert guid.text == f"tag:bydelsmodre.no,2025:news/{article.translation_key}"
    assert guid.get("isPermaLink") == "false"
    assert response["Last-Modified"]


def test_atom_feed_has_ids_and_dates_for_every_entry(client, follo_news):
    _response, feed = atom(client, follo_news)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nb"
    assert feed.findtext(f"{ATOM}title") == "Nytt fra Nordre Follo – Nordre Follo"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{follo_news.get_full_url()}atom/"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Ny gruppe i Kolbotn",
        "Samling på Ski",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("tag:bydelsmodre.no,2025:news/")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert entries[0].findtext(f"{ATOM}published") == "2025-04-01T00:00:00+02:00"


def test_description_falls_back_to_the_search_description(client, network_news):
    NewsPageFactory(parent=network_news, intro="", search_description="Kort om samlingen.")
    _response, channel = rss(client, network_news)
    assert channel.find("item").findtext("description") == "Kort om samlingen."


def test_public_feeds_may_be_cached_for_a_few_minutes(client, follo_news):
    for response, _root in (rss(client, follo_news), atom(client, follo_news)):
        cache_control = response["Cache-Control"]
        assert "public" in cache_control
        assert "max-age=300" in cache_control
        assert "private" not in cache_control


# --- Which news ------------------------------------------------------------------


def test_section_feed_has_only_its_sections_news(client, follo_news, ostfold_news):
    _response, channel = rss(client, follo_news)
    assert titles(channel) == ["Ny gruppe i Kolbotn", "Samling på Ski"]
    _response, channel = rss(client, ostfold_news)
    assert titles(channel) == ["Kurs i Askim"]


def test_network_feed_has_every_sections_news_but_not_the_private_areas(
    client, network_news, follo_news, ostfold_news, private_index
):
    association = AssociationPageFactory(parent=follo_news.get_parent(), title="Foreningen")
    association_news = NewsIndexPageFactory(parent=association)
    NewsPageFactory(parent=association_news, title="Årsmøte", date=datetime.date(2025, 2, 1))
    NewsPageFactory(parent=network_news, title="Nasjonal samling", date=datetime.date(2025, 5, 1))

    _response, channel = rss(client, network_news)
    assert titles(channel) == [
        "Nasjonal samling",
        "Ny gruppe i Kolbotn",
        "Kurs i Askim",
        "Samling på Ski",
        "Årsmøte",
    ]
    assert "Zebra" not in ET.tostring(channel, encoding="unicode")


def test_network_feed_leaves_out_the_area_even_if_its_restriction_is_lost(
    client, network_news, private_index
):
    NewsPageFactory(parent=network_news, title="Åpen nyhet")
    PageViewRestriction.objects.all().delete()
    _response, channel = rss(client, network_news)
    assert titles(channel) == ["Åpen nyhet"]


def test_feeds_leave_out_drafts_and_restricted_articles(client, network_news, follo_news):
    NewsPageFactory(parent=follo_news, title="Utkast", live=False)
    with_password = NewsPageFactory(parent=follo_news, title="Med passord")
    PageViewRestriction.objects.create(
        page=with_password, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    with_login = NewsPageFactory(parent=follo_news, title="For innloggede")
    PageViewRestriction.objects.create(page=with_login, restriction_type=PageViewRestriction.LOGIN)
    expected = ["Ny gruppe i Kolbotn", "Samling på Ski"]
    for index in (follo_news, network_news):
        _response, channel = rss(client, index)
        assert titles(channel) == expected, index


def test_feed_is_limited_to_the_newest_articles_by_date_then_id(client, network_news):
    day = datetime.date(2025, 1, 1)
    pages = [NewsPageFactory(parent=network_news, date=day) for _ in range(FEED_LENGTH + 3)]
    _response, channel = rss(client, network_news)
    newest = sorted(pages, key=lambda page: page.pk, reverse=True)[:FEED_LENGTH]
    assert titles(channel) == [page.title for page in newest]


# --- Privacy ---------------------------------------------------------------------


def test_private_index_feed_sends_anonymous_visitors_to_login(client, private_index):
    for route in ("rss/", "atom/"):
        url = f"{private_index.url}{route}"
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/logg-inn/?next={url}"
        assert b"Zebra" not in response.content
        assert "public" not in response.get("Cache-Control", "")


def test_private_index_feed_is_never_kept_by_a_shared_cache(admin_client, private_index):
    response = admin_client.get(f"{private_index.url}rss/")
    assert response.status_code == 200
    assert parse(response).tag == "rss"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control


def test_private_index_does_not_advertise_a_feed(admin_client, private_index):
    html = admin_client.get(private_index.url).content.decode()
    assert "application/rss+xml" not in html
    assert "application/atom+xml" not in html


# --- Language --------------------------------------------------------------------


def test_english_feed_shows_translations_and_norwegian_where_there_are_none(
    client, home, network_news, english, committed
):
    translated = NewsPageFactory(
        parent=network_news, title="Samling i Oslo", date=datetime.date(2025, 6, 2)
    )
    NewsPageFactory(parent=network_news, title="Kurs i Bergen", date=datetime.date(2025, 6, 1))
    with committed():
        translate(home, english, "Neighbourhood mothers")
        english_index = translate(network_news, english, "News")
        english_article = translate(translated, english, "Gathering in Oslo")

    response, channel = rss(client, english_index)
    assert english_index.url.startswith("/en/")
    assert channel.findtext("language") == "en"
    assert channel.findtext("title") == "News – Neighbourhood mothers"
    assert titles(channel) == ["Gathering in Oslo", "Kurs i Bergen"]
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links[0] == english_article.get_full_url()
    assert "/en/" in links[0]
    assert "/en/" not in links[1]

    # The same article keeps its id in both languages.
    _response, norwegian = rss(client, network_news)
    assert titles(norwegian) == ["Samling i Oslo", "Kurs i Bergen"]
    assert channel.find("item").findtext("guid") == norwegian.find("item").findtext("guid")

    _response, feed = atom(client, english_index)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


# --- Autodiscovery and the visible link -------------------------------------------------


def feed_links(html):
    return [
        line.strip()
        for line in html.splitlines()
        if line.strip().startswith('<link rel="alternate" type="application/')
    ]


def assert_links_to_feeds_of(index, html):
    links = feed_links(html)
    url = index.get_full_url()
    assert len(links) == 2, links
    assert 'type="application/rss+xml"' in links[0]
    assert f'href="{url}rss/"' in links[0]
    assert 'type="application/atom+xml"' in links[1]
    assert f'href="{url}atom/"' in links[1]


def test_section_page_links_its_news_feed(client, nordre_follo, follo_news):
    assert_links_to_feeds_of(follo_news, client.get(nordre_follo.url).content.decode())


def test_news_page_and_index_link_their_own_feed(client, network_news, follo_news):
    article = follo_news.get_children().first()
    assert_links_to_feeds_of(follo_news, client.get(article.url).content.decode())
    assert_links_to_feeds_of(follo_news, client.get(follo_news.url).content.decode())
    assert_links_to_feeds_of(network_news, client.get(network_news.url).content.decode())


def test_front_page_links_the_network_feed(client, home, network_news):
    assert_links_to_feeds_of(network_news, client.get("/").content.decode())


def test_news_index_shows_a_subscribe_link(client, follo_news):
    html = client.get(follo_news.url).content.decode()
    assert f'href="{follo_news.url}rss/" type="application/rss+xml"' in html


def test_advertised_feeds_resolve(client, nordre_follo, follo_news):
    html = client.get(nordre_follo.url).content.decode()
    for link in feed_links(html):
        href = link.split('href="')[1].split('"')[0]
        path = href.removeprefix(follo_news.get_site().root_url)
        assert client.get(path).status_code == 200, path


def test_feed_links_cost_at_most_one_query(rf, nordre_follo, follo_news):
    """The links in <head> add one query at most to a section, article or index page."""
    request = rf.get("/")
    article = follo_news.get_children().first().specific
    render_to_string("includes/feed_links.html", {"page": article, "request": request})  # warm
    for page in (nordre_follo, follo_news, article):
        page = type(page).objects.get(pk=page.pk)  # nothing cached on it
        if page == nordre_follo:
            # as the section's news list does, further down its page
            news_index_for({"request": request}, page)
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string("includes/feed_links.html", {"page": page, "request": request})
        assert len(feed_links(html)) == 2, page
        assert len(queries.captured_queries) <= 1, (page, queries.captured_queries)


# --- Bad input and cost --------------------------------------------------------------


def test_unknown_routes_under_the_feed_are_404(client, network_news):
    NewsPageFactory(parent=network_news, slug="samling")
    for path in ("rss/extra/", "atom/rss/", "feed/", "rss.xml", "rss/1/"):
        response = client.get(f"{network_news.url}{path}")
        assert response.status_code == 404, path


def test_query_parameters_are_ignored(client, network_news):
    NewsPageFactory(parent=network_news, title="Samling")
    _response, expected = rss(client, network_news)
    for params in ({"page": "abc"}, {"page": "-1"}, {"side": "99999999999999999999"}, {"x": "%00"}):
        _response, channel = rss(client, network_news, **params)
        assert titles(channel) == titles(expected), params


def test_an_article_cannot_take_the_address_of_a_feed(network_news):
    for slug in ("rss", "atom"):
        with pytest.raises(ValidationError) as error:
            NewsPageFactory(parent=network_news, slug=slug)
        assert "slug" in error.value.message_dict
    assert NewsPageFactory(parent=network_news, slug="rss-kurs").live


def test_feed_query_count_is_flat(
    client, home, network_news, follo_news, english, committed, django_assert_num_queries
):
    """More articles, some translated, add no queries, in Norwegian or in English."""
    with committed():
        translate(home, english, "Neighbourhood mothers")
        english_index = translate(network_news, english, "News")
    feeds = (network_news, follo_news, english_index)
    few = {}
    for index in feeds:
        client.get(f"{index.url}rss/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            rss(client, index)
        few[index.pk] = len(queries.captured_queries)

    for number in range(12):
        article = NewsPageFactory(parent=follo_news if number % 2 else network_news)
        if number % 3 == 0:
            with committed():
                translate(article, english, f"Article {number}")

    for index in feeds:
        with django_assert_num_queries(few[index.pk]):
            _response, channel = rss(client, index)
        assert len(channel.findall("item")) >= 6, index
