"""The public calendar: filters, listings, event pages and iCal responses.

Every public path to an event goes through ``public_occurrences()``, so a
volunteer-only or unpublished event cannot reach a page, a feed or a count.
The calendar reads the Norwegian events (they own the schedule) and shows
each in the reader's language where a live translation exists.
"""

import datetime
import hashlib
import uuid

import django_filters
from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from cms import ical, recurrence
from cms.core.visibility import public
from cms.models import (
    AssociationPage,
    Audience,
    Event,
    EventCategory,
    EventIndexPage,
    EventOccurrence,
    MunicipalityPage,
    SpokenLanguage,
)

#: The longest free-text search the calendar accepts.
MAX_QUERY_LENGTH = 200

#: How far back a subscribed feed reaches, so a calendar app keeps recent events.
FEED_HISTORY = datetime.timedelta(days=30)

#: How long a built feed is kept. Calendar apps poll feeds; building one with
#: thousands of events takes seconds. Any change to an event drops them all.
FEED_CACHE_SECONDS = 15 * 60
FEED_VERSION_KEY = "events:feed-version"


def public_occurrences():
    """Occurrences of live, public events, with what a listing shows of them.

    The section must be published and public too: an event cannot reach the
    public through the calendar when its section's page cannot.
    """
    return (
        EventOccurrence.objects.public()
        .filter(event__locale=Locale.get_default(), event__section__in=sections())
        .select_related("event", "event__category", "event__section")
        .order_by("start", "event_id")
    )


def sections():
    """Every live public section in the Norwegian tree, in tree order."""
    return (
        public(Page.objects.type(MunicipalityPage, AssociationPage).live())
        .filter(locale=Locale.get_default())
        .order_by("path")
    )


class SectionChoiceField(ModelChoiceField):
    """Districts and associations indented under their municipality."""

    def label_from_instance(self, obj):
        # Top-level sections sit at depth 3 (root → home → section).
        return "\u2003" * max(obj.depth - 3, 0) + obj.title


class CategoryChoiceField(ModelChoiceField):
    """Norwegian categories (the events point to them), named in the reader's language."""

    def __init__(self, *args, names=None, **kwargs):
        self.names = names or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.names.get(obj.translation_key, obj.name)


class LanguageChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.name_local and obj.name_local != obj.name:
            return f"{obj.name} ({obj.name_local})"
        return obj.name


class SectionFilter(django_filters.ModelChoiceFilter):
    field_class = SectionChoiceField


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class LanguageFilter(django_filters.ModelChoiceFilter):
    field_class = LanguageChoiceField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class EventFilterForm(forms.Form):
    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field it belongs to.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start and end and end < start:
            self.add_error("til", _("The end date is before the start date."))
        return cleaned


