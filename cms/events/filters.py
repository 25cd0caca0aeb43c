"""The calendar's filters: section, category, language, period, dates and free text.

The same filter set serves the calendar page, its iCal feed and the public
API, with the Norwegian names of the GET parameters (``seksjon``, ``fra``…).
"""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator
from wagtail.models import Locale

from cms.core.cache import content
from cms.core.languages import SpokenLanguage, isolate
from cms.events.calendar import (
    LATEST_DAY,
    category_names,
    midnight,
    public_occurrences,
    sections,
)
from cms.events.models import Audience, Event, EventCategory

#: The longest free-text search the calendar accepts.
MAX_QUERY_LENGTH = 200


def _isolated(name):
    """A Norwegian name on a page in another language, between Unicode isolates.

    An ``<option>`` holds no ``<bdi>``: FSI … PDI keep "Nordre Follo" from
    taking the brackets or dashes of an Arabic label with it. Norwegian pages
    show the name as it is.
    """
    if get_language() == settings.LANGUAGE_CODE:
        return name
    return isolate(name)


class SectionChoiceField(ModelChoiceField):
    """Districts and associations indented under their municipality, their names isolated."""

    def label_from_instance(self, obj):
        # Top-level sections sit at depth 3 (root → home → section).
        return "\u2003" * max(obj.depth - 3, 0) + _isolated(obj.title)


class CategoryChoiceField(ModelChoiceField):
    """Norwegian categories (the events point to them), named in the reader's language."""

    def __init__(self, *args, names=None, **kwargs):
        self.names = names or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if obj.translation_key in self.names:
            return self.names[obj.translation_key]
        # Not translated: the Norwegian name, isolated.
        return _isolated(obj.name)


class ReaderOrder(ModelChoiceIterator):
    """The languages in the order of their names in the reader's language.

    The queryset is ordered by the Norwegian names; other readers get them
    sorted by the names they read, in Python (no query more). The empty
    choice stays first.
    """

    def __iter__(self):
        choices = list(super().__iter__())
        if get_language() != settings.LANGUAGE_CODE:
            choices.sort(key=self.reader_order)
        return iter(choices)

    @staticmethod
    def reader_order(choice):
        value, label = choice
        # The empty choice first (the sort is stable), then the languages by name.
        is_language = isinstance(value, ModelChoiceIteratorValue)
        return (is_language, str(label).casefold() if is_language else "")


class LanguageChoiceField(ModelChoiceField):
    iterator = ReaderOrder

    def label_from_instance(self, obj):
        # The reader's name first, the own name isolated beside it (an <option> holds no <bdi>).
        return obj.reader_label


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

    #: Fields whose choices are read from the database, and kept (see ``form``).
    KEPT_CHOICES = ("seksjon", "kategori", "sprak")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kategori"].extra["names"] = category_names(Locale.get_active())

    @property
    def form(self):
        """The form, its places, kinds and languages kept per content generation and language.

        They are the same for every visitor; read anew, they cost a query
        each on every calendar page. Checking a chosen value still asks the
        database (``ModelChoiceField.to_python``).
        """
        form = super().form
        if not getattr(form, "choices_kept", False):
            kept = content.keep(
                f"events:filter-choices:{get_language()}",
                lambda: {
                    name: [(str(value), str(label)) for value, label in form.fields[name].choices]
                    for name in self.KEPT_CHOICES
                },
            )
            for name, choices in kept.items():
                # Past django-filter's setter, which would wrap them in a model iterator;
                # Django's ModelChoiceField uses choices set on it as they are.
                field = form.fields[name]
                field._choices = field.widget.choices = choices
            form.choices_kept = True
        return form

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
        return queryset.filter(end__gte=midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(
            start__lt=midnight(min(value, LATEST_DAY) + datetime.timedelta(days=1))
        )


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
