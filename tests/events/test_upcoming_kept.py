"""A section's coming events are kept per content generation, and still leave as they end.

``cms.events.calendar.upcoming_in`` (the "coming events" on the front page,
every section page and district) keeps a few more occurrences than it shows;
one that has ended is left out as the list is read, and the list is read
again when too few are left. The clock is moved with a patched
``timezone.now`` for the calendar only: the rows are real.
"""

import datetime
from unittest import mock

import pytest
from django.utils import timezone, translation

from cms.events import calendar
from tests.factories import EventFactory

SHOWN = 3


@pytest.fixture
def hourly(places, calendar):
    """Events in Nordre Follo, one an hour from an hour ahead, each lasting half an hour."""
    first = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)

    def make(count):
        return [
            EventFactory(
                title=f"Kaffetreff {number}",
                section=places["follo"],
                start=first + datetime.timedelta(hours=number),
                end=first + datetime.timedelta(hours=number, minutes=30),
            )
            for number in range(count)
        ]

    return make


def _titles_at(moment, section):
    with mock.patch.object(calendar.timezone, "now", return_value=moment):
        return [occurrence.shown_event.title for occurrence in calendar.upcoming_in(section, SHOWN)]


def test_an_event_that_ended_leaves_the_kept_list_at_once(
    places, hourly, django_assert_num_queries
):
    events = hourly(5)
    with translation.override("nb"):
        now = timezone.now()
        assert _titles_at(now, places["follo"]) == ["Kaffetreff 0", "Kaffetreff 1", "Kaffetreff 2"]

        after_first = events[0].end + datetime.timedelta(minutes=1)
        with django_assert_num_queries(0):  # read from what was kept
            titles = _titles_at(after_first, places["follo"])

    assert titles == ["Kaffetreff 1", "Kaffetreff 2", "Kaffetreff 3"]


def test_the_list_is_read_again_when_too_few_are_left(places, hourly):
    count = SHOWN + calendar.UPCOMING_SPARE + 2  # more than are kept
    events = hourly(count)
    with translation.override("nb"):
        _titles_at(timezone.now(), places["follo"])  # keeps the first 13

        late = events[count - 3].end + datetime.timedelta(minutes=1)  # all but two ended
        titles = _titles_at(late, places["follo"])

    assert titles == [f"Kaffetreff {count - 2}", f"Kaffetreff {count - 1}"]


def test_a_new_event_shows_at_once(places, hourly):
    hourly(2)
    with translation.override("nb"):
        assert len(_titles_at(timezone.now(), places["follo"])) == 2
        EventFactory(
            title="Sommerfest",
            section=places["follo"],
            start=timezone.now() + datetime.timedelta(minutes=30),
            end=timezone.now() + datetime.timedelta(minutes=50),
        )
        titles = _titles_at(timezone.now(), places["follo"])

    assert titles[0] == "Sommerfest"
