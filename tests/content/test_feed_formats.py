"""The news feeds' formats: RSS and Atom as a feed reader parses them.

Each test reads a feed as a reader would, parsing the XML, and checks what a
subscriber sees: titles, links, dates and ids, in which language, and what
caches may keep; odd addresses and parameters under a feed, and the queries
it costs as articles and translations grow.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsPageFactory
from tests.helpers.feeds import ATOM, atom, rss, titles

pytestmark = pytest.mark.django_db


def translate(page, locale, title):
    """A live translation of ``page``, its parents copied as drafts where missing."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


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
        client.get(f"{index.url}rss/")  # warm what the edits made anew, as above
        with django_assert_num_queries(few[index.pk]):
            _response, channel = rss(client, index)
        assert len(channel.findall("item")) >= 6, index
