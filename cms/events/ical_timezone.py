"""The feed's VTIMEZONE for Oslo, from the system's tz database.

Split from ``cms.events.ical``: the zone is written once per feed, with
icalendar's object model, and has rules of its own (RFC 5545 3.6.5).
"""

import datetime
import functools

import icalendar
from django.utils import timezone

from cms.events import recurrence

UTC = datetime.UTC
TZID = "Europe/Oslo"

#: Weekday names in RRULE's BYDAY, indexed by ``date.weekday()``.
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Years:
    """The first and last year a feed's events happen in, gathered as they are written.

    The feed is written in one pass over its events (a feed of 10,000 keeps
    none of them), so the years are counted on the way. Times are compared
    as they are and made Oslo dates once, at the end: the order is the same.
    """

    def __init__(self):
        self.first_start = self.last_moment = self.last_day = None

    def add(self, event):
        """Count in an event's first start and its last moment, or its rule's last day."""
        start = event.start
        # A rule runs until its last date (capped as the site caps it); an
        # event whose end came before its start still counts its start.
        last = start if event.repeat_until else max(start, event.end)
        if self.first_start is None:
            self.first_start, self.last_moment = start, last
        else:
            self.first_start = min(self.first_start, start)
            self.last_moment = max(self.last_moment, last)
        if event.repeat_until:
            day = recurrence.last_date(start, event.repeat_until)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

    def span(self):
        """(first year, last year); this year for an empty feed."""
        if self.first_start is None:
            year = timezone.localdate().year
            return year, year
        last = recurrence.local(self.last_moment).date()
        if self.last_day is not None:
            last = max(last, self.last_day)
        return recurrence.local(self.first_start).year, last.year


def vtimezone(first_year, last_year):
    """A VTIMEZONE for Oslo, from the system's tz database, valid for the years.

    Apps that know the IANA name (Google, Apple) use their own rules; Outlook
    and some others use this component, so it must be right. It is built
    here rather than with ``icalendar.Timezone.from_tzinfo`` for two reasons
    (icalendar 7.3): that puts the spring change an hour late (DTSTART is
    read in TZOFFSETFROM, so it must be 02:00, not 03:00), and it lists the
    changes as RDATEs, which Outlook is reported to mishandle, shifting
    summer events by an hour. So each kind of change that follows a yearly
    rule, as the EU one ("the last Sunday in March") does, is written as an
    RRULE, like Google's and tzurl.org's zones; an irregular one falls back
    to RDATEs.
    """
    vtimezone = icalendar.Timezone()
    vtimezone.add("tzid", TZID)
    # Start a year early so that January of the first year is covered by
    # the previous autumn's change.
    changes = _changes(first_year - 1, last_year + 1)
    if not changes:
        # A zone without clock changes: one observance from the start.
        moment = datetime.datetime(first_year - 1, 1, 1, tzinfo=recurrence.OSLO)
        standard = icalendar.TimezoneStandard()
        standard.add("dtstart", moment.replace(tzinfo=None))
        standard.add("tzoffsetfrom", moment.utcoffset())
        standard.add("tzoffsetto", moment.utcoffset())
        standard.add("tzname", moment.tzname())
        vtimezone.add_component(standard)
        return vtimezone
    kinds = {}
    for change in changes:
        kinds.setdefault(change[1:], []).append(change[0])
    for (offset_from, offset_to, name, is_dst), onsets in kinds.items():
        observance = icalendar.TimezoneDaylight() if is_dst else icalendar.TimezoneStandard()
        observance.add("dtstart", onsets[0])
        rule = _yearly_rule(onsets)
        if rule:
            observance.add("rrule", rule)
        for onset in [] if rule else onsets[1:]:
            observance.add("rdate", onset)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        observance.add("tzname", name)
        vtimezone.add_component(observance)
    return vtimezone


@functools.lru_cache(maxsize=32)
def _changes(first_year, last_year):
    """Oslo's clock changes in the years, from the tz database.

    Each is (onset, offset before, offset after, name after, daylight saving
    after), the onset being naive local time *before* the change, which is
    how VTIMEZONE's DTSTART is read (RFC 5545 3.6.5: with TZOFFSETFROM).
    """
    changes = []
    day = datetime.timedelta(days=1)
    moment = datetime.datetime(first_year, 1, 1, tzinfo=UTC)
    stop = datetime.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(recurrence.OSLO).utcoffset()
    while moment < stop:
        following = moment + day
        new_offset = following.astimezone(recurrence.OSLO).utcoffset()
        if new_offset != offset:
            instant = _change_within(moment, following, offset)
            after = instant.astimezone(recurrence.OSLO)
            onset = (instant + offset).replace(tzinfo=None)
            changes.append((onset, offset, new_offset, after.tzname(), bool(after.dst())))
        offset = new_offset
        moment = following
    return tuple(changes)


def _change_within(before, after, offset):
    """The first second after ``before`` at which Oslo's offset is no longer ``offset``."""
    while after - before > datetime.timedelta(seconds=1):
        middle = before + datetime.timedelta(seconds=(after - before).total_seconds() // 2)
        if middle.astimezone(recurrence.OSLO).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after


def _yearly_rule(onsets):
    """An RRULE for changes in consecutive years on the same weekday of the same month.

    Outlook only understands yearly rules with BYDAY, so "the last Sunday
    in March" is ``BYMONTH=3;BYDAY=-1SU``. None if the onsets follow no
    such rule (or there is only one).
    """
    if len(onsets) < 2:
        return None
    first = onsets[0]
    years = [onset.year for onset in onsets]
    if years != list(range(first.year, first.year + len(onsets))):
        return None
    if any(
        (onset.month, onset.weekday(), onset.time()) != (first.month, first.weekday(), first.time())
        for onset in onsets
    ):
        return None
    if all(_is_last_weekday(onset) for onset in onsets):
        nth = -1
    elif len({(onset.day - 1) // 7 for onset in onsets}) == 1:
        nth = (first.day - 1) // 7 + 1
    else:
        return None
    return {"freq": "YEARLY", "bymonth": first.month, "byday": f"{nth}{BYDAY[first.weekday()]}"}


def _is_last_weekday(moment):
    return (moment + datetime.timedelta(days=7)).month != moment.month
