"""Translators translate any section's events into their own languages, and no Norwegian event.

A translator submits an event into her languages only, edits and publishes
the translations into them (and their strings), but not the Norwegian event
nor another language's translation; the event listing shows her the events
of her languages.
"""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from cms.events.models import Event
from tests.factories import EventFactory
from tests.helpers.sections import assert_refused, login, text
from tests.helpers.translation import (
    event_url,
    put_string,
    stored_strings,
    submit_event_url,
    title_segment,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def somali_event(client, somali_translator, nf_event, somali, committed):
    """The Nordre Follo event, submitted into Somali by the translator (logged in)."""
    login(client, somali_translator)
    with committed():
        response = client.post(submit_event_url(nf_event), {"locales": [somali.pk]})
    assert response.status_code == 302
    return Event.objects.get(translation_key=nf_event.translation_key, locale=somali)


def test_translator_submits_an_event_into_her_language(somali_event, somali):
    assert somali_event.locale == somali


def test_translator_cannot_submit_an_event_into_another_language(
    client, somali_translator, nf_event, english
):
    login(client, somali_translator)

    response = client.post(submit_event_url(nf_event), {"locales": [english.pk]})

    assert response.status_code == 200
    assert "locales" in response.context["form"].errors
    assert not Event.objects.filter(
        translation_key=nf_event.translation_key, locale=english
    ).exists()


def test_translator_edits_the_event_she_translated(client, somali_event):
    response = client.get(event_url("edit", somali_event.pk))

    assert response.status_code == 200


def test_translator_cannot_edit_the_norwegian_event(client, somali_translator, nf_event):
    login(client, somali_translator)

    response = client.get(event_url("edit", nf_event.pk))

    assert response.status_code == 404


def test_translator_cannot_edit_another_languages_event(
    client, somali_translator, nf_event, english
):
    english_event = nf_event.copy_for_translation(english)
    english_event.save()
    login(client, somali_translator)

    response = client.get(event_url("edit", english_event.pk))

    assert response.status_code == 404


def test_translator_edits_a_string_of_her_languages_event_translation(
    client, somali_event, nf_event, somali
):
    target = Translation.objects.get(
        source__object_id=nf_event.translation_key, target_locale=somali
    )

    response = put_string(client, target, title_segment(target), "Kulan+mawduuc+ah")

    assert response.status_code in (200, 201)
    assert stored_strings(target) == {"Kulan mawduuc ah"}


def test_translator_cannot_edit_a_string_of_another_languages_event_translation(
    client, somali_translator, nf_event, english
):
    # wagtail-localize itself asks only for the model-wide right on events,
    # which every translator has: the language is checked in cms/translation/localize.py.
    target = translate(nf_event, english)
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Theme+evening+in+Ski")

    assert_refused(response)
    assert stored_strings(target) == set()


def listed(response):
    """The events a listing shows."""
    assert response.status_code == 200
    return set(response.context["object_list"])


def test_event_listing_shows_a_translator_her_languages_events(client, somali_event):
    response = client.get(event_url("list"), {"locale": "so"})

    assert listed(response) == {somali_event}


def test_event_listing_hides_norwegian_events_from_a_translator(
    client, somali_event, nf_event, nordre_follo, indre_ostfold
):
    EventFactory(section=nordre_follo, title="Kurs i Ski")
    EventFactory(section=indre_ostfold, title="Kurs i Askim")

    response = client.get(event_url("list"), {"locale": Locale.get_default().language_code})

    assert listed(response) == set()
    assert "Kurs i Askim" not in text(response)
