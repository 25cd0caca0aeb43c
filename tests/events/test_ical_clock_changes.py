"""Repeating events in the iCalendar feed across the clock changes.

Each test expands the feed with ``recurring_ical_events``, as an app would,
and compares with the times the site shows and stores: a subscriber and a
visitor must see the same Wednesdays at the same 10:00, also after the clock
changes, and the same first or last Mondays of the month.
"""

import datetime
from datetime import UTC

import recurring_ical_events

from tests.factories import OSLO
from tests.helpers.events import oslo, wall_clock
from tests.helpers.ical import feed, feed_bytes, repeating


def utc_hours(moments):
    return {moment.astimezone(UTC).hour for moment in moments}


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
