"""Time zones and whole days in the iCalendar feed.

One VTIMEZONE for Oslo, whose own yearly rules change the clocks when Norway
does (for apps without the tz database); whole-day events as dates with an
exclusive end, repeating on their own dates.
"""

import datetime
from datetime import UTC

import recurring_ical_events
from icalendar import Calendar

from tests.factories import OSLO, EventFactory
from tests.helpers.events import oslo
from tests.helpers.ical import feed, feed_bytes, repeating, saved

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
