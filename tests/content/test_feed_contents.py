"""Which news the feeds carry: a section's own, the network's all, nothing private.

A section's feed has its own articles, the network's feed every section's
(associations included), newest first and no more than ``FEED_LENGTH``;
drafts, restricted articles and the volunteers' private area stay out, also
if the area's restriction is lost. The private area's own feed is for
logged-in readers only and never kept by a shared cache.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from cms.content.feeds import FEED_LENGTH
from cms.privacy import restrictions
from tests.factories import (
    AssociationPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VolunteerAreaPageFactory,
)
from tests.helpers.feeds import parse, rss, titles

pytestmark = pytest.mark.django_db


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
