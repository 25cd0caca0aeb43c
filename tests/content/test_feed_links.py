"""How pages point to the news feeds: autodiscovery links and a visible subscribe link.

A section page, a news index and an article name their own index's RSS and
Atom feeds in ``<head>``, the front page the network's; the links resolve,
and cost at most one query.
"""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from cms.templatetags.news_tags import news_index_for

pytestmark = pytest.mark.django_db


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
