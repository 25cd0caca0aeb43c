"""What an editor may save as an event's schedule, and the messages when not.

An event ends after it starts; a repeating one has a last date, after its
start and at most three years on (also from a leap day); an excluded date is
one the event happens on; a whole-day event runs from midnight to 23:59 on
its Oslo dates.
"""

import datetime
from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import EventCategoryFactory, EventFactory
from tests.helpers.events import oslo


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
