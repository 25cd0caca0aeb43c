"""When events happen: the rules, the editor's checks, the stored occurrences and the date list."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import translation
from wagtail.models import Locale

from cms.core.fields import DateListFormField
from cms.events import recurrence
from cms.events.models import Event
from cms.events.occurrences import EventOccurrence
from tests.factories import EventCategoryFactory, EventFactory, MunicipalityPageFactory

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC


def oslo(*args):
    return datetime.datetime(*args, tzinfo=OSLO)


def wall_clock(moments):
    return [moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M") for moment in moments]


def dates(occurrences):
    return [start.astimezone(OSLO).date().isoformat() for start, _end in occurrences]


@pytest.fixture
def section(home):
    return MunicipalityPageFactory(parent=home)


def unsaved(**kwargs):
    """An event as the editor fills it in, before it is saved."""
    return EventFactory.build(category=EventCategoryFactory(), **kwargs)


def errors_of(event):
    """The editor's messages for ``event``, by field, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            event.full_clean()
        return {
            field: [str(message) for message in messages]
            for field, messages in caught.value.message_dict.items()
        }


def stored(event):
    return list(
        EventOccurrence.objects.filter(event=event).order_by("start").values_list("pk", "start")
    )


# --- cms.events.recurrence.expand ---------------------------------------------------


def test_single_event_happens_once():
    start, end = oslo(2027, 3, 3, 10), oslo(2027, 3, 3, 11)

    assert recurrence.expand(start, end) == [(start, end)]


def test_weekly_event_stays_at_ten_across_both_clock_changes():
    occurrences = recurrence.expand(
        oslo(2027, 3, 17, 10),
        oslo(2027, 3, 17, 11),
        recurrence.WEEKLY,
        1,
        datetime.date(2027, 11, 10),
    )

    starts = [start for start, _end in occurrences]
    assert {start.astimezone(OSLO).strftime("%H:%M") for start in starts} == {"10:00"}
    assert {end.astimezone(OSLO).strftime("%H:%M") for _start, end in occurrences} == {"11:00"}
    by_date = {start.astimezone(OSLO).date(): start.astimezone(UTC).hour for start in starts}
    # Winter time (UTC+1) before 28 March and after 31 October, summer time between.
    assert by_date[datetime.date(2027, 3, 24)] == 9
    assert by_date[datetime.date(2027, 3, 31)] == 8
    assert by_date[datetime.date(2027, 10, 27)] == 8
    assert by_date[datetime.date(2027, 11, 3)] == 9
    assert all(end - start == datetime.timedelta(hours=1) for start, end in occurrences)


def test_monthly_on_the_first_monday():
    occurrences = recurrence.expand(
        oslo(2027, 1, 4, 18),
        oslo(2027, 1, 4, 20),
        recurrence.MONTHLY,
        1,
        datetime.date(2027, 6, 30),
    )

    assert dates(occurrences) == [
        "2027-01-04",
        "2027-02-01",
        "2027-03-01",
        "2027-04-05",
        "2027-05-03",
        "2027-06-07",
    ]
    assert set(wall_clock(start for start, _end in occurrences)) == {
        f"{day} 18:00" for day in dates(occurrences)
    }


def test_monthly_from_a_fifth_weekday_is_on_the_last_one():
    # 29 March 2027 is March's fifth Monday; April and June have only four.
    occurrences = recurrence.expand(
        oslo(2027, 3, 29, 10),
        oslo(2027, 3, 29, 12),
        recurrence.MONTHLY,
        1,
        datetime.date(2027, 7, 31),
    )

    assert dates(occurrences) == [
        "2027-03-29",
        "2027-04-26",
        "2027-05-31",
        "2027-06-28",
        "2027-07-26",
    ]


def test_every_other_week_and_every_other_month():
    weekly = recurrence.expand(
        oslo(2027, 1, 6, 10), oslo(2027, 1, 6, 11), recurrence.WEEKLY, 2, datetime.date(2027, 2, 17)
    )
    monthly = recurrence.expand(
        oslo(2027, 1, 4, 18),
        oslo(2027, 1, 4, 20),
        recurrence.MONTHLY,
        2,
        datetime.date(2027, 7, 31),
    )

    assert dates(weekly) == ["2027-01-06", "2027-01-20", "2027-02-03", "2027-02-17"]
    assert dates(monthly) == ["2027-01-04", "2027-03-01", "2027-05-03", "2027-07-05"]


def test_excluded_dates_are_left_out():
    occurrences = recurrence.expand(
        oslo(2027, 12, 1, 10),
        oslo(2027, 12, 1, 11),
        recurrence.WEEKLY,
        1,
        datetime.date(2028, 1, 5),
        [datetime.date(2027, 12, 22), datetime.date(2027, 12, 29)],
    )

    assert dates(occurrences) == ["2027-12-01", "2027-12-08", "2027-12-15", "2028-01-05"]


def test_the_last_date_counts_however_late_the_event_is():
    occurrences = recurrence.expand(
        oslo(2027, 6, 2, 23, 30),
        oslo(2027, 6, 2, 23, 45),
        recurrence.WEEKLY,
        1,
        datetime.date(2027, 6, 16),
    )

    assert dates(occurrences) == ["2027-06-02", "2027-06-09", "2027-06-16"]


# --- What an editor may save -------------------------------------------------


