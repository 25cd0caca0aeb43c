"""Editors create, edit, move, cancel and delete the events of their own sections.

Each action is tried by a Nordre Follo editor on her section's event and on
an Indre Østfold event, and the refused attempt leaves the database as it
was. The add form starts in the editor's section when she has only one.
"""

import pytest
from django.urls import reverse

from cms.events.models import Event, EventStatus
from tests.helpers.events import assert_permission_denied, event_form, snapshot, text, url

pytestmark = pytest.mark.django_db


# --- Create -----------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["nordre_follo", "association"])
def test_create_event_with_section_rights(as_nf, request, section):
    page = request.getfixturevalue(section)
    before = Event.objects.count()
    response = as_nf.post(url("add"), event_form(section=page.pk, title="Ny temakveld"))
    assert response.status_code == 302
    assert Event.objects.count() == before + 1
    event = Event.objects.get(title="Ny temakveld")
    assert event.section_id == page.pk
    assert event.occurrences.count() == 1


def test_create_event_without_section_rights(as_nf, indre_ostfold):
    before = Event.objects.count()
    response = as_nf.post(url("add"), event_form(section=indre_ostfold.pk, title="Snik"))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["section"]
    assert [error.code for error in errors] == ["section_not_editable"]
    assert Event.objects.count() == before
    assert not Event.objects.filter(title="Snik").exists()


def test_create_event_without_page_rights(client, no_rights, nordre_follo):
    client.force_login(no_rights)
    assert_permission_denied(client.get(url("add")))
    assert_permission_denied(
        client.post(url("add"), event_form(section=nordre_follo.pk, title="Snik"))
    )
    assert not Event.objects.filter(title="Snik").exists()


def test_add_form_starts_in_the_editors_only_section(client, io_editor, indre_ostfold):
    client.force_login(io_editor)

    response = client.get(reverse("wagtailsnippets_cms_event:add"))

    assert response.status_code == 200
    assert response.context["form"].initial["section"] == indre_ostfold.pk


def test_add_form_leaves_the_choice_to_an_editor_of_two_sections(client, nf_editor, association):
    client.force_login(nf_editor)

    response = client.get(reverse("wagtailsnippets_cms_event:add"))

    assert response.context["form"].initial["section"] is None


# --- Edit and cancel ----------------------------------------------------------------------


def test_edit_event_with_section_rights(as_nf, nf_event):
    response = as_nf.get(url("edit", nf_event.pk))
    assert response.status_code == 200
    # Publishing needs no Django permission on events: the section decides.
    assert 'name="action-publish"' in text(response)
    response = as_nf.post(
        url("edit", nf_event.pk), event_form(nf_event, title="Temakveld i Ski sentrum")
    )
    assert response.status_code == 302
    nf_event.refresh_from_db()
    # Saved as a draft: the live row keeps its title until published.
    assert nf_event.get_latest_revision_as_object().title == "Temakveld i Ski sentrum"


def test_edit_event_without_section_rights(as_nf, io_event):
    before = snapshot(io_event)
    revisions = io_event.revisions.count()
    assert as_nf.get(url("edit", io_event.pk)).status_code == 404
    response = as_nf.post(url("edit", io_event.pk), event_form(io_event, title="Kapret"))
    assert response.status_code == 404
    assert snapshot(io_event) == before
    assert io_event.revisions.count() == revisions


def test_move_event_with_section_rights(as_nf, nf_event, association):
    response = as_nf.post(
        url("edit", nf_event.pk),
        event_form(nf_event, section=association.pk, **{"action-publish": "on"}),
    )
    assert response.status_code == 302
    nf_event.refresh_from_db()
    assert nf_event.section_id == association.pk


def test_move_event_without_section_rights(as_nf, nf_event, indre_ostfold):
    before = snapshot(nf_event)
    response = as_nf.post(
        url("edit", nf_event.pk),
        event_form(nf_event, section=indre_ostfold.pk, **{"action-publish": "on"}),
    )
    assert response.status_code == 200
    assert "section" in response.context["form"].errors
    assert snapshot(nf_event) == before


def test_cancel_event_with_section_rights(as_nf, nf_event):
    response = as_nf.post(
        url("edit", nf_event.pk),
        event_form(nf_event, status=EventStatus.CANCELLED, **{"action-publish": "on"}),
    )
    assert response.status_code == 302
    nf_event.refresh_from_db()
    assert nf_event.status == EventStatus.CANCELLED
    assert nf_event.live


def test_cancel_event_without_section_rights(as_io, nf_event):
    before = snapshot(nf_event)
    response = as_io.post(
        url("edit", nf_event.pk),
        event_form(nf_event, status=EventStatus.CANCELLED, **{"action-publish": "on"}),
    )
    assert response.status_code == 404
    assert snapshot(nf_event) == before


# --- Delete -------------------------------------------------------------------------------


def test_delete_event_with_section_rights(as_nf, nf_event):
    assert as_nf.get(url("delete", nf_event.pk)).status_code == 200
    assert as_nf.post(url("delete", nf_event.pk)).status_code == 302
    assert not Event.objects.filter(pk=nf_event.pk).exists()


def test_delete_event_without_section_rights(as_nf, io_event):
    assert as_nf.get(url("delete", io_event.pk)).status_code == 404
    assert as_nf.post(url("delete", io_event.pk)).status_code == 404
    assert Event.objects.filter(pk=io_event.pk).exists()


def test_bulk_delete_events_with_section_rights(as_nf, nf_event):
    bulk = reverse("wagtail_bulk_action", args=("cms", "event", "delete"))
    assert as_nf.get(bulk, {"id": nf_event.pk}).status_code == 200
    response = as_nf.post(f"{bulk}?id={nf_event.pk}")
    assert response.status_code == 302
    assert not Event.objects.filter(pk=nf_event.pk).exists()


def test_bulk_delete_events_without_section_rights(as_nf, nf_event, io_event):
    bulk = reverse("wagtail_bulk_action", args=("cms", "event", "delete"))
    response = as_nf.get(bulk, {"id": [io_event.pk]})
    assert "Kurs i Askim" not in response.content.decode()
    as_nf.post(f"{bulk}?id={io_event.pk}&id={nf_event.pk}")
    as_nf.post(f"{bulk}?id=all")
    assert Event.objects.filter(pk=io_event.pk).exists()
    assert not Event.objects.filter(pk=nf_event.pk).exists()
