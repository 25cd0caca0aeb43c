"""The demo's dates, counted from the day the loader runs.

A fresh demo always has upcoming events, so ``events.toml`` gives no dates:
each event names a rule of ``RULES`` with its arguments, for example
``{ rule = "weekday", weekday = "wednesday", weeks = 1 }`` for the Wednesday
after next. ``resolve`` turns such a rule into a date.
"""

from calendar import monthrange
from datetime import date, datetime, timedelta

from cms.events import recurrence

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONDAY, SATURDAY = 0, 5

#: Approximate first days of Eid al-Fitr and Eid al-Adha; the real day follows
#: the moon, so the demo's party is on the Saturday after, as many groups do.
EID_DATES = [
    date(2026, 3, 20),
    date(2026, 5, 27),
    date(2027, 3, 9),
    date(2027, 5, 16),
    date(2028, 2, 26),
    date(2028, 5, 5),
    date(2029, 2, 14),
    date(2029, 4, 24),
    date(2030, 2, 5),
    date(2030, 4, 13),
]


def weekday_on_or_after(day, weekday, weeks=0):
    """The first ``weekday`` (0 is Monday) on or after ``day``, plus ``weeks`` weeks."""
    return day + timedelta(days=(weekday - day.weekday()) % 7, weeks=weeks)


def last_sunday(year, month):
    """The last Sunday of ``month``."""
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


def next_clock_change(today):
    """The next day Norway changes its clocks: the last Sunday of March or October."""
    years = (today.year, today.year + 1)
    changes = [last_sunday(year, month) for year in years for month in (3, 10)]
    return min(day for day in changes if day > today)


def first_monday(year, month):
    """The first Monday of ``month``."""
    return weekday_on_or_after(date(year, month, 1), MONDAY)


def next_eid_party(today):
    """The Saturday after the next Eid, or in six weeks once the table runs out."""
    upcoming = [day for day in EID_DATES if day > today + timedelta(days=7)]
    eid = upcoming[0] if upcoming else today + timedelta(weeks=6)
    return weekday_on_or_after(eid + timedelta(days=1), SATURDAY)


def next_womens_day(today):
    """The next 8 March, International Women's Day."""
    womens_day = date(today.year, 3, 8)
    return womens_day if womens_day > today else date(today.year + 1, 3, 8)


def _weekday(today, weekday):
    """The first ``weekday`` after today."""
    return weekday_on_or_after(today + timedelta(days=1), WEEKDAYS.index(weekday))


def _weekday_since(today, weekday, weeks_ago):
    """The first ``weekday`` on or after the day ``weeks_ago`` weeks back."""
    return weekday_on_or_after(today - timedelta(weeks=weeks_ago), WEEKDAYS.index(weekday))


def _after_clock_change(today, weekday):
    """The first ``weekday`` on or after the next clock change."""
    return weekday_on_or_after(next_clock_change(today), WEEKDAYS.index(weekday))


def _first_monday(today):
    """The first Monday of this month (possibly already past)."""
    return first_monday(today.year, today.month)


#: The rules an event's dates may name in ``events.toml``; each takes today
#: and the rule's arguments.
RULES = {
    "weekday": _weekday,
    "weekday_since": _weekday_since,
    "after_clock_change": _after_clock_change,
    "first_monday": _first_monday,
    "eid_party": next_eid_party,
    "womens_day": next_womens_day,
}


def resolve(when, today):
    """The date a rule of the data (``{rule = ..., weeks = ..., days = ...}``) gives.

    ``weeks`` and ``days``, which every rule takes, are added to the rule's date.
    """
    arguments = dict(when)
    rule = RULES[arguments.pop("rule")]
    offset = timedelta(weeks=arguments.pop("weeks", 0), days=arguments.pop("days", 0))
    return rule(today, **arguments) + offset


def at(day, clock):
    """Oslo wall-clock time ``clock`` (a ``datetime.time``) on ``day``, aware."""
    return recurrence.aware(datetime.combine(day, clock))
