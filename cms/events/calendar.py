"""The public calendar's queries: what anyone may see of the events, in her language.

Every public path to an event goes through ``public_occurrences()``, so a
volunteer-only or unpublished event cannot reach a page, a feed or a count.
The calendar reads the Norwegian events (they own the schedule) and shows
each in the reader's language where a live translation exists.
"""

import datetime
import types

from django.db.models import Min
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField

from cms.core.cache import Generation, content
from cms.core.visibility import public
from cms.events import recurrence
from cms.events.models import Event, EventCategory
from cms.events.occurrences import EventOccurrence
from cms.sections.models import section_pages

#: How long a built feed is kept. Calendar apps poll feeds; building one with
#: thousands of events takes seconds. Any change to an event drops them all
#: (``forget_feeds``, connected in ``cms.events.signals``).
FEED_CACHE_SECONDS = 15 * 60
feeds = Generation("events:feed-version")


def public_occurrences():
    """Occurrences of live, public events, with what a listing shows of them.

    The section must be published and public too: an event cannot reach the
    public through the calendar when its section's page cannot.
    """
    return (
        EventOccurrence.objects.public()
        .filter(event__locale=Locale.get_default(), event__section__in=sections())
        .select_related(*LISTED)
        .order_by("start", "event_id")
    )


#: What a listing shows of an occurrence's event, read with it.
LISTED = ("event", "event__category", "event__section")


class FirstDates:
    """Each event's first occurrence among ``occurrences``: a weekly group once, not per week.

    A paginator's list (``count()`` and slices). A slice asks for the
    events' first dates with one GROUP BY and reads those occurrences with
    one more query; the count is the number of events. A window function
    (ROW_NUMBER per event) gave the same rows at five times the cost: it
    numbers every occurrence before keeping the first (``bench/events.py``).
    """

    def __init__(self, occurrences):
        self.occurrences = occurrences

    def count(self):
        return self.occurrences.values("event_id").distinct().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        firsts = list(
            self.occurrences.values_list("event_id")
            .annotate(first=Min("start"))
            .order_by("first", "event_id")[window]
        )
        if not firsts:
            return []
        # By their keys alone: the filters were applied in the GROUP BY, and
        # applying them again made this query cost as much as that one.
        found = {
            (occurrence.event_id, occurrence.start): occurrence
            for occurrence in EventOccurrence.objects.filter(
                event_id__in={event for event, _start in firsts},
                start__in={start for _event, start in firsts},
            ).select_related(*LISTED)
        }
        return [found[first] for first in firsts]


def sections():
    """Every live public section in the Norwegian tree, in tree order."""
    return public(section_pages().live()).filter(locale=Locale.get_default()).order_by("path")


#: Dates a visitor may ask for are clamped to a span wider than any event's:
#: year 1 or 9999 would overflow on the way between Oslo time and UTC.
EARLIEST_DAY = datetime.date(recurrence.FIRST_YEAR - 1, 1, 1)
LATEST_DAY = datetime.date(recurrence.LAST_YEAR + 1, 12, 31)


def midnight(day):
    """The start of a day in Oslo, aware."""
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return recurrence.aware(datetime.datetime.combine(day, datetime.time()))


def localized_events(events):
    """Each event in the reader's language where a live translation exists.

    One query for the translations, however many events there are; the
    categories' names are kept (:func:`category_names`).
    """
    events = list(events)
    active = Locale.get_active()
    keys = {event.translation_key for event in events if event.locale_id != active.pk}
    translations, categories = {}, {}
    if keys:
        translations = {
            event.translation_key: event
            for event in Event.objects.filter(translation_key__in=keys, locale=active, live=True)
        }
        categories = category_names(active)
    shown = []
    for event in events:
        translation = translations.get(event.translation_key)
        if translation is not None:
            _synchronise(translation, event)
            event = translation
        event.category_name = categories.get(event.category.translation_key, event.category.name)
        shown.append(event)
    return shown


#: What a feed writes of an event (``cms.events.ical``); ``category_name`` is added.
FEED_FIELDS = (
    *("pk", "translation_key", "locale_id", "title", "description", "last_published_at"),
    *("status", "start", "end", "all_day", "repeat", "repeat_interval", "repeat_until"),
    *("excluded_dates", "place_name", "address", "category__translation_key", "category__name"),
)


#: Rows fetched at a time for a feed.
FEED_CHUNK = 2000


class FeedEvent(types.SimpleNamespace):
    """An event as a feed writes it: the ``FEED_FIELDS`` as attributes, and ``category_name``."""

    # The model's own rule, so it is written once.
    is_cancelled = Event.is_cancelled


