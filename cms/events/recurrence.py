"""When a repeating event happens, in Oslo wall-clock time.

The rules themselves come from python-dateutil's ``rrule``; this module only
decides in which clock they run. An event "every Wednesday 10:00" is 10:00 in
Oslo in January and in July, so the rule is expanded on *naive local* times and
each occurrence gets its UTC offset afterwards. Expanding on aware or UTC times
would move every occurrence after a clock change by an hour.
"""

import datetime
import itertools
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

OSLO = ZoneInfo("Europe/Oslo")

WEEKLY = "weekly"
MONTHLY = "monthly"

#: No event repeats for more than this many years: it bounds the stored rows.
MAX_YEARS = 3

#: The most dates one event expands to: weekly for MAX_YEARS years. The
#: form refuses a longer rule; one stored another way (an import, a script)
#: is cut here, so it cannot fill the calendar's table or a feed.
MAX_OCCURRENCES = 53 * MAX_YEARS

#: The years the calendar takes; anything else is a typing error (and year 1
#: or 9999 would overflow when converted between Oslo time and UTC).
FIRST_YEAR = 2000
LAST_YEAR = 2100


def latest_until(first):
    """The last date an event that first happens on ``first`` may repeat until.

    ``MAX_YEARS`` later to the day; from 29 February, the 28th, as that year
    has no 29th (``date.replace`` would raise).
    """
    try:
        return first.replace(year=first.year + MAX_YEARS)
    except ValueError:
        return first.replace(year=first.year + MAX_YEARS, day=28)


def last_date(start, until):
    """The last date a rule from ``start`` runs to: ``until``, at most ``MAX_YEARS`` on."""
    return min(until, latest_until(local(start).date()))


def local(value):
    """An aware datetime as naive Oslo wall-clock time."""
    return value.astimezone(OSLO).replace(tzinfo=None)


def aware(naive):
    """Naive Oslo wall-clock time as an aware datetime.

    A time skipped by the March change (02:30) lands an hour later, as a
    clock on the wall would show it; an October time that happens twice is
    the first of the two (PEP 495's ``fold=0``).
    """
    return naive.replace(tzinfo=OSLO)


def nth_weekday(day):
    """Which of its month's weekdays ``day`` is: 1 to 4, or -1 for a fifth (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def build_rule(start, repeat, interval, until):
    """The dateutil rule for a schedule, on naive Oslo times, or None for a single event."""
    if not repeat:
        return None
    local_start = local(start)
    weekday = rrule.weekday(local_start.weekday())
    if repeat == MONTHLY:
        frequency, byweekday = rrule.MONTHLY, weekday(nth_weekday(local_start))
    else:
        frequency, byweekday = rrule.WEEKLY, weekday
    return rrule.rrule(
        frequency,
        dtstart=local_start,
        interval=interval or 1,
        byweekday=byweekday,
        until=datetime.datetime.combine(last_date(start, until), datetime.time.max),
    )


def expand(start, end, repeat="", interval=1, until=None, excluded=()):
    """Every (start, end) of an event, aware, in order.

    ``excluded`` holds local dates on which a repeating event does not happen
    (a holiday, the autumn break).
    """
    rule = build_rule(start, repeat, interval, until)
    if rule is None:
        return [(start, end)]
    duration = local(end) - local(start)
    skipped = set(excluded)
    return [
        (aware(moment), aware(moment + duration))
        for moment in itertools.islice(rule, MAX_OCCURRENCES)
        if moment.date() not in skipped
    ]


ORDINALS = {
    1: pgettext_lazy("weekday in month", "first"),
    2: pgettext_lazy("weekday in month", "second"),
    3: pgettext_lazy("weekday in month", "third"),
    4: pgettext_lazy("weekday in month", "fourth"),
    -1: pgettext_lazy("weekday in month", "last"),
}


def describe(start, repeat, interval):
    """“Every Wednesday”, “The first Monday of every month”: a repeating rule in words."""
    local_start = local(start)
    weekday = date_format(local_start, "l")
    if repeat == WEEKLY:
        if interval == 1:
            return _("Every %(weekday)s") % {"weekday": weekday}
        return _("Every %(weekday)s, every %(n)s weeks") % {"weekday": weekday, "n": interval}
    ordinal = ORDINALS[nth_weekday(local_start)]
    if interval == 1:
        return _("The %(ordinal)s %(weekday)s of every month") % {
            "ordinal": ordinal,
            "weekday": weekday,
        }
    return _("The %(ordinal)s %(weekday)s of the month, every %(n)s months") % {
        "ordinal": ordinal,
        "weekday": weekday,
        "n": interval,
    }
