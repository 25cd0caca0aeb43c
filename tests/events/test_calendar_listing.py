"""The public calendar's listing and event pages: what they show, and what they never show.

Upcoming public events in date order, cancelled ones marked, an event page
with what a visitor needs, the next events on section and front pages, and
the same local times as the iCal feed across the clock changes; volunteer-only
events, drafts and the events of unpublished or private sections stay off
every public page.
"""

import datetime
import re

import pytest

from tests.factories import OSLO, EventFactory
from tests.helpers.events import YEAR, at, titles

# --- What the listing shows -----------------------------------------------------------


def test_calendar_lists_upcoming_public_events_in_date_order(client, fixed_events):
    response = client.get("/arrangementer/")

    assert response.status_code == 200
    assert titles(response) == [
        "Temakveld om helse",
        "Norskkurs Oslo",
        "Avlyst temakveld",
        "Norskkurs Follo",
        "Skole og hjem",
        "Sommerfest Mysen",
    ]


def test_volunteer_only_and_draft_events_never_reach_the_public(client, fixed_events, places):
    hidden = ("Opplæring for frivillige", "Utkast til fest")
    pages = [
        client.get("/arrangementer/"),
        client.get("/arrangementer/?q=frivillige"),
        client.get("/arrangementer/ical/"),
        client.get(places["stovner"].url),
        client.get("/"),
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert not any(title in body for title in hidden)
    # Nor in the count of results.
    count = re.search(r'class="result-count"[^>]*>(\d+) ', pages[0].content.decode())
    assert count.group(1) == "6"
    for key in ("frivillige", "utkast"):
        pk = fixed_events[key].pk
        assert client.get(f"/arrangementer/{pk}/").status_code == 404
        assert client.get(f"/arrangementer/{pk}/ical/").status_code == 404


def test_cancelled_event_stays_visible_and_marked(client, fixed_events):
    listing = client.get("/arrangementer/").content.decode()
    item = listing.split("Avlyst temakveld")[1].split("</li>")[0]
    assert "badge--cancelled" in item

    page = client.get(f"/arrangementer/{fixed_events['avlyst'].pk}/").content.decode()
    assert "This event is cancelled." in page or "Dette arrangementet er avlyst." in page


def test_listing_names_each_event_category(client, fixed_events):
    html = client.get("/arrangementer/?kategori=kurs").content.decode()

    assert html.count('class="event-item__meta"><bdi>Kurs</bdi>') == 3


def test_events_of_an_unpublished_or_private_section_stay_off_public_pages(
    client, fixed_events, places
):
    from wagtail.models import PageViewRestriction

    client.get("/arrangementer/ical/")  # a feed in the cache must not keep them either
    places["stovner"].unpublish()
    PageViewRestriction.objects.create(
        page=places["ostfold"], restriction_type=PageViewRestriction.LOGIN
    )

    found = titles(client.get("/arrangementer/"))
    feed = client.get("/arrangementer/ical/").content.decode()

    assert "Temakveld om helse" not in found  # Stovner
    assert "Sommerfest Mysen" not in found  # Indre Østfold
    assert "Norskkurs Oslo" in found
    for key in ("helse", "mysen"):
        assert fixed_events[key].title not in feed
        assert client.get(f"/arrangementer/{fixed_events[key].pk}/").status_code == 404


def test_section_page_shows_its_next_events_and_links_to_its_calendar(client, fixed_events, places):
    html = client.get(places["oslo"].url).content.decode()

    assert "Temakveld om helse" in html  # from the district Stovner
    assert "Sommerfest Mysen" not in html
    assert f'href="/arrangementer/?seksjon={places["oslo"].pk}"' in html


def test_front_page_shows_the_next_events_network_wide(client, fixed_events):
    html = client.get("/").content.decode()

    assert "Temakveld om helse" in html
    assert 'href="/arrangementer/"' in html


# --- The event page -------------------------------------------------------------------


def test_event_page_shows_what_a_visitor_needs(client, fixed_events):
    event = fixed_events["kurs-oslo"]
    event.address = "Stovner senter 3, 0985 Oslo"
    event.childcare = True
    event.registration_url = "https://example.no/pamelding"
    event.save()

    html = client.get(f"/arrangementer/{event.pk}/").content.decode()

    assert "Norskkurs Oslo" in html
    assert "https://www.openstreetmap.org/search?query=Stovner+senter+3%2C+0985+Oslo" in html
    assert "Soomaali" in html
    assert "https://example.no/pamelding" in html
    assert f'href="/arrangementer/{event.pk}/ical/"' in html
    assert "18:00–20:00" in html


def test_odd_event_ids_give_404(client, calendar):
    assert client.get("/arrangementer/99999999999/").status_code == 404
    assert client.get("/arrangementer/abc/").status_code == 404


def test_admin_preview_shows_the_event_and_its_dates(rf, fixed_events):
    event = fixed_events["helse"]
    event.repeat, event.repeat_until = "weekly", event.start.date() + datetime.timedelta(weeks=2)

    response = event.serve_preview(rf.get("/"), event.default_preview_mode)
    html = response.render().content.decode()

    assert "Temakveld om helse" in html
    assert html.count("18:00–20:00") == 4  # "when", then three coming dates


def test_a_listing_links_to_the_date_it_shows(client, places, calendar):
    start = at(3, 3, 10)
    event = EventFactory(
        title="Trening",
        section=places["oslo"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=start.date() + datetime.timedelta(weeks=3),
    )
    html = client.get("/arrangementer/?visning=datoer").content.decode()
    assert f'href="/arrangementer/{event.pk}/?dato={YEAR}-03-17"' in html

    page = client.get(f"/arrangementer/{event.pk}/?dato={YEAR}-03-17").content.decode()
    when = page.split("<dd>", 1)[1].split("</dd>", 1)[0]
    assert f'datetime="{YEAR}-03-17T10:00:00+01:00"' in when

    for odd in ("2026-13-45", "abc", "9999-12-31", f"{YEAR}-03-18"):
        page = client.get(f"/arrangementer/{event.pk}/?dato={odd}")
        assert page.status_code == 200
        when = page.content.decode().split("<dd>", 1)[1].split("</dd>", 1)[0]
        assert f'datetime="{YEAR}-03-03T10:00:00+01:00"' in when  # the next date


# --- Local times across the clock changes ---------------------------------------------


def test_weekly_event_keeps_its_local_time_across_the_march_change(client, places, calendar):
    # The clocks go forward on the last Sunday of March.
    last_sunday = max(
        datetime.date(YEAR, 3, day)
        for day in range(25, 32)
        if datetime.date(YEAR, 3, day).weekday() == 6
    )
    before = last_sunday - datetime.timedelta(days=4)  # the Wednesday before
    start = datetime.datetime.combine(before, datetime.time(10), tzinfo=OSLO)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=before + datetime.timedelta(days=14),
    )

    html = client.get(f"/arrangementer/?fra={before}&visning=datoer").content.decode()

    times = re.findall(r'class="nowrap" dir="ltr">([0-9:]+–[0-9:]+)<', html)
    assert times == ["10:00–11:00"] * 3


def _last_sunday(year, month):
    return max(
        datetime.date(year, month, day)
        for day in range(25, 32)
        if datetime.date(year, month, day).weekday() == 6
    )


@pytest.mark.parametrize("month", [3, 10])
def test_feed_and_calendar_agree_on_local_times_across_clock_changes(
    client, places, calendar, month
):
    import icalendar
    import recurring_ical_events

    change = _last_sunday(YEAR, month)
    first = change - datetime.timedelta(days=18)  # a Wednesday, three weeks before
    assert first.weekday() == 2
    start = datetime.datetime.combine(first, datetime.time(10), tzinfo=OSLO)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=first + datetime.timedelta(weeks=5),
        excluded_dates=[first + datetime.timedelta(weeks=1)],
    )

    html = client.get(f"/arrangementer/?fra={first}&visning=datoer").content.decode()
    shown = [
        datetime.datetime.fromisoformat(value)
        for value in re.findall(r'<time datetime="([^"]+)"', html)
    ]
    feed = icalendar.Calendar.from_ical(client.get("/arrangementer/ical/").content)
    expanded = [
        occurrence["DTSTART"].dt
        for occurrence in recurring_ical_events.of(feed).between(
            first, first + datetime.timedelta(weeks=6)
        )
    ]

    assert shown == expanded
    assert len(shown) == 5  # six Wednesdays, one excluded
    assert {moment.astimezone(OSLO).hour for moment in shown} == {10}
    # Across the change the UTC hour moves, the wall clock does not.
    assert len({moment.astimezone(datetime.UTC).hour for moment in shown}) == 2