def feed_events(events):
    """A queryset of Norwegian events as :func:`localized_events` shows them, as feed rows.

    The same events, values and order, but read with ``values()`` into
    :class:`FeedEvent` rows and yielded one at a time. Making 10,000
    ``Event`` instances cost more than writing the whole feed
    (modelcluster's constructor looks the model's relations up for each);
    holding 10,000 rows at once made Python's cycle collector walk the
    whole heap every other feed (0.13 s). ``pk`` stays the Norwegian
    event's, as the event's address does. One query, and one more for the
    translations in another language; the categories' names are kept
    (:func:`category_names`).
    """
    active = Locale.get_active()
    translations, categories = {}, {}
    if active.pk != Locale.get_default().pk:
        translations = {
            row["translation_key"]: row
            for row in Event.objects.filter(
                translation_key__in=events.values("translation_key"), locale=active, live=True
            ).values("translation_key", *TRANSLATION_FEED_FIELDS)
        }
        categories = category_names(active)
    for row in events.values(*FEED_FIELDS).iterator(chunk_size=FEED_CHUNK):
        translation = translations.get(row["translation_key"])
        if translation is not None and row["locale_id"] != active.pk:
            # As _synchronise: the translation's own text, the source's schedule.
            row.update(translation)
        row["category_name"] = categories.get(
            row.pop("category__translation_key"), row.pop("category__name")
        )
        yield FeedEvent(**row)


def category_names(locale):
    """Category names in ``locale`` by translation key, kept per content generation."""
    return content.keep(
        f"events:category-names:{locale.pk}",
        lambda: dict(
            EventCategory.objects.filter(locale=locale).values_list("translation_key", "name")
        ),
    )


#: Event fields a translation shares with its Norwegian source.
SYNCHRONISED_FIELDS = [
    Event._meta.get_field(field.field_name)
    for field in Event.translatable_fields
    if isinstance(field, SynchronizedField)
    and not Event._meta.get_field(field.field_name).many_to_many
]


#: The feed's fields a translation has its own value of (its title, text and publication).
TRANSLATION_FEED_FIELDS = [
    name
    for name in FEED_FIELDS
    if "__" not in name
    and name not in {"pk", "translation_key", "locale_id"}
    and Event._meta.get_field(name.removesuffix("_id")) not in SYNCHRONISED_FIELDS
]


def _synchronise(translation, source):
    """Give a translation its source's schedule, place, status and relations.

    A translation is only re-synchronised when a translator updates it, so a
    Norwegian event cancelled or moved since must not show its old state.
    """
    for field in SYNCHRONISED_FIELDS:
        setattr(translation, field.attname, getattr(source, field.attname))
        if field.is_relation and field.is_cached(source):
            field.set_cached_value(translation, field.get_cached_value(source))
    translation._source = source


def with_localized_events(occurrences):
    """The occurrences, each with ``.event`` in the reader's language."""
    occurrences = list(occurrences)
    events = localized_events(occurrence.event for occurrence in occurrences)
    for occurrence, event in zip(occurrences, events, strict=True):
        occurrence.shown_event = event
    return occurrences


def public_event(event_id):
    """The public Norwegian event with this id, or 404."""
    event = (
        Event.objects.public()
        .filter(pk=event_id, locale=Locale.get_default(), section__in=sections())
        .select_related("category", "section", "image")
        .prefetch_related("languages")
        .first()
    )
    if event is None:
        raise Http404
    return event


#: Occurrences kept beyond those shown, so the list stays right as they end.
UPCOMING_SPARE = 10


def upcoming_in(section=None, count=3):
    """The next public occurrences, network-wide or in a section and its subsections.

    Shown on most pages, so ``count + UPCOMING_SPARE`` of them are kept per
    content generation, place and language, and those that have ended since
    are left out as they are read. The list is read again only when too few
    are left, or the content changes.
    """
    now = timezone.now()
    wanted = count + UPCOMING_SPARE
    name = f"upcoming:{section.path if section is not None else '-'}:{count}:{get_language()}"
    kept = content.keep(name, lambda: _upcoming(section, wanted, now))
    left = [occurrence for occurrence in kept if occurrence.end >= now]
    if len(left) < count and len(kept) == wanted:  # more may follow those kept
        kept = _upcoming(section, wanted, now)
        content.put(name, kept)
        left = kept
    return left[:count]


def _upcoming(section, count, now):
    occurrences = public_occurrences().filter(end__gte=now)
    if section is not None:
        occurrences = occurrences.filter(event__section__path__startswith=section.path)
    return with_localized_events(occurrences[:count])


def forget_feeds(**kwargs):
    """Signal receiver: drop every cached feed, in every app process (``Generation.changed``)."""
    feeds.changed()