class EventFilter(django_filters.FilterSet):
    """The calendar's filters: plain GET parameters with Norwegian names.

    They combine (AND), so ``?seksjon=3&kategori=kurs&sprak=so`` is a
    shareable link to courses in Somali in one place and its districts.
    """

    PERIODS = [("uke", _("This week")), ("maned", _("This month"))]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
    )
    seksjon = SectionFilter(
        label=_("Place"),
        queryset=lambda request: sections(),
        method="filter_section",
        empty_label=_("All places"),
    )
    kategori = CategoryFilter(
        label=_("Kind of event"),
        queryset=lambda request: EventCategory.objects.filter(locale=Locale.get_default()),
        to_field_name="slug",
        field_name="event__category",
        empty_label=_("All kinds"),
    )
    sprak = LanguageFilter(
        label=_("Language spoken"),
        queryset=SpokenLanguage.objects.all(),
        to_field_name="code",
        field_name="event__languages",
        empty_label=_("All languages"),
    )
    malgruppe = django_filters.ChoiceFilter(
        label=_("Who it is for"),
        choices=[(Audience.OPEN, Audience.OPEN.label), (Audience.WOMEN, Audience.WOMEN.label)],
        field_name="event__audience",
        empty_label=_("Everyone"),
    )
    periode = django_filters.ChoiceFilter(
        label=_("When"),
        choices=PERIODS,
        method="filter_period",
        empty_label=_("Any time"),
    )
    fra = django_filters.DateFilter(label=_("From"), method="filter_from", widget=DateInput())
    til = django_filters.DateFilter(label=_("To"), method="filter_to", widget=DateInput())

    class Meta:
        form = EventFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kategori"].extra["names"] = {
            category.translation_key: category.name
            for category in EventCategory.objects.filter(locale=Locale.get_active())
        }

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matching = Q(event__title__icontains=value) | Q(event__place_name__icontains=value)
        matching |= Q(event__description__icontains=value)
        # Translations in the reader's language match too.
        translated = Event.objects.filter(
            Q(title__icontains=value) | Q(description__icontains=value),
            locale=Locale.get_active(),
            live=True,
        ).values("translation_key")
        return queryset.filter(matching | Q(event__translation_key__in=translated))

    def filter_section(self, queryset, name, value):
        # A municipality includes its districts and its association.
        return queryset.filter(event__section__path__startswith=value.path)

    def filter_period(self, queryset, name, value):
        today = timezone.localdate()
        if value == "uke":
            first = today - datetime.timedelta(days=today.weekday())
            last = first + datetime.timedelta(days=6)
        else:
            first = today.replace(day=1)
            last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return self.filter_to(self.filter_from(queryset, name, first), name, last)

    def filter_from(self, queryset, name, value):
        return queryset.filter(end__gte=_midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(
            start__lt=_midnight(min(value, LATEST_DAY) + datetime.timedelta(days=1))
        )


#: Dates a visitor may ask for are clamped to a span wider than any event's:
#: year 1 or 9999 would overflow on the way between Oslo time and UTC.
EARLIEST_DAY = datetime.date(recurrence.FIRST_YEAR - 1, 1, 1)
LATEST_DAY = datetime.date(recurrence.LAST_YEAR + 1, 12, 31)


def _midnight(day):
    """The start of a day in Oslo, aware."""
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return recurrence.aware(datetime.datetime.combine(day, datetime.time()))


def filtered(request, *, since):
    """The filter set for a request and its occurrences.

    Only occurrences that have not ended by ``since``, unless the visitor asks
    for a start date (``fra``) herself: "this week" is what is left of it.
    """
    filterset = EventFilter(request.GET or None, queryset=public_occurrences())
    occurrences = filterset.qs
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    if not data.get("fra"):
        occurrences = occurrences.filter(end__gte=since)
    return filterset, occurrences


def localized_events(events):
    """Each event in the reader's language where a live translation exists.

    One query for the translations and one for the categories' names, however
    many events there are.
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
        categories = {
            category.translation_key: category
            for category in EventCategory.objects.filter(locale=active)
        }
    shown = []
    for event in events:
        translation = translations.get(event.translation_key)
        if translation is not None:
            _synchronise(translation, event)
            event = translation
        event.category_name = getattr(
            categories.get(event.category.translation_key), "name", event.category.name
        )
        shown.append(event)
    return shown


#: Event fields a translation shares with its Norwegian source.
SYNCHRONISED_FIELDS = [
    Event._meta.get_field(field.field_name)
    for field in Event.translatable_fields
    if isinstance(field, SynchronizedField)
    and not Event._meta.get_field(field.field_name).many_to_many
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


def calendar_view(request, page):
    filterset, occurrences = filtered(request, since=timezone.now())
    listing = _paginate(occurrences, page.page_size, request.GET.get("side"))
    context = page.get_context(request)
    query_string = _query_string(request, without="side")
    context.update(
        filterset=filterset,
        listing=listing,
        occurrences=with_localized_events(listing),
        filters_applied=any(request.GET.get(name) for name in EventFilter.base_filters),
        query_string=query_string,
        language_link_suffix=f"?{query_string}" if query_string else "",
    )
    return render(request, "cms/event_index_page.html", context)


def _paginate(queryset, per_page, number):
    return Paginator(queryset, per_page).get_page(number)


def _query_string(request, without):
    params = request.GET.copy()
    params.pop(without, None)
    return params.urlencode()


def feed_view(request, page):
    key = _feed_cache_key(request)
    body = cache.get(key)
    if body is None:
        filterset, occurrences = filtered(request, since=timezone.now() - FEED_HISTORY)
        if filterset.is_bound and not filterset.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
            )
            return HttpResponseBadRequest(
                _("This calendar link has filters we do not understand: %(errors)s")
                % {"errors": errors},
                content_type="text/plain; charset=utf-8",
            )
        events = (
            Event.objects.filter(pk__in=occurrences.values("event_id"))
            .select_related("category", "section")
            .order_by("start", "pk")
        )
        section = filterset.form.cleaned_data.get("seksjon") if filterset.is_bound else None
        name = f"{page.title}: {section.title}" if section is not None else page.title
        body = _calendar_bytes(request, page, localized_events(events), name=name)
        cache.set(key, body, FEED_CACHE_SECONDS)
    return _ical_response(body, filename=slugify(page.title) or "kalender")


def _feed_cache_key(request):
    version = cache.get(FEED_VERSION_KEY)
    if version is None:
        cache.add(FEED_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(FEED_VERSION_KEY)
    address = f"{get_language()} {request.build_absolute_uri()}"
    return f"events:feed:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def forget_feeds(**kwargs):
    """Drop every cached feed, in every app process: an event or a page changed.

    Once now, and again when the change is committed: a feed that another
    process builds in between still reads the old rows, and must not be
    kept. A new random version, rather than a counter, cannot come back to an
    old value if the cache evicts it.
    """
    _new_feed_version()
    transaction.on_commit(_new_feed_version)


def _new_feed_version():
    cache.set(FEED_VERSION_KEY, uuid.uuid4().hex, None)


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


class OccurrenceForm(forms.Form):
    """``?dato=2027-03-17``: the date a listing linked to, for a repeating event."""

    dato = forms.DateField(required=False)


def event_view(request, page, event_id):
    source = public_event(event_id)
    [event] = localized_events([source])
    now = timezone.now()
    upcoming = list(source.occurrences.filter(end__gte=now).order_by("start")[:10])
    chosen = None
    form = OccurrenceForm(request.GET)
    if form.is_valid() and form.cleaned_data["dato"]:
        day = min(form.cleaned_data["dato"], LATEST_DAY)
        chosen = source.occurrences.filter(
            start__gte=_midnight(day), start__lt=_midnight(day + datetime.timedelta(days=1))
        ).first()
    context = page.get_context(request)
    context.update(
        event=event,
        source_event=source,
        languages=list(source.languages.all()),
        upcoming=upcoming,
        # The date the visitor came for, or else the next one. A date the
        # event does not happen on is not an error: the page shows the next.
        when=chosen or (upcoming[0] if upcoming else None),
        section=source.section.specific.localized,
        language_link_suffix=f"{source.pk}/",
        subpage=event,
        ical_path=f"{source.pk}/ical/",
    )
    return render(request, "cms/event_page.html", context)


def event_ical_view(request, page, event_id):
    [event] = localized_events([public_event(event_id)])
    body = _calendar_bytes(request, page, [event], name=event.title)
    return _ical_response(body, filename=slugify(event.title) or "arrangement")


def _calendar_bytes(request, page, events, *, name):
    def event_url(event):
        source = getattr(event, "_source", event)
        path = page.url + page.reverse_subpage("event", args=[source.pk])
        return request.build_absolute_uri(path)

    return ical.calendar_bytes(events, name=name, event_url=event_url)


def _ical_response(body, *, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def calendar_page():
    """The calendar page in the reader's language, or None if the site has none."""
    page = EventIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    return page.localized if page else None


def upcoming_in(section=None, count=3):
    """The next public occurrences, network-wide or in a section and its subsections."""
    occurrences = public_occurrences().filter(end__gte=timezone.now())
    if section is not None:
        occurrences = occurrences.filter(event__section__path__startswith=section.path)
    return with_localized_events(occurrences[:count])
