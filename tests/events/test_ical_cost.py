"""What the calendar's iCal feed costs, and that the faster feed still says the same.

The feed of 10,000 events had to be built in under a second (issue 19), so it
reads its events as rows (``calendar.feed_events``) and writes each VEVENT as
text (``ical._vevent``). These tests hold it to that: as many queries for ten
times the events, in Norwegian and in English; the same bytes as the events
read as models; the same bytes as icalendar's object model writes, hostile
text and folding included; and the right events, rules and statuses.
"""

import datetime
import re

import icalendar
import pytest
import recurring_ical_events
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from icalendar import Calendar
from icalendar.parser import Contentline
from wagtail.models import Locale

from cms.events import ical, recurrence
from cms.events.calendar import feed_events, forget_feeds, localized_events
from cms.events.models import Audience, Event, EventCategory, EventStatus
from cms.events.occurrences import EventOccurrence
from tests.factories import EventCategoryFactory, EventFactory, SpokenLanguageFactory
from tests.helpers.events import YEAR, at, translate
from tests.helpers.ical import event_url, feed_bytes

pytestmark = pytest.mark.django_db

FEEDS = [
    "/arrangementer/ical/",
    "/en/arrangementer/ical/",
    "/arrangementer/ical/?kategori=kurs&sprak=so",
]


# --- Queries -----------------------------------------------------------------


@pytest.fixture
def grow(places, english):
    """Add events of every kind: one-off, weekly with an excluded date, monthly, all-day."""
    sections = list(places.values())
    categories = [EventCategoryFactory(slug=slug) for slug in ("kurs", "temakveld", "fest")]
    languages = [
        SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali"),
        SpokenLanguageFactory(code="ar", name="arabisk", name_local="العربية"),
    ]

    def add(count):
        for number in range(count):
            start = at(3, 1 + number % 28, 10 + number % 8)
            kind = number % 4
            event = EventFactory(
                section=sections[number % len(sections)],
                category=categories[number % len(categories)],
                languages=languages[: 1 + number % 2],
                start=start,
                end=start + datetime.timedelta(hours=2),
                all_day=kind == 3,
                repeat=("", "weekly", "monthly", "")[kind],
                repeat_until=datetime.date(YEAR, 6, 30) if kind in (1, 2) else None,
                excluded_dates=[(start + datetime.timedelta(weeks=2)).date()] if kind == 1 else [],
                status=EventStatus.CANCELLED if number % 5 == 0 else EventStatus.PLANNED,
                audience=Audience.VOLUNTEERS if number % 6 == 0 else Audience.OPEN,
            )
            if number % 3 == 0:
                translate(event, english, f"Event {number} in English")

    return add


def count_queries(client):
    counts = {}
    for url in FEEDS:
        client.get(url)  # warm Wagtail's site and locale caches and the kept names
        forget_feeds()  # build the feed, don't read it from the cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[url] = len(queries)
    return counts


def test_feed_query_count_is_flat_from_8_to_80_events(client, grow):
    grow(8)
    small = count_queries(client)
    grow(72)

    assert count_queries(client) == small


def test_feed_reads_its_events_in_one_query_and_their_translations_in_one(
    client, grow, django_assert_num_queries
):
    grow(8)
    small = count_queries(client)
    for url, reads in [(FEEDS[0], 1), (FEEDS[1], 2)]:
        forget_feeds()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql = [query["sql"] for query in queries.captured_queries]
        assert sum('FROM "cms_event"' in query for query in sql) == reads, url
    grow(72)
    for url in FEEDS:
        client.get(url)  # the kept category names, dropped by the new events
        forget_feeds()
        with django_assert_num_queries(small[url]):
            client.get(url)


# --- What the feed says ------------------------------------------------------


