"""The read-only JSON API's events: the public calendar as data (``cms.discovery.api``).

The events endpoint must list what the calendar lists for the same query
string, never a hidden event, with what another site needs of each
occurrence, in the language asked for, paginated, with links back to the
calendar and its feed.
"""

import datetime
import json

import pytest
from wagtail.models import PageViewRestriction

from cms.events.models import Audience
from tests.events import conftest as event_fixtures
from tests.factories import (
    EventFactory,
)
from tests.helpers.api import EVENTS, get
from tests.helpers.events import YEAR, at, translate

# The event tests' English: the locale, with the front page and the calendar
# translated (tests/conftest.py's ``english`` is the locale only).
english = event_fixtures.english


def occurrences(data):
    """(event id, start) of each item, starts as aware datetimes."""
    return [
        (item["event_id"], datetime.datetime.fromisoformat(item["start"])) for item in data["items"]
    ]


def calendar_listing(client, url):
    """(event id, start) and titles of everything the calendar page lists, page by page."""
    found, titles, number = [], [], 1
    while True:
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}side={number}")
        assert response.status_code == 200
        assert not response.context["filterset"].errors
        listing = response.context["listing"]
        for occurrence in response.context["occurrences"]:
            found.append((occurrence.event_id, occurrence.start))
            titles.append(occurrence.shown_event.title)
        if not listing.has_next():
            return found, titles, listing.paginator.count
        number += 1


CALENDAR_QUERIES = [
    "",
    "seksjon={oslo}",
    "seksjon={stovner}",
    "seksjon={follo}",
    "kategori=kurs",
    "kategori=temakveld",
    "sprak=ar",
    "sprak=so",
    "malgruppe=open",
    "fra={year}-03-03&til={year}-03-10",
    "til={year}-03-04",
    "fra={year}-04-01",
    "periode=maned",
    "q=skole",
    "q=NORSKKURS&seksjon={oslo}",
    "q=Theme evening",
    "kategori=kurs&sprak=so&seksjon={follo}",
    "seksjon={ostfold}&kategori=temakveld",
]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("query", CALENDAR_QUERIES)
def test_events_api_lists_what_the_calendar_lists(
    client, fixed_events, places, english, language, query
):
    translate(fixed_events["helse"], english, "Theme evening on health")
    # More than a page of the calendar, so its pagination is compared too.
    start = at(5, 6, 10)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=start.date() + datetime.timedelta(weeks=24),
    )
    query = query.format(year=YEAR, **{name: page.pk for name, page in places.items()})
    prefix = "" if language == "nb" else f"/{language}"

    expected, titles, count = calendar_listing(
        client, f"{prefix}/arrangementer/?{query}&visning=datoer"
    )
    params = f"{query}&locale={language}&limit=100" if query else f"locale={language}&limit=100"
    data = get(client, f"{EVENTS}?{params}")

    assert occurrences(data) == expected
    assert [item["title"] for item in data["items"]] == titles
    assert data["meta"]["total_count"] == count
    if not query:
        assert count > 20  # the calendar's second page was compared too


def test_the_calendar_query_string_is_taken_as_it_is(client, fixed_events, places):
    query = f"q=&seksjon={places['oslo'].pk}&kategori=&sprak=&malgruppe=&periode=&fra=&til="

    data = get(client, f"{EVENTS}?{query}")

    expected, _titles, _count = calendar_listing(client, f"/arrangementer/?{query}&visning=datoer")
    assert occurrences(data) == expected
    assert len(expected) == 3


def test_hidden_events_never_reach_the_api(client, fixed_events, places):
    places["stovner"].unpublish()
    PageViewRestriction.objects.create(
        page=places["ostfold"], restriction_type=PageViewRestriction.LOGIN
    )
    hidden = {fixed_events[key].pk for key in ("frivillige", "utkast", "helse", "mysen")}

    for params in (
        {},
        {"q": "frivillige"},
        {"q": "Utkast"},
        {"malgruppe": "open"},
        {"fra": f"{YEAR - 1}-01-01", "limit": "100"},
    ):
        data = get(client, EVENTS, params)
        assert not {item["event_id"] for item in data["items"]} & hidden, params
    assert get(client, EVENTS)["meta"]["total_count"] == 3  # Oslo's and Follo's
    # A hidden section is not a filter value either.
    for section in ("stovner", "ostfold"):
        get(client, EVENTS, {"seksjon": places[section].pk}, status=400)
    get(client, EVENTS, {"malgruppe": Audience.VOLUNTEERS}, status=400)


