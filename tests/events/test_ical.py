"""The iCalendar feed: what a calendar app makes of it.

The key tests expand the feed with ``recurring_ical_events``, as an app
would, and compare with the times the site shows and stores: a subscriber
and a visitor must see the same Wednesdays at the same 10:00, also after
the clock changes.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale

from cms.events.ical import calendar_bytes
from cms.events.models import Event, EventStatus
from tests.factories import EventFactory, MunicipalityPageFactory

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC


def oslo(*args):
    return datetime.datetime(*args, tzinfo=OSLO)


def event_url(event):
    return f"https://bydelsmodre.example/arrangementer/{event.pk}/"


def feed_bytes(*events, **kwargs):
    return calendar_bytes(events, name="Bydelsmødre Stovner", event_url=event_url, **kwargs)


def feed(*events):
    return Calendar.from_ical(feed_bytes(*events))


def saved(event):
    """The event as the views get it: from the database, times in UTC."""
    return Event.objects.get(pk=event.pk)


def wall_clock(moments):
    return [moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M") for moment in moments]


def utc_hours(moments):
    return {moment.astimezone(UTC).hour for moment in moments}


@pytest.fixture
def section(home):
    return MunicipalityPageFactory(parent=home)


def repeating(section, start, end, **kwargs):
    event = EventFactory(section=section, start=start, end=end, **kwargs)
    event.full_clean()  # a schedule the admin would accept
    return saved(event)


def assert_feed_matches_site(event, after, before):
    """The app's occurrences are the site's (computed and stored), to the second."""
    expanded = recurring_ical_events.of(feed(event)).between(after, before)
    in_feed = [(item["DTSTART"].dt, item["DTEND"].dt) for item in expanded]
    stored = list(event.occurrences.values_list("start", "end"))
    assert in_feed == event.occurrence_times() == stored
    # Equal instants could still be written in another zone; an app shows the
    # wall-clock time, so compare that too.
    assert wall_clock(start for start, _end in in_feed) == wall_clock(
        start for start, _end in stored
    )
    return [start for start, _end in in_feed]


# --- The calendar ------------------------------------------------------------


def test_feed_parses_with_name_refresh_and_one_event_each(section):
    events = [saved(EventFactory(section=section)) for _ in range(3)]

    calendar = Calendar.from_ical(feed_bytes(*events, description="Alt som skjer i Stovner."))

    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Bydelsmødre Stovner"
    assert calendar["X-WR-CALDESC"] == "Alt som skjer i Stovner."
    assert calendar["X-WR-TIMEZONE"] == "Europe/Oslo"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=6)
    assert calendar["X-PUBLISHED-TTL"] == "PT6H"
    assert [event["SUMMARY"] for event in calendar.events] == [event.title for event in events]
    assert len({event["UID"] for event in calendar.events}) == 3


def test_event_has_place_link_category_and_plain_text_description(section):
    event = saved(
        EventFactory(
            section=section,
            title="Temakveld: barn, skjerm og søvn",
            description=(
                '<p data-block-key="a1">Vi snakker om <b>søvn</b> &amp; skjerm.</p>'
                '<ul><li data-block-key="a2">Te</li><li data-block-key="a3">Kaffe</li></ul>'
                '<p data-block-key="a4">Påmelding <a href="https://example.no/pamelding">her</a>.</p>'
            ),
        )
    )

    raw = feed_bytes(event)
    (vevent,) = Calendar.from_ical(raw).events

    assert vevent["SUMMARY"] == "Temakveld: barn, skjerm og søvn"
    assert b"SUMMARY:Temakveld: barn\\, skjerm og s" in raw  # commas escaped
    assert vevent["LOCATION"] == "Stovner bibliotek, Stovner senter 3, 0985 Oslo"
    assert vevent["URL"] == event_url(event)
    assert vevent["DESCRIPTION"] == (
        "Vi snakker om søvn & skjerm.\n\n• Te\n• Kaffe\n\n"
        "Påmelding her (https://example.no/pamelding).\n\n" + event_url(event)
    )
    assert "<" not in vevent["DESCRIPTION"]
    assert vevent.categories == ["Temakveld"]
    assert vevent["STATUS"] == "CONFIRMED"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded


def test_single_event_is_in_oslo_time_with_tzid(section):
    event = saved(
        EventFactory(section=section, start=oslo(2027, 6, 2, 18), end=oslo(2027, 6, 2, 20))
    )

    raw = feed_bytes(event)
    (vevent,) = Calendar.from_ical(raw).events

    assert b"DTSTART;TZID=Europe/Oslo:20270602T180000" in raw
    assert b"DTEND;TZID=Europe/Oslo:20270602T200000" in raw
    assert "RRULE" not in vevent
    assert vevent["DTSTART"].dt == oslo(2027, 6, 2, 18)


def test_last_modified_is_the_publication_time(section):
    event = EventFactory(section=section)
    event.save_revision().publish()
    event = saved(event)

    (vevent,) = feed(event).events

    # To the second, in UTC: iCalendar has no fractions.
    assert vevent["LAST-MODIFIED"].dt == event.last_published_at.replace(microsecond=0)
    assert vevent["DTSTAMP"].dt.tzinfo is not None


def test_event_never_published_through_a_revision_has_no_last_modified(section):
    (vevent,) = feed(saved(EventFactory(section=section))).events

    assert "LAST-MODIFIED" not in vevent


def test_empty_feed_is_valid_and_still_names_its_time_zone():
    calendar = Calendar.from_ical(calendar_bytes([], name="Tom", event_url=event_url))

    assert calendar.events == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Oslo"]


# --- UID ---------------------------------------------------------------------


def test_uid_stays_the_same_after_editing_the_title(section):
    event = EventFactory(section=section, title="Temakveld om skole")
    (before,) = feed(saved(event)).events

    event.title = "Temakveld om skole og barnehage"
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save()
    (after,) = feed(saved(event)).events

    assert after["SUMMARY"] == "Temakveld om skole og barnehage"
    assert after["UID"] == before["UID"]
    assert before["UID"] == f"event-{event.translation_key}@bydelsmodre.no"


def test_uid_is_shared_by_translations(section):
    event = EventFactory(section=section, title="Temakveld")
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Theme evening"
    english.save()

    (norwegian_event,) = feed(saved(event)).events
    (english_event,) = feed(saved(english)).events

    assert english_event["SUMMARY"] == "Theme evening"
    assert english_event["UID"] == norwegian_event["UID"]


def test_uid_domain_comes_from_settings(section, settings):
    settings.ICAL_UID_DOMAIN = "kalender.example.org"
    event = saved(EventFactory(section=section))

    (vevent,) = feed(event).events

    assert vevent["UID"] == f"event-{event.translation_key}@kalender.example.org"


# --- Status ------------------------------------------------------------------


def test_cancelled_event_says_so_in_status_and_title(section):
    event = saved(EventFactory(section=section, title="Sykkelkurs", status=EventStatus.CANCELLED))

    with translation.override("en"):
        (vevent,) = feed(event).events

    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SUMMARY"] == "Cancelled: Sykkelkurs"


# --- Time zone ---------------------------------------------------------------


def test_one_vtimezone_for_oslo(section):
    events = [
        saved(EventFactory(section=section, start=oslo(2027, 1, 4, 18), end=oslo(2027, 1, 4, 20))),
        saved(EventFactory(section=section, start=oslo(2027, 7, 5, 18), end=oslo(2027, 7, 5, 20))),
    ]

    calendar = feed(*events)

    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Oslo"]
    assert calendar.get_missing_tzids() == set()


def test_vtimezone_changes_the_clocks_when_norway_does(section):
    """Apps without the tz database (Outlook) read the VTIMEZONE itself.

    So it must change at 01:00 UTC on the last Sundays of March and October,
    in every year the events happen, and say so as yearly rules.
    """
    event = repeating(
        section,
        oslo(2027, 1, 6, 10),
        oslo(2027, 1, 6, 11),
        repeat="weekly",
        repeat_until=datetime.date(2028, 12, 27),
    )
    raw = feed_bytes(event)
    (vtimezone,) = Calendar.from_ical(raw).timezones

    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in raw
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in raw
    assert b"RDATE" not in raw  # Outlook is reported to mishandle RDATE here
    # Read with the component's own rules, not looked up by name.
    zone = vtimezone.to_tz(lookup_tzid=False)
    for year in (2027, 2028):
        for moment in _around_changes(year):
            assert moment.astimezone(zone).utcoffset() == moment.astimezone(OSLO).utcoffset(), (
                moment
            )


def _around_changes(year):
    """Instants just before and at Oslo's clock changes in ``year``, and in between."""
    moments = []
    for month in (3, 10):
        last_sunday = max(
            datetime.date(year, month, day)
            for day in range(25, 32)
            if datetime.date(year, month, day).weekday() == 6
        )
        change = datetime.datetime.combine(last_sunday, datetime.time(1), tzinfo=UTC)
        moments += [
            change - datetime.timedelta(seconds=1),
            change,
            change + datetime.timedelta(hours=1),
        ]
    return moments + [
        datetime.datetime(year, 1, 15, 12, tzinfo=UTC),
        datetime.datetime(year, 7, 15, 12, tzinfo=UTC),
    ]


