"""Events as an iCalendar (RFC 5545) feed, for calendar apps to subscribe to.

A calendar app expands a repeating event itself, so each event is written
once, with its rule, and not as the stored ``EventOccurrence`` rows. The rule
is written in Oslo time (``DTSTART;TZID=Europe/Oslo``), exactly as
``cms.events.recurrence`` expands it on the site: "every Wednesday 10:00" stays 10:00
on the wall clock after a clock change in the app as on the site.
"""

import datetime
import functools
import re
from html.parser import HTMLParser

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from cms.events import recurrence

UTC = datetime.UTC
TZID = "Europe/Oslo"

#: Stamped on every feed (RFC 5545's "PRODID").
PRODID = "-//Bydelsmodre//Arrangementer//NB"

#: How often a subscribed app should fetch the feed again. Apple and Google
#: read REFRESH-INTERVAL (RFC 7986), Outlook X-PUBLISHED-TTL.
REFRESH = datetime.timedelta(hours=6)

#: Weekday names in RRULE's BYDAY, indexed by ``date.weekday()``.
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def calendar_bytes(events, *, name, event_url, description=""):
    """A VCALENDAR with one VEVENT per event, as bytes for an ``.ics`` response.

    ``event_url(event)`` gives the absolute address of the event's page.
    """
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME is RFC 7986's; the X-WR- properties are what most apps still read.
    # icalendar escapes only the properties it knows as text: the others are
    # written raw, and a line break in a title would end the property.
    calendar.add("name", icalendar.vText(name))
    calendar.add("x-wr-calname", icalendar.vText(name))
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", icalendar.vText(description))
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    # Always one VTIMEZONE, even in an empty feed: X-WR-TIMEZONE names it.
    calendar.add_component(_vtimezone(*_years(events)))
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, event_url(event), stamp))
    return calendar.to_ical()


def uid(event):
    """The event's UID: the same in every language and after every edit.

    Translations share the ``translation_key``, so an app that subscribes to
    the Norwegian and the English feed sees one event, not two.
    """
    domain = getattr(settings, "ICAL_UID_DOMAIN", "bydelsmodre.no")
    return f"event-{event.translation_key}@{domain}"


def _vevent(event, url, stamp):
    vevent = icalendar.Event()
    vevent.add("uid", uid(event))
    # With METHOD, DTSTAMP is when this calendar object was made (RFC 5545
    # 3.8.7.2); LAST-MODIFIED says when the event itself changed.
    vevent.add("dtstamp", stamp)
    # The feed shows the live version, so it changed when it was last published.
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(UTC))
    summary = event.title
    if event.is_cancelled:
        # Not every app shows STATUS:CANCELLED, so the title says it too.
        summary = gettext("Cancelled") + ": " + summary
    vevent.add("summary", summary)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    _add_times(vevent, event)
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if location:
        vevent.add("location", location)
    text = html_to_text(event.description)
    vevent.add("description", f"{text}\n\n{url}" if text else url)
    vevent.add("url", url)
    # The category in the reader's language, where the calendar named it so.
    vevent.add("categories", [getattr(event, "category_name", None) or str(event.category)])
    return vevent


def _add_times(vevent, event):
    """DTSTART, DTEND, RRULE and EXDATE, in Oslo time or as dates."""
    start = recurrence.local(event.start)
    end = recurrence.local(event.end)
    if event.all_day:
        # A whole-day event is DATE values, and DTEND is exclusive (RFC 5545
        # 3.6.1): the day after the last day.
        vevent.add("dtstart", start.date())
        vevent.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        # Aware in the Oslo zone, so icalendar writes TZID=Europe/Oslo and
        # local wall-clock time rather than UTC; the app expands the rule in
        # Oslo time, as cms.events.recurrence does.
        vevent.add("dtstart", recurrence.aware(start))
        vevent.add("dtend", recurrence.aware(end))
    if not event.repeat:
        return
    rule = {
        "freq": "MONTHLY" if event.repeat == recurrence.MONTHLY else "WEEKLY",
        "interval": event.repeat_interval or 1,
        # As cms.events.recurrence.build_rule: the weekday of the first date and,
        # monthly, which of the month's such weekdays it is (-1 for a fifth:
        # "the last", so months with four of them have one too).
        "byday": BYDAY[start.weekday()],
        "until": _until(event),
    }
    if event.repeat == recurrence.MONTHLY:
        rule["byday"] = f"{recurrence.nth_weekday(start)}{rule['byday']}"
    vevent.add("rrule", rule)
    for day in _excluded(event):
        # EXDATE must match an occurrence's DTSTART exactly, value type and
        # time included, or apps ignore it. One property per date rather than
        # a comma list: both are valid, this is the simplest to read.
        if event.all_day:
            vevent.add("exdate", day)
        else:
            vevent.add("exdate", recurrence.aware(datetime.datetime.combine(day, start.time())))


def _excluded(event):
    """The excluded dates the rule produces, in order: any other EXDATE would only add bytes."""
    if not event.excluded_dates:
        return []
    times = recurrence.expand(
        event.start, event.end, event.repeat, event.repeat_interval, event.repeat_until
    )
    happens = {recurrence.local(start).date() for start, _end in times}
    return sorted(day for day in set(event.excluded_dates) if day in happens)


def _until(event):
    """The rule's UNTIL: the whole of the last date, in the value type RFC 5545 wants.

    With a DATE start, UNTIL is a DATE. With a TZID start it must be UTC
    (3.3.10): the end of the last day in Oslo, so an occurrence late that
    evening still counts, as in ``cms.events.recurrence.build_rule``.
    """
    # The site's cap (cms.events.recurrence.last_date), so an app expands no more dates.
    last = recurrence.last_date(event.start, event.repeat_until)
    if event.all_day:
        return last
    last_moment = datetime.datetime.combine(last, datetime.time(23, 59, 59))
    return recurrence.aware(last_moment).astimezone(UTC)


# --- VTIMEZONE ---------------------------------------------------------------


def _years(events):
    """The first and last year the events happen in; this year for an empty feed."""
    if not events:
        year = timezone.localdate().year
        return year, year
    starts = [recurrence.local(event.start).date() for event in events]
    ends = [
        recurrence.last_date(event.start, event.repeat_until)
        if event.repeat_until
        else recurrence.local(event.end).date()
        for event in events
    ]
    return min(starts).year, max(max(ends), max(starts)).year


def _vtimezone(first_year, last_year):
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


# --- Text --------------------------------------------------------------------


def html_to_text(html):
    """Plain text from an editor's rich text: paragraphs and list items on lines of their own.

    Calendar apps show DESCRIPTION as plain text, so tags would show as
    they are. A link keeps its text, followed by its address when that is
    a web address (internal page links are stored without one).
    """
    if not html:
        return ""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    BLOCKS = frozenset({"p", "div", "ul", "ol", "h2", "h3", "h4", "blockquote"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = [""]
        self.href = None

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.lines.append("")
        elif tag == "li":
            self.lines.append("• ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.href = href if href.startswith(("http://", "https://")) else None

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.lines.append("")
        elif tag == "a" and self.href:
            self.lines[-1] += f" ({self.href})"
            self.href = None

    def handle_data(self, data):
        # Whitespace in HTML is one space; text() trims each line.
        self.lines[-1] += re.sub(r"\s+", " ", data)

    def text(self):
        lines = [" ".join(line.split()) for line in self.lines]
        # Blank lines between paragraphs, at most one in a row.
        paragraphs = []
        for line in lines:
            if line or (paragraphs and paragraphs[-1]):
                paragraphs.append(line)
        return "\n".join(paragraphs).strip()
