"""Editors see the events of the sections they may edit, and no others.

The permission policy, the admin menu, the event listing with its search and
filters, the choosers and the site history show a Nordre Follo editor her
section's events and its association's (the association is in her subtree),
never Indre Østfold's; an editor without section rights sees no events at
all. The listing's queries stay flat as the events grow.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from cms.events.permissions import event_permission_policy
from cms.sections.scopes import editable_sections
from tests.factories import EventFactory
from tests.helpers.events import assert_permission_denied, chooser_url, text, url

pytestmark = pytest.mark.django_db


# --- The policy -----------------------------------------------------------------------


def test_editable_sections_with_section_rights(nf_editor, nordre_follo, association, indre_ostfold):
    assert set(editable_sections(nf_editor)) == {nordre_follo.page_ptr, association.page_ptr}


def test_editable_sections_without_section_rights(no_rights, nordre_follo, indre_ostfold):
    assert not editable_sections(no_rights).exists()
    assert not event_permission_policy.user_has_permission(no_rights, "change")


def test_editable_sections_with_root_rights(root_editor, nordre_follo, association, indre_ostfold):
    assert set(editable_sections(root_editor)) == {
        nordre_follo.page_ptr,
        association.page_ptr,
        indre_ostfold.page_ptr,
    }


# --- Menu and listing -----------------------------------------------------------------


def menu_names(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_menu_with_section_rights(rf, nf_editor):
    assert "events" in menu_names(rf, nf_editor)


def test_menu_without_section_rights(rf, no_rights):
    assert "events" not in menu_names(rf, no_rights)


def test_list_events_with_section_rights(as_nf):
    response = as_nf.get(url("list"))
    assert response.status_code == 200
    html = text(response)
    assert "Temakveld i Ski" in html
    assert "Årsmøte i foreningen" in html  # the association is under Nordre Follo
    assert "Kurs i Askim" not in html


def test_list_events_without_section_rights(client, no_rights, events):
    client.force_login(no_rights)
    assert_permission_denied(client.get(url("list")))
    assert_permission_denied(client.get(url("list_results")))


def test_list_events_with_rights_on_another_section(as_io):
    html = text(as_io.get(url("list_results")))
    assert "Kurs i Askim" in html
    assert "Temakveld i Ski" not in html
    assert "Årsmøte i foreningen" not in html


def test_search_and_filter_stay_within_section_rights(as_nf, io_event):
    html = text(as_nf.get(url("list_results"), {"q": "Askim"}))
    assert "Kurs i Askim" not in html
    filters = {"category": io_event.category_id, "status": "planned", "audience": "open"}
    html = text(as_nf.get(url("list_results"), {"q": "Ski", **filters}))
    assert "Temakveld i Ski" in html
    assert "Kurs i Askim" not in html


def test_list_categories_with_model_rights(admin_client):
    assert admin_client.get(reverse("wagtailsnippets_cms_eventcategory:list")).status_code == 200


def test_list_categories_without_model_rights(as_nf):
    assert_permission_denied(as_nf.get(reverse("wagtailsnippets_cms_eventcategory:list")))


def test_list_everything_with_superuser_rights(admin_client, events):
    html = text(admin_client.get(url("list")))
    assert all(event.title in html for event in events)


def test_list_everything_with_root_rights(client, root_editor, events, io_event):
    client.force_login(root_editor)
    html = text(client.get(url("list")))
    assert all(event.title in html for event in events)
    assert client.get(url("edit", io_event.pk)).status_code == 200


def test_listing_queries_are_flat(as_nf, nordre_follo, association):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_nf.get(url("list_results")).status_code == 200
        return len(queries)

    few = count()
    EventFactory.create_batch(4, section=nordre_follo)
    EventFactory.create_batch(4, section=association)
    assert count() == few


# --- Choosers -------------------------------------------------------------------------------


def test_choose_event_with_section_rights(as_nf):
    html = as_nf.get(chooser_url("choose")).json()["html"]
    assert "Temakveld i Ski" in html
    assert "Årsmøte i foreningen" in html


def test_choose_event_without_section_rights(as_nf):
    html = as_nf.get(chooser_url("choose")).json()["html"]
    assert "Kurs i Askim" not in html
    html = text(as_nf.get(chooser_url("choose_results"), {"q": "Askim"}))
    assert "Kurs i Askim" not in html


def test_chosen_event_with_section_rights(as_nf, nf_event):
    response = as_nf.get(chooser_url("chosen", nf_event.pk))
    assert response.status_code == 200
    assert response.json()["result"]["id"] == str(nf_event.pk)


def test_chosen_event_without_section_rights(as_nf, io_event):
    assert as_nf.get(chooser_url("chosen", io_event.pk)).status_code == 404


def test_chosen_events_with_section_rights(as_nf, nf_event):
    response = as_nf.get(chooser_url("chosen_multiple"), {"id": [nf_event.pk]})
    assert [item["id"] for item in response.json()["result"]] == [str(nf_event.pk)]


def test_chosen_events_without_section_rights(as_nf, io_event):
    response = as_nf.get(chooser_url("chosen_multiple"), {"id": [io_event.pk]})
    assert response.json()["result"] == []


# --- Site history ----------------------------------------------------------------------


def test_site_history_with_section_rights_names_own_events(client, nf_editor, nf_event):
    nf_event.save_revision(log_action=True).publish()
    client.force_login(nf_editor)

    response = client.get(reverse("wagtailadmin_reports:site_history_results"))

    assert response.status_code == 200
    assert nf_event.title in response.content.decode()


def test_site_history_without_section_rights_hides_other_sections_events(
    client, nf_editor, io_event
):
    io_event.save_revision(log_action=True).publish()
    client.force_login(nf_editor)

    response = client.get(reverse("wagtailadmin_reports:site_history_results"))

    assert io_event.title not in response.content.decode()
