"""The demo's events (``data/events.toml``), with dates counted from the day of the run.

An event is found again by its title and section and then left alone, dates
included, so a second run changes nothing.
"""

from django.utils import timezone
from wagtail.actions.create import CreateAction
from wagtail.models import Locale

from cms.core.languages import SpokenLanguage
from cms.demo.data import choice, fill, html_paragraphs, read
from cms.demo.dates import at, resolve
from cms.events.models import Audience, Event, EventCategory, EventStatus, Repeat

#: The fields of an event in the data that name a member of their choices.
CHOICES = {"audience": Audience, "repeat": Repeat, "status": EventStatus}

#: The keys of an event in the data that give its dates as rules.
DATES = {"day", "start", "end", "repeat_until", "excluded_dates"}


def long_date(day):
    """``day`` written out in Norwegian, as "23. desember"."""
    return f"{day.day}. {read('events')['months'][day.month - 1]}"


def event_fields(spec, today):
    """The field values of one event of the data, its dates counted from ``today``."""
    day = resolve(spec["day"], today)
    fields = {"start": at(day, spec["start"]), "end": at(day, spec["end"])}
    if "repeat_until" in spec:
        fields["repeat_until"] = resolve(spec["repeat_until"], today)
    excluded = [resolve(rule, today) for rule in spec.get("excluded_dates", [])]
    if "excluded_dates" in spec:
        fields["excluded_dates"] = excluded
    values = {"excluded": long_date(excluded[0])} if excluded else {}
    for name, value in spec.items():
        if name in DATES:
            continue
        if name in CHOICES:
            value = choice(CHOICES[name], value)
        elif name == "description":
            value = html_paragraphs(fill(text, **values) for text in value)
        fields[name] = value
    return fields


def demo_events(today):
    """The demo's events as field values, with dates counted from ``today``.

    Each is keyed by its title and section; ``section``, ``category`` and
    ``languages`` are a section's slug, a category's slug and language codes.
    """
    return [event_fields(spec, today) for spec in read("events")["events"]]


def load(progress, sections):
    """The demo's events, created and published as the snippet admin would.

    ``CreateAction(publish=True)`` is what the admin's "Publish" button runs:
    it validates the event, saves it, stores a revision, logs wagtail.create
    and publishes the revision (wagtail.publish), so the admin shows the
    event as live with its history. Saving stores the occurrences.
    """
    norwegian = Locale.get_default()
    categories = {
        category.slug: category for category in EventCategory.objects.filter(locale=norwegian)
    }
    languages = {language.code: language for language in SpokenLanguage.objects.all()}
    existing = set(Event.objects.filter(locale=norwegian).values_list("title", "section_id"))
    for fields in demo_events(timezone.localdate()):
        section = sections[fields.pop("section")]
        if (fields["title"], section.pk) in existing:
            continue
        codes = fields.pop("languages", [])
        event = Event(
            locale=norwegian,
            section=section,
            category=categories[fields.pop("category")],
            **fields,
        )
        event.languages.set([languages[code] for code in codes])
        CreateAction(event, publish=True).execute(skip_permission_checks=True)
        progress.made(f"Created the event “{event.title}” ({section.title}).")
