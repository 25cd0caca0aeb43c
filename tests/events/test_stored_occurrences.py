"""The occurrences stored for each event, one row per date, for the listings to query.

Saving stores every date in Oslo time; a new schedule replaces them, saving
other fields keeps the same rows, and a translation shares its source's.
"""

import datetime

from wagtail.models import Locale

from cms.events.occurrences import EventOccurrence
from tests.factories import OSLO
from tests.helpers.events import oslo, stored, wall_clock, weekly_event


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