def test_valid_repeating_event_passes(section):
    event = EventFactory(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 14),
        excluded_dates=[datetime.date(2027, 3, 17)],
    )

    event.full_clean()  # no error, also with an excluded date


def test_end_before_start_is_refused(section):
    event = unsaved(section=section, start=oslo(2027, 3, 3, 10), end=oslo(2027, 3, 3, 9))

    assert errors_of(event) == {"end": ["The event ends before it starts."]}


def test_repeating_event_needs_a_last_date(section):
    event = unsaved(section=section, repeat="weekly", repeat_until=None)

    assert errors_of(event) == {"repeat_until": ["A repeating event needs a last date."]}


def test_last_date_before_the_start_is_refused(section):
    event = unsaved(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 3, 2),
    )

    assert errors_of(event) == {"repeat_until": ["The last date is before the event starts."]}


def test_repeating_for_more_than_three_years_is_refused(section):
    event = unsaved(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2030, 3, 4),
    )

    assert errors_of(event) == {"repeat_until": ["An event can repeat for at most 3 years."]}
    event.repeat_until = datetime.date(2030, 3, 3)
    event.full_clean()  # exactly three years is allowed


def test_three_years_from_a_leap_day(section):
    # 29 February 2028 has no counterpart in 2031: the limit is the 28th,
    # and the check must not crash.
    event = unsaved(
        section=section,
        start=oslo(2028, 2, 29, 10),
        end=oslo(2028, 2, 29, 11),
        repeat="weekly",
        repeat_until=datetime.date(2031, 3, 1),
    )

    assert errors_of(event) == {"repeat_until": ["An event can repeat for at most 3 years."]}
    event.repeat_until = datetime.date(2031, 2, 28)
    event.full_clean()


def test_excluded_date_the_event_does_not_happen_on_is_refused(section):
    event = unsaved(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 14),
        excluded_dates=[datetime.date(2027, 3, 17), datetime.date(2027, 3, 18)],
    )

    assert errors_of(event) == {"excluded_dates": ["The event does not happen on 18.03.2027."]}


def test_all_day_event_runs_from_midnight_to_23_59_in_oslo(section):
    event = unsaved(
        section=section,
        start=oslo(2027, 5, 15, 14, 30),
        end=oslo(2027, 5, 16, 9),
        all_day=True,
    )

    event.full_clean()

    assert event.start == oslo(2027, 5, 15, 0, 0)
    assert event.end == oslo(2027, 5, 16, 23, 59)


def test_all_day_normalisation_uses_the_oslo_date_not_the_utc_one(section):
    # 00:30 in Oslo is still the previous day in UTC.
    event = unsaved(
        section=section,
        start=datetime.datetime(2027, 5, 14, 22, 30, tzinfo=UTC),
        end=datetime.datetime(2027, 5, 14, 23, 0, tzinfo=UTC),
        all_day=True,
    )

    event.full_clean()

    assert event.start == oslo(2027, 5, 15, 0, 0)
    assert event.end == oslo(2027, 5, 15, 23, 59)


# --- Stored occurrences ------------------------------------------------------


def weekly_event(section, **kwargs):
    return EventFactory(
        section=section,
        start=oslo(2027, 3, 3, 10),
        end=oslo(2027, 3, 3, 11),
        repeat="weekly",
        repeat_until=datetime.date(2027, 4, 14),
        excluded_dates=[datetime.date(2027, 3, 17)],
        **kwargs,
    )


def test_saving_stores_every_occurrence_in_oslo_time(section):
    event = weekly_event(section)

    assert wall_clock(start for _pk, start in stored(event)) == [
        "2027-03-03 10:00",
        "2027-03-10 10:00",
        "2027-03-24 10:00",
        "2027-03-31 10:00",
        "2027-04-07 10:00",
        "2027-04-14 10:00",
    ]


def test_new_schedule_replaces_the_stored_occurrences(section):
    event = weekly_event(section)

    event.start, event.end = oslo(2027, 3, 4, 17), oslo(2027, 3, 4, 19)  # Thursdays now
    event.repeat_until = datetime.date(2027, 3, 25)
    event.excluded_dates = []
    event.save()

    assert wall_clock(start for _pk, start in stored(event)) == [
        "2027-03-04 17:00",
        "2027-03-11 17:00",
        "2027-03-18 17:00",
        "2027-03-25 17:00",
    ]


def test_saving_only_other_fields_keeps_the_stored_occurrences(section):
    event = weekly_event(section)
    before = stored(event)

    event.title = "Språkkafé"
    event.save(update_fields=["title"])

    assert stored(event) == before  # same rows, not deleted and made anew


def test_saving_a_schedule_field_with_update_fields_refreshes(section):
    event = weekly_event(section)

    event.excluded_dates = [datetime.date(2027, 3, 17), datetime.date(2027, 4, 7)]
    event.save(update_fields=["excluded_dates"])

    assert datetime.date(2027, 4, 7) not in {
        start.astimezone(OSLO).date() for _pk, start in stored(event)
    }
    assert len(stored(event)) == 5


def test_translation_shares_its_sources_occurrences(section):
    event = weekly_event(section)
    before = stored(event)

    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Language café"
    english.save()

    assert english.translation_key == event.translation_key
    assert stored(english) == []
    assert stored(event) == before
    assert EventOccurrence.objects.count() == len(before)


# --- The list of excluded dates ----------------------------------------------


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
