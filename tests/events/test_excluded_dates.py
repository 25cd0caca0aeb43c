"""The list of an event's excluded dates, as the editor types it and as it is kept.

Norwegian or ISO dates, separated by commas or lines; a message in the
editors' Norwegian for what is not a date; one date a line when shown again;
and the same dates after a model form, the database and a revision.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import translation

from cms.core.fields import DateListFormField
from cms.events.models import Event
from tests.factories import EventCategoryFactory
from tests.helpers.events import dates, stored, weekly_event


def test_date_list_accepts_norwegian_and_iso_dates_with_commas_and_lines():
    field = DateListFormField(required=False)

    value = field.clean("24.12.2026, 2026-12-31\n\n 01.01.27 \r\n24.12.2026")

    assert value == [
        datetime.date(2026, 12, 24),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 1),
    ]
    assert field.clean("") == []


@pytest.mark.parametrize("text", ["2026-13-45", "abc", "24.12.2026, 31.02.2027"])
def test_date_list_refuses_what_is_not_a_date(text):
    field = DateListFormField(required=False)

    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        field.clean(text)

    with translation.override("nb"):
        (message,) = caught.value.messages
    assert "er ikke en dato. Skriv den som 24.12.2026." in message  # the editors' Norwegian
    assert "24.12.2026" in message  # shows how to write it
    assert text.split(", ")[-1] in message  # and which one is wrong


def test_date_list_shows_stored_dates_one_per_line():
    field = DateListFormField(required=False)

    assert (
        field.prepare_value([datetime.date(2026, 12, 24), "2026-12-31"]) == "24.12.2026\n31.12.2026"
    )


def test_event_form_uses_the_date_list_field():
    assert isinstance(Event._meta.get_field("excluded_dates").formfield(), DateListFormField)


def test_editor_saves_excluded_dates_through_a_model_form(section):
    """As in the admin: a ModelForm, whose validation runs the model's full_clean."""
    form_class = modelform_factory(
        Event,
        fields=[
            "title",
            "category",
            "section",
            "start",
            "end",
            "repeat",
            "repeat_interval",
            "repeat_until",
            "excluded_dates",
            "place_name",
            "audience",
            "status",
        ],
    )
    form = form_class(
        {
            "title": "Språkkafé",
            "category": EventCategoryFactory().pk,
            "section": section.pk,
            "start": "2027-03-03 10:00",
            "end": "2027-03-03 11:00",
            "repeat": "weekly",
            "repeat_interval": "1",
            "repeat_until": "2027-04-14",
            "excluded_dates": "17.03.2027\n2027-04-07",
            "place_name": "Stovner bibliotek",
            "audience": "open",
            "status": "planned",
        }
    )

    assert form.is_valid(), form.errors
    event = form.save()
    assert Event.objects.get(pk=event.pk).excluded_dates == [
        datetime.date(2027, 3, 17),
        datetime.date(2027, 4, 7),
    ]
    assert len(stored(event)) == 5


def test_excluded_dates_round_trip_through_the_database(section):
    event = weekly_event(section)

    loaded = Event.objects.get(pk=event.pk)

    assert loaded.excluded_dates == [datetime.date(2027, 3, 17)]


def test_excluded_dates_round_trip_through_a_revision(section):
    event = weekly_event(section)

    revision = event.save_revision()
    restored = revision.as_object()

    assert restored.excluded_dates == [datetime.date(2027, 3, 17)]
    assert dates(restored.occurrence_times()) == dates(event.occurrence_times())
