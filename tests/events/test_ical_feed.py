"""The iCalendar feed and its events, as a calendar app reads them.

The calendar's name, description and refresh interval; each event's place,
link, category and plain-text description, in Oslo time; a UID that lasts
through edits and is shared by translations; and a cancellation that says so.
"""

import datetime

from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale

from cms.events.ical import calendar_bytes
from cms.events.models import EventStatus
from tests.factories import EventFactory
from tests.helpers.events import oslo
from tests.helpers.ical import event_url, feed, feed_bytes, saved

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