def test_weekly_exclusion_cancellation_and_volunteers_only_in_the_feed(
    client, fixed_events, places
):
    start = at(3, 3, 10)
    skipped = (start + datetime.timedelta(weeks=2)).date()
    weekly = EventFactory(
        section=places["stovner"],
        title="Trim hver uke",
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=datetime.date(YEAR, 4, 14),
        excluded_dates=[skipped],
    )

    raw = client.get("/arrangementer/ical/").content
    calendar = Calendar.from_ical(raw)
    by_title = {str(vevent["SUMMARY"]): vevent for vevent in calendar.walk("VEVENT")}

    # Volunteers only and a draft never reach the public feed.
    assert "Opplæring for frivillige" not in raw.decode()
    assert "Utkast til fest" not in raw.decode()
    assert len(by_title) == 7  # the six public fixed events, one cancelled, and mine
    # Cancelled: in the status and, for apps that don't show it, in the title.
    cancelled = by_title["Avlyst: Avlyst temakveld"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert by_title["Temakveld om helse"]["STATUS"] == "CONFIRMED"
    # The weekly event: its rule, the excluded date at the occurrence's time,
    # and, expanded by a calendar app's library, the dates the site stores.
    vevent = by_title["Trim hver uke"]
    assert vevent["RRULE"]["FREQ"] == ["WEEKLY"]
    assert [exdate.dt for exdate in vevent["EXDATE"].dts] == [
        recurrence.aware(datetime.datetime.combine(skipped, datetime.time(10)))
    ]
    expanded = recurring_ical_events.of(calendar).between(
        datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1)
    )
    app_dates = sorted(
        item["DTSTART"].dt for item in expanded if item["SUMMARY"] == "Trim hver uke"
    )
    stored = EventOccurrence.objects.filter(event=weekly).order_by("start")
    assert app_dates == [occurrence.start for occurrence in stored]
    assert skipped not in [moment.date() for moment in app_dates]
    assert len(app_dates) == 6  # seven weeks, one of them off


def without_stamp(raw):
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:-", raw)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_feed_rows_write_what_the_events_as_models_write(grow, language):
    grow(12)
    Event.objects.filter(pk__in=Event.objects.all()[:4]).update(
        description='<p>Tekst, med <a href="https://example.no/x">lenke</a>;\\ og mer.</p>',
        last_published_at=at(1, 2, 3, 4) + datetime.timedelta(microseconds=5),
    )
    events = Event.objects.filter(locale=Locale.get_default()).order_by("start", "pk")

    with translation.override(language):
        as_rows = ical.calendar_bytes(feed_events(events), name="Feed", event_url=source_url)
        as_models = ical.calendar_bytes(
            localized_events(events.select_related("category")), name="Feed", event_url=source_url
        )

    assert without_stamp(as_rows) == without_stamp(as_models)
    assert as_rows.count(b"BEGIN:VEVENT") == 12
    if language == "en":
        assert b"SUMMARY:Event 3 in English" in as_rows


def source_url(event):
    return event_url(getattr(event, "_source", event))


# --- The same bytes as icalendar's object model --------------------------------


def reference_vevent(event, url, stamp):
    """The VEVENT as icalendar's object model wrote it before issue 19 (ical.py's old _vevent)."""
    vevent = icalendar.Event()
    vevent.add("uid", ical.uid(event))
    vevent.add("dtstamp", stamp)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    summary = ("Cancelled: " if event.is_cancelled else "") + event.title
    vevent.add("summary", summary)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    start, end = recurrence.local(event.start), recurrence.local(event.end)
    if event.all_day:
        vevent.add("dtstart", start.date())
        vevent.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", recurrence.aware(start))
        vevent.add("dtend", recurrence.aware(end))
    if event.repeat:
        last = recurrence.last_date(event.start, event.repeat_until)
        until = last
        if not event.all_day:
            until = recurrence.aware(datetime.datetime.combine(last, datetime.time(23, 59, 59)))
            until = until.astimezone(datetime.UTC)
        byday = ical.BYDAY[start.weekday()]
        if event.repeat == recurrence.MONTHLY:
            byday = f"{recurrence.nth_weekday(start)}{byday}"
        frequency = "MONTHLY" if event.repeat == recurrence.MONTHLY else "WEEKLY"
        rule = {"freq": frequency, "interval": event.repeat_interval or 1, "byday": byday}
        vevent.add("rrule", {**rule, "until": until})
        for day in sorted(event.excluded_dates):
            moment = datetime.datetime.combine(day, start.time())
            vevent.add("exdate", day if event.all_day else recurrence.aware(moment))
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if location:
        vevent.add("location", location)
    text = ical.html_to_text(event.description)
    vevent.add("description", f"{text}\n\n{url}" if text else url)
    vevent.add("url", url)
    vevent.add("categories", [event.category.name])
    return vevent.to_ical()


