"""Translating events follows the section's rights.

A translation keeps its Norwegian section, so only that section's editors may
edit it; wagtail-localize's API and its "Translate" view show and translate a
Nordre Follo editor's events, never Indre Østfold's.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.events.models import Event
from tests.helpers.events import url

pytestmark = pytest.mark.django_db


# --- Translations ---------------------------------------------------------------------------


@pytest.fixture
def english_nf_event(nf_event):
    """An English translation of the Nordre Follo event: it keeps the Norwegian section."""
    translation = nf_event.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.save()
    return translation


def test_edit_translated_event_with_section_rights(client, nf_editor, english_nf_event):
    client.force_login(nf_editor)
    assert client.get(url("edit", english_nf_event.pk)).status_code == 200


def test_edit_translated_event_without_section_rights(client, io_editor, english_nf_event):
    client.force_login(io_editor)
    assert client.get(url("edit", english_nf_event.pk)).status_code == 404


# --- wagtail-localize's views of events -------------------------------------------------


def localize_api_urls(event):
    return [
        reverse("wagtail_localize:snippets_api_listing", args=("cms", "event")),
        reverse("wagtail_localize:snippets_api_detail", args=("cms", "event", event.pk)),
    ]


def test_localize_api_with_section_rights(as_nf, nf_event):
    listing, detail = localize_api_urls(nf_event)
    assert "Temakveld i Ski" in as_nf.get(listing).content.decode()
    assert as_nf.get(detail).json()["title"] == "Temakveld i Ski"


def test_localize_api_without_section_rights(as_nf, io_event):
    listing, detail = localize_api_urls(io_event)
    assert "Kurs i Askim" not in as_nf.get(listing).content.decode()
    assert as_nf.get(detail).status_code == 404


def submit_translation_url(event):
    return reverse("wagtail_localize:submit_snippet_translation", args=("cms", "event", event.pk))


def test_submit_translation_with_section_rights(client, translator, nf_event):
    client.force_login(translator)
    assert client.get(submit_translation_url(nf_event)).status_code == 200


def test_submit_translation_without_section_rights(client, translator, io_event):
    client.force_login(translator)
    before = Event.objects.count()
    assert client.get(submit_translation_url(io_event)).status_code == 404
    english = Locale.objects.get(language_code="en")
    response = client.post(submit_translation_url(io_event), {"locales": [english.pk]})
    assert response.status_code == 404
    assert Event.objects.count() == before
