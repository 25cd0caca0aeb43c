"""Events as an iCalendar (RFC 5545) feed, for calendar apps to subscribe to.

A calendar app expands a repeating event itself, so each event is written
once, with its rule, and not as the stored ``EventOccurrence`` rows. The rule
is written in Oslo time (``DTSTART;TZID=Europe/Oslo``), exactly as
``cms.events.recurrence`` expands it on the site: "every Wednesday 10:00" stays 10:00
on the wall clock after a clock change in the app as on the site.

The calendar's own properties and its VTIMEZONE are built with icalendar's
object model (``cms.events.ical_timezone``); each VEVENT is written as text
(see ``_vevent``).
"""

import datetime
import re
from html.parser import HTMLParser

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from cms.events import recurrence
from cms.events.ical_timezone import BYDAY, TZID, Years, vtimezone

UTC = datetime.UTC

#: Stamped on every feed (RFC 5545's "PRODID").
PRODID = "-//Bydelsmodre//Arrangementer//NB"

#: How often a subscribed app should fetch the feed again. Apple and Google
#: read REFRESH-INTERVAL (RFC 7986), Outlook X-PUBLISHED-TTL.
REFRESH = datetime.timedelta(hours=6)

#: The calendar's last line: the events are written before it.
CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_bytes(events, *, name, event_url, description=""):
    """A VCALENDAR with one VEVENT per event, as bytes for an ``.ics`` response.

    ``events`` are ``Event``s or, for the calendar's feed, the lighter rows
    that ``cms.events.calendar.feed_events()`` yields: only its
    ``FEED_FIELDS`` are read, and each event once, in order.
    ``event_url(event)`` gives the absolute address of the event's page.
    """
    # One pass: the events may be a generator, so that none of them is kept.
    stamp = _utc(timezone.now())
    years = Years()
    body = []
    for event in events:
        years.add(event)
        body += [_fold(line.encode()) for line in _vevent(event, event_url(event), stamp)]
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
    calendar.add_component(vtimezone(*years.span()))
    # The events go between the VTIMEZONE and the calendar's END line.
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    return head + b"".join(line + b"\r\n" for line in body) + CALENDAR_END


def uid(event):
    """The event's UID: the same in every language and after every edit.

    Translations share the ``translation_key``, so an app that subscribes to
    the Norwegian and the English feed sees one event, not two.
    """
    domain = getattr(settings, "ICAL_UID_DOMAIN", "bydelsmodre.no")
    return f"event-{event.translation_key}@{domain}"


def _vevent(event, url, stamp):
    """The event's content lines, unfolded, as icalendar 7.3 would write them.

    Written as text because icalendar's object model cost about 3 of the
    4.3 s a feed of 10,000 events took (a Parameters object and a content
    line object per property, and folding one character at a time). The
    bytes are the same: the properties in icalendar's order (its
    ``Event.canonical_order``, then alphabetical), TEXT values escaped as
    its vText does, URL raw as its vUri does, and every line folded at 75
    octets as it does (``tests/events/test_ical_cost.py`` compares the two).
    """
    start = recurrence.local(event.start)
    end = recurrence.local(event.end)
    summary = event.title
    if event.is_cancelled:
        # Not every app shows STATUS:CANCELLED, so the title says it too.
        summary = gettext("Cancelled") + ": " + summary
    text = html_to_text(event.description)
    # The category in the reader's language, where the calendar named it so.
    category = getattr(event, "category_name", None) or str(event.category)
    lines = ["BEGIN:VEVENT", "SUMMARY:" + _text(summary)]
    if event.all_day:
        # A whole-day event is DATE values, and DTEND is exclusive (RFC 5545
        # 3.6.1): the day after the last day.
        lines.append("DTSTART;VALUE=DATE:" + _date(start))
        lines.append("DTEND;VALUE=DATE:" + _date(end.date() + datetime.timedelta(days=1)))
    else:
        # Local wall-clock time with TZID rather than UTC: the app expands
        # the rule in Oslo time, as cms.events.recurrence does.
        lines.append(f"DTSTART;TZID={TZID}:" + _local(start))
        lines.append(f"DTEND;TZID={TZID}:" + _local(end))
    # With METHOD, DTSTAMP is when this calendar object was made (RFC 5545
    # 3.8.7.2); LAST-MODIFIED says when the event itself changed.
    lines.append("DTSTAMP:" + stamp)
    lines.append("UID:" + _text(uid(event)))
    if event.repeat:
        lines += _rule(event, start)
    lines.append("CATEGORIES:" + _text(category))
    lines.append("DESCRIPTION:" + _text(f"{text}\n\n{url}" if text else url))
    # The feed shows the live version, so it changed when it was last published.
    if event.last_published_at:
        lines.append("LAST-MODIFIED:" + _utc(event.last_published_at))
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if location:
        lines.append("LOCATION:" + _text(location))
    lines.append("STATUS:" + ("CANCELLED" if event.is_cancelled else "CONFIRMED"))
    lines.append("URL:" + url)
    lines.append("END:VEVENT")
    return lines


