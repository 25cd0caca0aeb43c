"""Model and form fields no library provides in the shape editors need."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

#: Ways an editor may write a date: ISO, and the Norwegian day.month.year.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


class DateListFormField(forms.CharField):
    """One date per line (or separated by commas), as a sorted list of dates.

    Django's ``SimpleArrayField`` would do, but it lives in contrib.postgres and
    the embedded database is SQLite.
    """

    widget = forms.Textarea(attrs={"rows": 3})
    default_error_messages = {
        "invalid_date": _("“%(value)s” is not a date. Write it as 24.12.2026."),
    }

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(date_format(self._as_date(item), "d.m.Y") for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        dates = set()
        for part in text.replace(",", "\n").split():
            dates.add(self._parse(part))
        return sorted(dates)

    def _parse(self, text):
        for date_input_format in DATE_INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_input_format).date()
            except ValueError:
                continue
        raise ValidationError(
            self.error_messages["invalid_date"], code="invalid_date", params={"value": text[:40]}
        )

    @staticmethod
    def _as_date(item):
        return item if isinstance(item, datetime.date) else datetime.date.fromisoformat(item)


class DateListField(models.JSONField):
    """A list of dates, stored as ISO strings in JSON, edited as lines of text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        if value:
            value = [
                item.isoformat() if isinstance(item, datetime.date) else item for item in value
            ]
        return super().get_prep_value(value)

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return [datetime.date.fromisoformat(item) for item in value or []]

    def to_python(self, value):
        # Revisions hand the value back as JSON: a list of ISO strings.
        return [
            item if isinstance(item, datetime.date) else datetime.date.fromisoformat(item)
            for item in value or []
        ]

    def validate(self, value, model_instance):
        # JSONField's check is json.dumps(value), which fails on date objects
        # and so rejected every excluded date an editor entered. Check the
        # ISO strings that are actually stored.
        super().validate(self.get_prep_value(value), model_instance)

    def formfield(self, **kwargs):
        # Skip JSONField's own form field (a JSON text box) for the list of lines.
        return models.Field.formfield(self, **{"form_class": DateListFormField, **kwargs})


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no database column can hold.

    Django checks a single choice's id against the column's range, but a list
    of them goes straight into ``pk__in``, where SQLite raises OverflowError
    (a 500) for an id like 10**30. Such an id is simply not a valid choice.
    """

    #: The largest id a 64-bit integer column holds.
    MAX_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django's own check names it
            if not 0 < number <= self.MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SpokenLanguagesField(BoundedModelMultipleChoiceField):
    """Spoken languages named in the reader's language, each one's own name isolated beside it."""

    def label_from_instance(self, obj):
        return obj.reader_label