# --- Whole days --------------------------------------------------------------


def test_all_day_event_uses_dates_with_exclusive_end(section):
    event = EventFactory(
        section=section, start=oslo(2027, 5, 15, 14), end=oslo(2027, 5, 16, 16), all_day=True
    )
    event.full_clean()  # normalises to 00:00 and 23:59
    event.save()

    raw = feed_bytes(saved(event))

    assert b"DTSTART;VALUE=DATE:20270515" in raw
    assert b"DTEND;VALUE=DATE:20270517" in raw  # the day after the last day


def test_repeating_all_day_event_keeps_to_its_dates(section):
    event = repeating(
        section,
        oslo(2027, 3, 6),
        oslo(2027, 3, 6, 23, 59),
        all_day=True,
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 10),
        excluded_dates=[datetime.date(2027, 3, 20)],
    )

    raw = feed_bytes(event)
    expanded = recurring_ical_events.of(Calendar.from_ical(raw)).between(
        datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)
    )

    assert b"RRULE:FREQ=WEEKLY;UNTIL=20270410;INTERVAL=1;BYDAY=SA" in raw
    assert b"EXDATE;VALUE=DATE:20270320" in raw
    assert [item["DTSTART"].dt for item in expanded] == [
        start.date() for start, _end in event.occurrence_times()
    ]
    assert [item["DTSTART"].dt.day for item in expanded] == [6, 13, 27, 3, 10]


