"""How a repeating event's rule expands into dates (``cms.events.recurrence.expand``).

Weekly and monthly (on the same weekday of the month, or the last one),
every other week or month, with excluded dates left out and the last date
counted however late the event is; always at the same wall-clock time in
Oslo across both clock changes.
"""

import datetime
from datetime import UTC

from cms.events import recurrence
from tests.factories import OSLO
from tests.helpers.events import dates, oslo, wall_clock


def test_single_event_happens_once():
    start, end = oslo(2027, 3, 3, 10), oslo(2027, 3, 3, 11)

    assert recurrence.expand(start, end) == [(start, end)]


def test_weekly_event_stays_at_ten_across_both_clock_changes():
    occurrences = recurrence.expand(
        oslo(2027, 3, 17, 10),
        oslo(2027, 3, 17, 11),
        recurrence.WEEKLY,
        1,
        datetime.date(2027, 11, 10),
    )

    starts = [start for start, _end in occurrences]
    assert {start.astimezone(OSLO).strftime("%H:%M") for start in starts} == {"10:00"}
    assert {end.astimezone(OSLO).strftime("%H:%M") for _start, end in occurrences} == {"11:00"}
    by_date = {start.astimezone(OSLO).date(): start.astimezone(UTC).hour for start in starts}
    # Winter time (UTC+1) before 28 March and after 31 October, summer time between.
    assert by_date[datetime.date(2027, 3, 24)] == 9
    assert by_date[datetime.date(2027, 3, 31)] == 8
    assert by_date[datetime.date(2027, 10, 27)] == 8
    assert by_date[datetime.date(2027, 11, 3)] == 9
    assert all(end - start == datetime.timedelta(hours=1) for start, end in occurrences)


def test_monthly_on_the_first_monday():
    occurrences = recurrence.expand(
        oslo(2027, 1, 4, 18),
        oslo(2027, 1, 4, 20),
        recurrence.MONTHLY,
        1,
        datetime.date(2027, 6, 30),
    )

    assert dates(occurrences) == [
        "2027-01-04",
        "2027-02-01",
        "2027-03-01",
        "2027-04-05",
        "2027-05-03",
        "2027-06-07",
    ]
    assert set(wall_clock(start for start, _end in occurrences)) == {
        f"{day} 18:00" for day in dates(occurrences)
    }


def test_monthly_from_a_fifth_weekday_is_on_the_last_one():
    # 29 March 2027 is March's fifth Monday; April and June have only four.
    occurrences = recurrence.expand(
        oslo(2027, 3, 29, 10),
        oslo(2027, 3, 29, 12),
        recurrence.MONTHLY,
        1,
        datetime.date(2027, 7, 31),
    )

    assert dates(occurrences) == [
        "2027-03-29",
        "2027-04-26",
        "2027-05-31",
        "2027-06-28",
        "2027-07-26",
    ]


def test_every_other_week_and_every_other_month():
    weekly = recurrence.expand(
        oslo(2027, 1, 6, 10), oslo(2027, 1, 6, 11), recurrence.WEEKLY, 2, datetime.date(2027, 2, 17)
    )
    monthly = recurrence.expand(
        oslo(2027, 1, 4, 18),
        oslo(2027, 1, 4, 20),
        recurrence.MONTHLY,
        2,
        datetime.date(2027, 7, 31),
    )

    assert dates(weekly) == ["2027-01-06", "2027-01-20", "2027-02-03", "2027-02-17"]
    assert dates(monthly) == ["2027-01-04", "2027-03-01", "2027-05-03", "2027-07-05"]


def test_excluded_dates_are_left_out():
    occurrences = recurrence.expand(
        oslo(2027, 12, 1, 10),
        oslo(2027, 12, 1, 11),
        recurrence.WEEKLY,
        1,
        datetime.date(2028, 1, 5),
        [datetime.date(2027, 12, 22), datetime.date(2027, 12, 29)],
    )

    assert dates(occurrences) == ["2027-12-01", "2027-12-08", "2027-12-15", "2028-01-05"]


def test_the_last_date_counts_however_late_the_event_is():
    occurrences = recurrence.expand(
        oslo(2027, 6, 2, 23, 30),
        oslo(2027, 6, 2, 23, 45),
        recurrence.WEEKLY,
        1,
        datetime.date(2027, 6, 16),
    )

    assert dates(occurrences) == ["2027-06-02", "2027-06-09", "2027-06-16"]
