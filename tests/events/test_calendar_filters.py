"""The public calendar's filters: each narrows the listing and the iCal feed alike.

Section (with its districts and associations), category, language, dates,
period and search, alone and combined, show exactly the matching events; bad
values give a normal page with a message, or a 400 from the feed, never an
error.
"""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OSLO, EventFactory
from tests.helpers.events import YEAR, titles


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A municipality includes its districts; the association is under Nordre Follo.
        ("seksjon={oslo}", ["Temakveld om helse", "Norskkurs Oslo", "Avlyst temakveld"]),
        ("seksjon={stovner}", ["Temakveld om helse", "Avlyst temakveld"]),
        ("seksjon={follo}", ["Norskkurs Follo", "Skole og hjem"]),
        ("kategori=kurs", ["Norskkurs Oslo", "Norskkurs Follo", "Sommerfest Mysen"]),
        ("sprak=ar", ["Norskkurs Oslo", "Skole og hjem"]),
        (
            "fra={year}-03-03&til={year}-03-10",
            ["Norskkurs Oslo", "Avlyst temakveld", "Norskkurs Follo"],
        ),
        ("kategori=kurs&sprak=so&seksjon={follo}", ["Norskkurs Follo"]),
        ("kategori=kurs&fra={year}-04-01", ["Sommerfest Mysen"]),
        ("q=skole", ["Skole og hjem"]),
        ("q=NORSKKURS&seksjon={oslo}", ["Norskkurs Oslo"]),
        ("seksjon={ostfold}&kategori=temakveld", []),
    ],
)
def test_filters_show_exactly_the_matching_events(client, fixed_events, places, query, expected):
    query = query.format(year=YEAR, **{name: page.pk for name, page in places.items()})

    response = client.get(f"/arrangementer/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_ical_feed_with_the_same_filters_gives_the_same_events(client, fixed_events, places):
    import icalendar

    query = f"kategori=kurs&sprak=so&fra={YEAR}-03-01&til={YEAR}-03-31"
    html_titles = titles(client.get(f"/arrangementer/?{query}"))

    response = client.get(f"/arrangementer/ical/?{query}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == html_titles
    assert html_titles == ["Norskkurs Oslo", "Norskkurs Follo"]


def test_this_week_and_this_month_show_what_is_left_of_them(client, places, calendar):
    today = timezone.localdate()
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=OSLO)

    def event(title, days, start_hour=0, end_hour=23):
        day = midnight + datetime.timedelta(days=days)
        EventFactory(
            title=title,
            section=places["oslo"],
            start=day + datetime.timedelta(hours=start_hour),
            end=day + datetime.timedelta(hours=end_hour, minutes=59),
        )

    event("I dag", 0)
    event("Om 40 dager", 40)
    event("For en uke siden", -7)
    sunday = 6 - today.weekday()
    event("Søndag denne uka", sunday)

    this_week = titles(client.get("/arrangementer/?periode=uke"))
    this_month = titles(client.get("/arrangementer/?periode=maned"))

    assert "I dag" in this_week
    assert ("Søndag denne uka" in this_week) and ("Om 40 dager" not in this_week)
    assert "For en uke siden" not in this_week
    assert "I dag" in this_month
    assert "Om 40 dager" not in this_month
    assert "For en uke siden" not in this_month


# --- Bad values -----------------------------------------------------------------------


def test_bad_filters_give_a_normal_page_with_a_message(client, fixed_events):
    bad = [
        "kategori=finnes-ikke",
        "fra=2026-13-45",
        "til=i-morgen",
        "seksjon=999999",
        "seksjon=abc",
        "sprak=xx",
        "malgruppe=volunteers",
        "periode=ar",
        "q=" + "a" * 5000,
        f"fra={YEAR}-05-01&til={YEAR}-04-01",
    ]
    for query in bad:
        response = client.get(f"/arrangementer/?{query}")
        assert response.status_code == 200, query
        assert 'class="form-errors filter-messages"' in response.content.decode(), query


def test_bad_filters_on_the_ical_feed_give_400(client, fixed_events):
    for query in ("kategori=finnes-ikke", "fra=2026-13-45", "q=" + "a" * 5000):
        response = client.get(f"/arrangementer/ical/?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("number", ["999999", "abc", "-1", "0", "1e9", ""])
def test_odd_page_numbers_give_a_page(client, fixed_events, number):
    response = client.get(f"/arrangementer/?side={number}")

    assert response.status_code == 200
    assert titles(response)