# --- Repeating events across the clock changes ------------------------------


def test_weekly_event_across_the_march_clock_change_matches_the_site(section):
    event = repeating(
        section,
        oslo(2027, 3, 3, 10),
        oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 14),
        excluded_dates=[datetime.date(2027, 3, 17)],
    )

    raw = feed_bytes(event)
    starts = assert_feed_matches_site(event, datetime.date(2027, 1, 1), datetime.date(2028, 1, 1))

    assert b"RRULE:FREQ=WEEKLY;UNTIL=20270414T215959Z;INTERVAL=1;BYDAY=WE" in raw
    assert b"EXDATE;TZID=Europe/Oslo:20270317T100000" in raw
    assert wall_clock(starts) == [
        "2027-03-03 10:00",
        "2027-03-10 10:00",
        "2027-03-24 10:00",
        # The clocks go forward on Sunday 28 March: still 10:00 on the wall.
        "2027-03-31 10:00",
        "2027-04-07 10:00",
        "2027-04-14 10:00",
    ]
    change = datetime.datetime(2027, 3, 28, 1, tzinfo=UTC)
    assert utc_hours(start for start in starts if start < change) == {9}
    assert utc_hours(start for start in starts if start > change) == {8}


def test_weekly_event_across_the_october_clock_change_matches_the_site(section):
    event = repeating(
        section,
        oslo(2027, 10, 6, 10),
        oslo(2027, 10, 6, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 11, 24),
        excluded_dates=[datetime.date(2027, 11, 3)],
    )

    starts = assert_feed_matches_site(event, datetime.date(2027, 1, 1), datetime.date(2028, 1, 1))

    assert wall_clock(starts) == [
        "2027-10-06 10:00",
        "2027-10-13 10:00",
        "2027-10-20 10:00",
        "2027-10-27 10:00",
        # The clocks go back on Sunday 31 October; 3 November is excluded.
        "2027-11-10 10:00",
        "2027-11-17 10:00",
        "2027-11-24 10:00",
    ]
    change = datetime.datetime(2027, 10, 31, 1, tzinfo=UTC)
    assert utc_hours(start for start in starts if start < change) == {8}
    assert utc_hours(start for start in starts if start > change) == {9}


def test_monthly_first_monday_for_a_year_matches_the_site(section):
    event = repeating(
        section,
        oslo(2027, 1, 4, 18),
        oslo(2027, 1, 4, 20),
        repeat="monthly",
        repeat_until=datetime.date(2027, 12, 31),
        excluded_dates=[datetime.date(2027, 8, 2)],
    )

    raw = feed_bytes(event)
    starts = assert_feed_matches_site(event, datetime.date(2027, 1, 1), datetime.date(2029, 1, 1))

    assert b"RRULE:FREQ=MONTHLY;UNTIL=20271231T225959Z;INTERVAL=1;BYDAY=1MO" in raw
    local = [start.astimezone(OSLO) for start in starts]
    assert [start.month for start in local] == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
    assert all(start.weekday() == 0 and start.day <= 7 for start in local)
    assert {start.strftime("%H:%M") for start in local} == {"18:00"}
    assert utc_hours(starts) == {16, 17}  # summer and winter time


def test_monthly_last_weekday_every_other_month_matches_the_site(section):
    # 29 March 2027 is the fifth Monday: the event is on the last Monday.
    event = repeating(
        section,
        oslo(2027, 3, 29, 10),
        oslo(2027, 3, 29, 12),
        repeat="monthly",
        repeat_interval=2,
        repeat_until=datetime.date(2028, 3, 31),
    )

    raw = feed_bytes(event)
    starts = assert_feed_matches_site(event, datetime.date(2027, 1, 1), datetime.date(2029, 1, 1))

    assert b"BYDAY=-1MO" in raw
    assert [start.astimezone(OSLO).date().isoformat() for start in starts] == [
        "2027-03-29",
        "2027-05-31",
        "2027-07-26",
        "2027-09-27",
        "2027-11-29",
        "2028-01-31",
        "2028-03-27",
    ]
