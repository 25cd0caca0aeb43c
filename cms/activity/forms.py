"""The volunteer's log form, the report's filters and a section's settings.

Every value is chosen from a list or a bounded number; nothing is free text,
so nothing about a person can be written into the log.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.activity.models import (
    MAX_PEOPLE,
    ActivityEntry,
    ActivityKind,
    ActivitySettings,
    EntryService,
    EntryTopic,
    Service,
    Topic,
)
from cms.core.fields import (
    DATE_INPUT_FORMATS,
    SpokenLanguagesField,
)
from cms.core.languages import SpokenLanguage

#: The earliest date a report can start on, and its longest span in days.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)
LONGEST_DAYS = 5 * 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EntryForm(forms.ModelForm):
    """One action: the volunteer's own languages first, the others folded below."""

    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_INPUT_FORMATS)
    kind = forms.ChoiceField(
        label=_("What did you do?"), choices=ActivityKind.choices, widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = SpokenLanguagesField(
        label=_("Languages used"),
        queryset=SpokenLanguage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_languages = SpokenLanguagesField(
        label=_("Other languages"),
        queryset=SpokenLanguage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    people = forms.IntegerField(
        label=_("Number of people reached"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    services = forms.MultipleChoiceField(
        label=_("Referred or accompanied to"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty if you did not refer anyone."),
    )

    class Meta:
        model = ActivityEntry
        fields = ["date", "kind", "people", "minutes"]
        widgets = {"minutes": forms.Select}

    def __init__(self, *args, own_languages=(), edit_days=60, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_days = edit_days
        own = [language.pk for language in own_languages]
        self.fields["languages"].queryset = SpokenLanguage.objects.filter(pk__in=own)
        self.fields["other_languages"].queryset = SpokenLanguage.objects.exclude(pk__in=own)
        if not own:
            # No languages in her profile: every language in one list.
            self.fields["languages"].queryset = SpokenLanguage.objects.all()
            del self.fields["other_languages"]
        self.fields["minutes"].label = _("Time spent")
        if self.instance.pk:
            chosen = set(self.instance.languages.values_list("pk", flat=True))
            self.initial["topics"] = list(self.instance.topic_rows.values_list("topic", flat=True))
            self.initial["services"] = list(
                self.instance.service_rows.values_list("service", flat=True)
            )
            self.initial["languages"] = [pk for pk in chosen if pk in own or not own]
            self.initial["other_languages"] = [pk for pk in chosen if pk not in own]
        else:
            self.initial.setdefault("date", timezone.localdate())
            if len(own) == 1:
                self.initial.setdefault("languages", own)

    def clean_date(self):
        date = self.cleaned_data["date"]
        today = timezone.localdate()
        if date > today:
            raise ValidationError(_("The date cannot be in the future."), code="future")
        if date < today - datetime.timedelta(days=self.edit_days):
            raise ValidationError(
                _("You can log what you did in the last %(days)s days."),
                code="too_old",
                params={"days": self.edit_days},
            )
        return date

    def clean(self):
        cleaned = super().clean()
        languages = [*cleaned.get("languages", []), *cleaned.get("other_languages", [])]
        if not languages and not self.has_error("languages"):
            self.add_error("languages", _("Choose at least one language."))
        cleaned["all_languages"] = languages
        return cleaned

    @transaction.atomic
    def save_for(self, section, volunteer):
        """Store the entry for ``volunteer`` in ``section`` with its topics, services, languages."""
        entry = super().save(commit=False)
        if entry.pk is None:
            entry.section, entry.volunteer = section, volunteer
        entry.save()
        entry.languages.set(self.cleaned_data["all_languages"])
        entry.topic_rows.all().delete()
        EntryTopic.objects.bulk_create(
            EntryTopic(entry=entry, topic=topic) for topic in self.cleaned_data["topics"]
        )
        entry.service_rows.all().delete()
        EntryService.objects.bulk_create(
            EntryService(entry=entry, service=service) for service in self.cleaned_data["services"]
        )
        return entry


class PeriodForm(forms.Form):
    """The filters' form: a period within bounds, its end after its start."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a date between 2000 and 2100."))
        if self.errors:
            return cleaned
        start, end = resolved_period(start, end)
        if start > end:
            self.add_error("end", _("The end of the period is before its start."))
        elif (end - start).days > LONGEST_DAYS:
            self.add_error("start", _("Choose a period of at most five years."))
        return cleaned


class PeriodFilter(django_filters.FilterSet):
    """The coordinator's filters: a period and perhaps one kind."""

    start = django_filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From"),
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
    )
    end = django_filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("To"),
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
    )
    kind = django_filters.ChoiceFilter(
        choices=ActivityKind.choices, label=_("What"), empty_label=_("Everything")
    )

    class Meta:
        model = ActivityEntry
        fields = ["start", "end", "kind"]
        form = PeriodForm

    def period_values(self):
        """(start, end, kind) of valid filters, this year so far by default."""
        data = self.form.cleaned_data if self.is_bound else {}
        return (*resolved_period(data.get("start"), data.get("end")), data.get("kind") or "")


def resolved_period(start, end):
    """The period from the dates given, if any: this year so far by default."""
    today = timezone.localdate()
    start = start or min(today.replace(month=1, day=1), end or today)
    return start, end or max(today, start)


class YearForm(forms.Form):
    """The municipality's contacts choose a calendar year: periods that never overlap."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ActivitySettings
        fields = ["edit_days", "retention_years", "public_figure"]