HOSTILE = "Kafé; Ski, sentrum \\ bak\r\nEND:VEVENT\rny\nlinje \\N slutt"


def hostile_events():
    """Unsaved events with every value type, and text that folds at every awkward place."""
    category = EventCategory(name="Kurs, språk; og \\ mer")
    oslo = recurrence.OSLO
    first = datetime.datetime(2027, 3, 3, 10, tzinfo=oslo)
    events = [
        Event(
            title=HOSTILE,
            description=f"<p>{HOSTILE}</p><ul><li>ø</li></ul>",
            place_name="Bibliotek 😀" * 9,
            address="Storgata 1; 0155 Oslo",
            start=first,
            end=first + datetime.timedelta(hours=1),
            repeat="weekly",
            repeat_until=datetime.date(2027, 4, 14),
            excluded_dates=[datetime.date(2027, 3, 17), datetime.date(2027, 3, 10)],
            last_published_at=datetime.datetime(2027, 1, 2, 3, 4, 5, 999999, tzinfo=oslo),
            status=EventStatus.CANCELLED,
        ),
        Event(  # all day, monthly on the last Wednesday, one date off
            title="Hele dagen",
            start=datetime.datetime(2027, 3, 31, tzinfo=oslo),
            end=datetime.datetime(2027, 3, 31, 23, 59, tzinfo=oslo),
            all_day=True,
            repeat="monthly",
            repeat_interval=2,
            repeat_until=datetime.date(2027, 12, 31),
            excluded_dates=[datetime.date(2027, 5, 26)],
            place_name="Ute",
        ),
    ]
    # A backslash, a caret or a character of two, three or four bytes on
    # each side of the 75th octet, where icalendar folds.
    for width in range(60, 72):
        for awkward in ("\\", "^", ",", "é", "€", "😀"):
            events.append(
                Event(
                    title="x" * width + awkward * 3 + "y" * 80,
                    start=first,
                    end=first,
                    place_name="Sted",
                )
            )
    for event in events:
        event.category = category
    return events


def test_each_vevent_is_byte_for_byte_what_icalendar_writes():
    events = hostile_events()
    with translation.override("en"):
        raw = feed_bytes(*events)
    stamp = datetime.datetime.strptime(
        re.search(rb"DTSTAMP:(\d{8}T\d{6})Z", raw).group(1).decode(), "%Y%m%dT%H%M%S"
    ).replace(tzinfo=datetime.UTC)
    with translation.override("en"):
        expected = b"".join(reference_vevent(event, event_url(event), stamp) for event in events)

    start = raw.index(b"BEGIN:VEVENT")
    assert raw[start:] == expected + b"END:VCALENDAR\r\n"
    assert len(Calendar.from_ical(raw).events) == len(events)
    assert str(Calendar.from_ical(raw).events[0]["SUMMARY"]) == "Cancelled: " + HOSTILE.replace(
        "\\N", "\n"
    ).replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("width", range(64, 80))
@pytest.mark.parametrize("awkward", ["\\", "^", "\\,", "é", "€", "😀", "a"])
def test_folding_is_icalendars(width, awkward):
    line = "DESCRIPTION:" + "x" * (width - 12) + awkward * 40
    assert ical._fold(line.encode()) == Contentline(line).to_ical()
    assert ical._text(line) == icalendar.vText(line).to_ical().decode()