def test_an_occurrence_has_what_another_site_needs(client, fixed_events, places):
    event = fixed_events["kurs-oslo"]
    event.address = "Stovner senter 3, 0985 Oslo"
    event.childcare = True
    event.registration_url = "https://example.no/pamelding"
    event.save()
    all_day = EventFactory(
        title="Sommerdag",
        section=places["oslo"],
        start=at(7, 1, 0),
        end=at(7, 2, 23, 59),
        all_day=True,
    )

    items = get(client, EVENTS, {"limit": "100"})["items"]

    item = next(item for item in items if item["event_id"] == event.pk)
    assert item["title"] == "Norskkurs Oslo"
    assert item["start"] == f"{YEAR}-03-04T18:00:00+01:00"
    assert item["end"] == f"{YEAR}-03-04T20:00:00+01:00"
    assert item["all_day"] is False
    assert item["status"] == "planned"
    assert item["cancelled"] is False
    assert item["category"]["slug"] == "kurs"
    assert sorted(language["code"] for language in item["languages"]) == ["ar", "so"]
    assert item["place_name"] == event.place_name
    assert item["address"] == "Stovner senter 3, 0985 Oslo"
    assert item["childcare"] is True
    assert item["registration_url"] == "https://example.no/pamelding"
    assert item["section"] == {
        "id": places["oslo"].pk,
        "title": "Oslo",
        "url": "http://localhost/oslo/",
    }
    assert item["url"] == f"http://localhost/arrangementer/{event.pk}/?dato={YEAR}-03-04"
    assert item["ical_url"] == f"http://localhost/arrangementer/{event.pk}/ical/"
    assert client.get(item["url"]).status_code == 200
    assert client.get(item["ical_url"]).status_code == 200

    cancelled = next(item for item in items if item["event_id"] == fixed_events["avlyst"].pk)
    assert cancelled["cancelled"] is True
    assert cancelled["status"] == "cancelled"
    summer = next(item for item in items if item["event_id"] == all_day.pk)
    assert summer["all_day"] is True
    assert summer["start"] == f"{YEAR}-07-01T00:00:00+02:00"
    # Whatever is not public about an event is not in the API.
    text = json.dumps(items)
    for field in ("live", "latest_revision", "locked", "owner", "translation_key"):
        assert f'"{field}"' not in text


def test_events_come_in_the_language_asked_for(client, fixed_events, places, english):
    translate(fixed_events["helse"], english, "Theme evening on health")
    fixed_events["helse"].category.copy_for_translation(english)
    category = fixed_events["helse"].category.get_translation(english)
    category.name = "Theme evening"
    category.save()
    places["oslo"].copy_for_translation(english).save_revision().publish()
    section = places["stovner"].copy_for_translation(english)
    section.title = "Stovner (English)"
    section.save_revision().publish()

    response = client.get(EVENTS, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nb"  # a link gives the same answer for everyone
    titles = [item["title"] for item in response.json()["items"]]
    assert "Temakveld om helse" in titles

    data = get(client, EVENTS, {"locale": "en"})
    item = next(item for item in data["items"] if item["event_id"] == fixed_events["helse"].pk)
    assert item["title"] == "Theme evening on health"
    assert item["category"]["name"] == "Theme evening"
    assert item["section"]["id"] == places["stovner"].pk  # the filter's id, in every language
    assert item["section"]["title"] == "Stovner (English)"
    assert item["section"]["url"] == "http://localhost/en/oslo/stovner/"
    assert item["url"].startswith(f"http://localhost/en/arrangementer/{item['event_id']}/")
    assert "Norskkurs Oslo" in [item["title"] for item in data["items"]]  # not translated
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["calendar_url"] == "http://localhost/en/arrangementer/"
    assert data["meta"]["ical_url"] == "http://localhost/en/arrangementer/ical/"


def test_meta_links_to_the_calendar_and_feed_with_the_same_filters(client, fixed_events, places):
    data = get(client, EVENTS, {"seksjon": places["oslo"].pk, "limit": "2", "locale": "nb"})

    query = f"seksjon={places['oslo'].pk}"
    assert data["meta"]["calendar_url"] == f"http://localhost/arrangementer/?{query}"
    assert data["meta"]["ical_url"] == f"http://localhost/arrangementer/ical/?{query}"
    feed = client.get(data["meta"]["ical_url"])
    assert feed.status_code == 200
    assert b"Norskkurs Oslo" in feed.content


def test_events_are_paginated_with_limit_and_offset(client, fixed_events):
    everything = occurrences(get(client, EVENTS))
    assert len(everything) == 6

    data = get(client, EVENTS, {"limit": "2", "offset": "3"})

    assert occurrences(data) == everything[3:5]
    meta = data["meta"]
    assert (meta["total_count"], meta["limit"], meta["offset"]) == (6, 2, 3)
    assert get(client, EVENTS, {"offset": "6"})["items"] == []
    assert get(client, EVENTS, {"offset": "1000000"})["meta"]["total_count"] == 6
    assert len(get(client, EVENTS, {"limit": "100"})["items"]) == 6
