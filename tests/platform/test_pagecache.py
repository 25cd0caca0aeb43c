"""The public page cache (cms.platform.pagecache): kept for anonymous visitors, dropped on change.

The same rules hold across app processes because the cache is shared; that
is shown over HTTP with two gunicorn processes in tests/test_two_processes.py.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.core.groups import VOLUNTEERS
from cms.events.models import EventStatus
from cms.privacy import restrictions
from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    VolunteerAreaPageFactory,
)
from tests.helpers.sections import login, text


@pytest.fixture(autouse=True)
def _page_cache_on(settings, site_settings):
    """The cache as in production, on a site that has been viewed once.

    (The first view of a new site makes its settings row, a change.)
    """
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def coming_event(nordre_follo, calendar):
    start = timezone.now() + datetime.timedelta(days=10)
    return EventFactory(
        section=nordre_follo,
        title="Temakveld om barnehagen",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )


def test_anonymous_visitor_gets_the_second_view_from_the_cache_without_queries(
    client, home, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "nb"


def test_each_language_and_query_string_is_kept_apart(client, home, english, translate):
    translate(home, "en")
    client.get("/")
    client.get("/en/")

    norwegian, english_page = client.get("/"), client.get("/en/")

    assert norwegian["X-Page-Cache"] == english_page["X-Page-Cache"] == "hit"
    assert '<html lang="nb"' in text(norwegian)
    assert '<html lang="en"' in text(english_page)
    assert client.get("/?side=2")["X-Page-Cache"] == "miss"


def test_publishing_a_page_change_shows_at_once(client, home, nordre_follo):
    client.get(nordre_follo.url)
    assert client.get(nordre_follo.url)["X-Page-Cache"] == "hit"

    nordre_follo.title = "Bydelsmødre i Nordre Follo"
    nordre_follo.save_revision().publish()

    response = client.get(nordre_follo.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Bydelsmødre i Nordre Follo" in text(response)
    # The new title is in every page's menu, the front page's too.
    assert "Bydelsmødre i Nordre Follo" in text(client.get("/"))


def test_a_saved_draft_does_not_reach_visitors(client, home, nordre_follo):
    client.get(nordre_follo.url)
    nordre_follo.title = "Utkast som ikke er publisert"
    nordre_follo.save_revision()

    assert "Utkast som ikke er publisert" not in text(client.get(nordre_follo.url))


def test_cancelling_an_event_shows_on_the_calendar_and_its_section_at_once(
    client, nordre_follo, calendar, coming_event
):
    for url in (calendar.url, nordre_follo.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert "Temakveld om barnehagen" in text(client.get(url))

    coming_event.status = EventStatus.CANCELLED
    coming_event.save()

    for url in (calendar.url, nordre_follo.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Avlyst" in text(response) or "avlyst" in text(response)


def test_unpublishing_an_event_takes_it_off_the_calendar_at_once(client, calendar, coming_event):
    client.get(calendar.url)
    assert "Temakveld om barnehagen" in text(client.get(calendar.url))

    coming_event.unpublish()

    assert "Temakveld om barnehagen" not in text(client.get(calendar.url))


def test_new_news_shows_on_the_news_index_at_once(client, home):
    news = NewsIndexPageFactory(parent=home)
    client.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "hit"

    NewsPageFactory(parent=news, title="Ny gruppe i Mysen")

    assert "Ny gruppe i Mysen" in text(client.get(news.url))


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, home):
    page = StandardPageFactory(parent=home, title="Referat fra styremøtet")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)
    assert response.status_code == 302
    assert "Referat fra styremøtet" not in text(response)


def test_logged_in_people_neither_read_nor_fill_the_cache(client, home, superuser):
    anonymous = text(client.get("/"))
    login(client, superuser)

    for _ in range(2):
        response = client.get("/")
        assert "X-Page-Cache" not in response
        assert text(response) != anonymous  # her own header, not the visitors' copy

    client.logout()
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert text(client.get("/")) == anonymous


def test_a_visitor_with_a_session_or_messages_cookie_is_not_served_a_kept_page(client, home):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    # A session may hold a login or a page password; messages are hers alone.
    for cookie in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[cookie] = "noe-som-er-hennes"
        assert "X-Page-Cache" not in client.get("/")


def test_a_page_that_sets_a_cookie_is_never_kept(client, home):
    # The login form carries a CSRF token that belongs to the visitor's cookie.
    for _ in range(2):
        response = client.get("/logg-inn/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "csrftoken" in response.cookies


def test_private_pages_are_never_kept(client, home, network, member, committed):
    with committed():
        area = VolunteerAreaPageFactory(parent=home, title="For frivillige")
    restrictions.sync_private_area()
    volunteer = member("frivillig", network[VOLUNTEERS])

    login(client, volunteer)
    assert client.get(area.url).status_code == 200
    client.logout()

    for _ in range(2):
        response = client.get(area.url)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


def test_errors_and_bad_input_are_not_kept(client, home):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/finnes-ikke/")
        assert "X-Page-Cache" not in client.get("/sok/?q=" + "x" * 10_000)


def test_no_cache_when_page_cache_seconds_is_zero(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_search_results_are_not_kept(client, home):
    # The search index catches up with a publish in a background task.
    for _ in range(2):
        response = client.get("/sok/?q=bydelsmødre")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
