"""Helpers shared by the event tests: admin URLs and answers, form data, times, listings."""

import datetime
import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.events.models import Event, EventStatus
from cms.events.occurrences import EventOccurrence
from tests.factories import OSLO, EventCategoryFactory, EventFactory


def url(name, *args, **kwargs):
    return reverse(f"wagtailsnippets_cms_event:{name}", args=args, kwargs=kwargs or None)


def chooser_url(name, *args):
    return reverse(f"wagtailsnippetchoosers_cms_event:{name}", args=args)


def assert_permission_denied(response):
    """Wagtail's refusal of a whole area: back to the dashboard, with a message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def text(response):
    return response.content.decode()


def editors_of(page, name):
    """A group with admin access and edit, add and publish rights on ``page`` and below."""
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "add_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    return group


def snapshot(event):
    """What an event looks like in the database, to show nothing changed."""
    row = Event.objects.filter(pk=event.pk).values().first()
    return row and {key: value for key, value in row.items() if key != "latest_revision_id"}


def event_form(event=None, **overrides):
    """The admin form's data for ``event``, or for a new event."""
    start = datetime.datetime(2027, 3, 3, 18, 0, tzinfo=OSLO)
    data = {
        "title": "Temakveld om skolen",
        "category": EventCategoryFactory().pk,
        "status": EventStatus.PLANNED,
        "section": "",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "repeat": "",
        "repeat_interval": "1",
        "repeat_until": "",
        "excluded_dates": "",
        "place_name": "Ski bibliotek",
        "address": "",
        "audience": "open",
        "free_of_charge": "on",
        "registration_url": "",
        "registration_info": "",
        "capacity": "",
        "description": rich_text(""),
        "image": "",
    }
    if event is not None:
        data.update(
            title=event.title,
            category=event.category_id,
            section=event.section_id,
            start=event.start.astimezone(OSLO).strftime("%Y-%m-%d %H:%M"),
            end=event.end.astimezone(OSLO).strftime("%Y-%m-%d %H:%M"),
            place_name=event.place_name,
            address=event.address,
        )
    data.update(overrides)
    return nested_form_data(data)


YEAR = timezone.localdate().year + 2


def at(month, day, hour=18, minute=0):
    """A time in Oslo, two years ahead so every fixture event is upcoming."""
    return datetime.datetime(YEAR, month, day, hour, minute, tzinfo=OSLO)


def oslo(*args):
    """A time in Oslo, from ``datetime.datetime``'s arguments."""
    return datetime.datetime(*args, tzinfo=OSLO)


def wall_clock(moments):
    return [moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M") for moment in moments]


def dates(occurrences):
    return [start.astimezone(OSLO).date().isoformat() for start, _end in occurrences]


def stored(event):
    """The event's stored occurrences, as ``(pk, start)``, in order."""
    return list(
        EventOccurrence.objects.filter(event=event).order_by("start").values_list("pk", "start")
    )


def weekly_event(section, **kwargs):
    """Wednesdays at 10:00 from 3 March to 14 April 2027, except 17 March."""
    return EventFactory(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 14),
        excluded_dates=[datetime.date(2027, 3, 17)],
        **kwargs,
    )


def translate(event, locale, title):
    translation = event.copy_for_translation(locale)
    translation.title = title
    translation.save()
    return translation


def titles(response):
    """The event titles a visitor sees in a listing, in order."""
    html = response.content.decode()
    return re.findall(r'class="event-item__title"><a href="[^"]+"[^>]*>([^<]+)</a>', html)