def _rule(event, start):
    """RRULE and EXDATE lines, ``start`` being the first start in Oslo time."""
    # As cms.events.recurrence.build_rule: the weekday of the first date and,
    # monthly, which of the month's such weekdays it is (-1 for a fifth:
    # "the last", so months with four of them have one too).
    byday = BYDAY[start.weekday()]
    if event.repeat == recurrence.MONTHLY:
        frequency, byday = "MONTHLY", f"{recurrence.nth_weekday(start)}{byday}"
    else:
        frequency = "WEEKLY"
    until = _until(event)
    until = _date(until) if event.all_day else _utc(until)
    interval = event.repeat_interval or 1
    lines = [f"RRULE:FREQ={frequency};UNTIL={until};INTERVAL={interval};BYDAY={byday}"]
    for day in _excluded(event):
        # EXDATE must match an occurrence's DTSTART exactly, value type and
        # time included, or apps ignore it. One property per date rather than
        # a comma list: both are valid, this is the simplest to read.
        if event.all_day:
            lines.append("EXDATE;VALUE=DATE:" + _date(day))
        else:
            lines.append(
                f"EXDATE;TZID={TZID}:" + _local(datetime.datetime.combine(day, start.time()))
            )
    return lines


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


# --- Content lines -----------------------------------------------------------


def _text(value):
    """A TEXT value escaped as RFC 5545 3.3.11 says, exactly as icalendar's vText does.

    The order matters: backslashes before the escapes that add them, and
    any line break (CRLF, LF or a lone CR) becomes ``\\n``. Like vText, a
    literal ``\\N`` is read as a line break first.
    """
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line):
    """A content line (bytes) folded as RFC 5545 3.1 says, exactly as icalendar does.

    Each physical line holds at most 74 octets, then CRLF and a space; a
    fold never splits a UTF-8 character, nor falls just after a backslash
    or caret (icalendar keeps ``\\,`` and RFC 6868's ``^n`` whole).
    """
    if len(line) < 75:
        return line
    chunks = []
    start = 0
    while len(line) - start > 74:
        cut = start + 74
        while line[cut] & 0xC0 == 0x80:  # inside a multi-byte character
            cut -= 1
        if line[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        chunks.append(line[start:cut])
        start = cut
    chunks.append(line[start:])
    return b"\r\n ".join(chunks)


def _utc(moment):
    """An aware datetime as a UTC DATE-TIME, without its microseconds."""
    return _local(moment.astimezone(UTC)) + "Z"


def _local(moment):
    """A wall-clock time as a DATE-TIME (for a TZID property), as its fields read."""
    return f"{_date(moment)}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _date(day):
    return f"{day.year:04}{day.month:02}{day.day:02}"


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
