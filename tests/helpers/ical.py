"""Helpers shared by the iCalendar tests: a feed of given events, as the views make it."""

from icalendar import Calendar

from cms.events.ical import calendar_bytes
from cms.events.models import Event
from tests.factories import EventFactory


def event_url(event):
    return f"https://bydelsmodre.example/arrangementer/{event.pk}/"


def feed_bytes(*events, **kwargs):
    return calendar_bytes(events, name="Bydelsmødre Stovner", event_url=event_url, **kwargs)


def feed(*events):
    return Calendar.from_ical(feed_bytes(*events))


def saved(event):
    """The event as the views get it: from the database, times in UTC."""
    return Event.objects.get(pk=event.pk)


def repeating(section, start, end, **kwargs):
    event = EventFactory(section=section, start=start, end=end, **kwargs)
    event.full_clean()  # a schedule the admin would accept
    return saved(event)
