"""The JSON API's limits: read-only, open to other sites, bad input gives 400, a flat cost.

Both endpoints (``cms.discovery.api``) refuse writes, answer other sites,
ignore the session, answer odd parameters and searches with a 400 and a
message naming the filter (never a 500), and cost the same number of queries
however many occurrences or restrictions there are.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from cms.events.occurrences import EventOccurrence
from tests.events import conftest as event_fixtures
from tests.factories import (
    OSLO,
    EventFactory,
    StandardPageFactory,
)
from tests.helpers.api import EVENTS, PAGES, get, ids
from tests.helpers.events import YEAR, translate

# The event tests' English: the locale, with the front page and the calendar
# translated (tests/conftest.py's ``english`` is the locale only).
english = event_fixtures.english


# --- Pages -----------------------------------------------------------------------------


def test_pages_api_is_read_only(home, public_page):
    client = Client(enforce_csrf_checks=True)
    for url in (PAGES, f"{PAGES}{public_page.pk}/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(
                url, json.dumps({"title": "Endret"}), content_type="application/json"
            )
            assert response.status_code == 405, (method, url)
    public_page.refresh_from_db()
    assert public_page.title == "Om bydelsmødrene i Kvitveisparken"
    assert Page.objects.filter(pk=public_page.pk).exists()


def test_pages_api_can_be_read_from_another_site(client, home):
    response = client.get(PAGES, HTTP_ORIGIN="https://www.nordrefollo.kommune.no")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize(
    "params",
    [
        {"offset": "1" + "0" * 20},
        {"offset": "9" * 10_000},
        {"offset": "-1"},
        {"offset": "²"},
        {"limit": "1" + "0" * 20},
        {"limit": "-1"},
        {"limit": "abc"},
        {"child_of": "9" * 30},
        {"descendant_of": "abc"},
        {"type": "cms.Finnesikke"},
        {"type": "auth.User"},
        {"order": "password"},
        {"fields": "title(" * 50},
        {"ukjent": "1"},
    ],
)
def test_odd_page_parameters_give_400(client, home, params):
    data = get(client, PAGES, params, status=400)
    assert data["message"]


@pytest.mark.parametrize(
    "query",
    ["a" * 10_000, "Zebra " * 500, "a " * 100, "' OR 1=1 --", '"om', "%_\\", "*", "NOT AND", "-"],
)
def test_odd_searches_give_an_answer(client, home, public_page, query):
    get_search_backend().add(public_page)

    response = client.get(PAGES, {"search": query})

    assert response.status_code in (200, 400), response.content[:300]
    if len(query) > 200:
        assert response.status_code == 400


def test_no_other_api_endpoint(client, home, area):
    for url in ("/api/v2/images/", "/api/v2/documents/", "/api/v3/pages/", "/api/"):
        assert client.get(url).status_code == 404, url


# --- Events ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"kategori": "finnes-ikke"},
        {"seksjon": "999999"},
        {"seksjon": "1" + "0" * 20},
        {"seksjon": "abc"},
        {"sprak": "xx"},
        {"malgruppe": "volunteers"},
        {"periode": "ar"},
        {"fra": "2026-13-45"},
        {"til": "i-morgen"},
        {"fra": "99999-01-01"},
        {"fra": f"{YEAR}-05-01", "til": f"{YEAR}-04-01"},
        {"q": "a" * 10_000},
        {"limit": "-1"},
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "1" + "0" * 20},
        {"limit": "9" * 10_000},
        {"limit": "2.5"},
        {"limit": "½"},
        {"limit": "²"},
        {"offset": "-1"},
        {"offset": "1" + "0" * 20},
        {"offset": "abc"},
        {"locale": "xx"},
        {"locale": "e" * 10_000},
        {"side": "2"},
        {"section": "3"},
        {"fields": "*"},
    ],
)
def test_bad_input_gives_400_with_a_message(client, fixed_events, params):
    data = get(client, EVENTS, params, status=400)

    assert data["message"]


def test_filter_errors_name_the_filter(client, fixed_events):
    data = get(client, EVENTS, {"kategori": "finnes-ikke", "q": "a" * 300}, status=400)

    assert set(data["errors"]) == {"kategori", "q"}


def test_far_dates_are_clamped_as_in_the_calendar(client, fixed_events):
    assert get(client, EVENTS, {"fra": "0001-01-01"})["meta"]["total_count"] == 6
    assert get(client, EVENTS, {"til": "9999-12-31"})["meta"]["total_count"] == 6
    assert get(client, EVENTS, {"fra": "9999-12-31"})["items"] == []


def test_events_api_is_read_only_and_readable_from_another_site(client, fixed_events):
    before = EventOccurrence.objects.count()
    strict = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(strict, method)(EVENTS, "{}", content_type="application/json")
        assert response.status_code == 405, method
    assert EventOccurrence.objects.count() == before

    response = client.get(EVENTS, HTTP_ORIGIN="https://www.nordrefollo.kommune.no")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.head(EVENTS)["Access-Control-Allow-Origin"] == "*"
    # An error is readable too, so the other site can show why.
    assert client.get(EVENTS, {"limit": "-1"})["Access-Control-Allow-Origin"] == "*"


def test_no_calendar_no_events(client, places):
    EventFactory(section=places["oslo"])

    data = get(client, EVENTS, status=404)

    assert data["message"]


def test_events_api_ignores_the_session(client, fixed_events, superuser):
    anonymous = get(client, EVENTS, {"limit": "100"})
    client.force_login(superuser)

    assert get(client, EVENTS, {"limit": "100"}) == anonymous


def test_query_count_is_flat_from_3_to_30_occurrences(client, places, calendar, english):
    sections = [places[name] for name in ("oslo", "stovner", "follo", "association", "ostfold")]
    for section in sections:
        translation = section.copy_for_translation(english)
        translation.save_revision().publish()

    def make(count):
        for number in range(count):
            start = datetime.datetime(YEAR, 3, 1 + number % 28, 18, tzinfo=OSLO)
            event = EventFactory(
                section=sections[number % len(sections)],
                start=start,
                end=start + datetime.timedelta(hours=2),
                languages=[],
            )
            if number % 2:
                translate(event, english, f"Event {number}")

    def count_queries():
        counts = {}
        for params in (
            {"limit": "100"},
            {"limit": "100", "locale": "en"},
            {"limit": "100", "locale": "en", "q": "Event", "seksjon": places["oslo"].pk},
        ):
            client.get(EVENTS, params)  # warm Wagtail's site and locale caches
            with CaptureQueriesContext(connection) as queries:
                data = get(client, EVENTS, params)
            counts[tuple(params.items())] = (len(queries), bool(data["items"]))
        return counts

    make(3)
    small = count_queries()
    make(27)
    assert EventOccurrence.objects.count() == 30

    assert count_queries() == small


def test_pages_query_count_does_not_grow_with_the_restrictions(
    client, home, public_page, django_assert_max_num_queries
):
    def restrict(number):
        page = StandardPageFactory(parent=home, title=f"Lukket {number}", slug=f"lukket-{number}")
        # A groups restriction, like the volunteer areas': Wagtail asks each one.
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name="Frivillige")[0])

    restrict(0)
    get(client, PAGES)  # Wagtail's caches (the site's root paths) filled
    with django_assert_max_num_queries(30) as few:
        get(client, PAGES)
    for number in range(1, 8):
        restrict(number)
    with django_assert_max_num_queries(30) as many:
        data = get(client, PAGES)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert public_page.pk in ids(data)
