"""Editors manage the events of the sections they may edit, and no others.

Nordre Follo and Indre Østfold are two municipalities, each with its own
editors (page rights on their section); Nordre Follo has an association whose
events its editors may also manage, since the association is in their subtree.
Every view of one event is tried by the editor who may and by the one who may
not, and the refused attempt leaves the database as it was.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import Locale

from cms.events.models import Event, EventStatus
from cms.events.permissions import event_permission_policy
from cms.sections.scopes import editable_sections
from tests.factories import (
    EventFactory,
)
from tests.helpers.events import chooser_url, event_form, snapshot, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_nf(client, nf_editor, events):
    """A client logged in as a Nordre Follo editor, with events in both sections."""
    client.force_login(nf_editor)
    return client


@pytest.fixture
def as_io(client, io_editor, events):
    """A client logged in as an Indre Østfold editor, with events in both sections."""
    client.force_login(io_editor)
    return client


def assert_permission_denied(response):
    """Wagtail's refusal of a whole area: back to the dashboard, with a message."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def text(response):
    return response.content.decode()


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


# --- The other views of one event ---------------------------------------------------------

READ_VIEWS = ["history", "history_results", "usage", "inspect"]


@pytest.mark.parametrize("view", READ_VIEWS)
def test_view_event_with_section_rights(as_nf, nf_event, view):
    assert as_nf.get(url(view, nf_event.pk)).status_code == 200


@pytest.mark.parametrize("view", READ_VIEWS)
def test_view_event_without_section_rights(as_nf, io_event, view):
    assert as_nf.get(url(view, io_event.pk)).status_code == 404


@pytest.fixture
def revisions(superuser, nf_event, io_event):
    """Two revisions of each event, so they can be compared."""
    for event in (nf_event, io_event):
        event.save_revision(user=superuser)
        event.title += " (endret)"
        event.save_revision(user=superuser)
    return {
        event.pk: list(event.revisions.order_by("pk").values_list("pk", flat=True))
        for event in (nf_event, io_event)
    }


REVISION_VIEWS = ["view", "revert", "compare", "compare_earliest_latest", "unschedule"]


def revision_url(view, event, revisions):
    first, last = revisions[event.pk]
    return {
        "view": url("revisions_view", event.pk, first),
        "revert": url("revisions_revert", event.pk, first),
        "compare": url("revisions_compare", pk=event.pk, revision_id_a=first, revision_id_b=last),
        "compare_earliest_latest": url(
            "revisions_compare", pk=event.pk, revision_id_a="earliest", revision_id_b="latest"
        ),
        "unschedule": url("revisions_unschedule", event.pk, last),
    }[view]


@pytest.mark.parametrize("view", REVISION_VIEWS)
def test_revisions_with_section_rights(as_nf, nf_event, revisions, view):
    assert as_nf.get(revision_url(view, nf_event, revisions)).status_code == 200


@pytest.mark.parametrize("view", REVISION_VIEWS)
def test_revisions_without_section_rights(as_nf, io_event, revisions, view):
    assert as_nf.get(revision_url(view, io_event, revisions)).status_code == 404


def test_revert_event_with_section_rights(as_nf, nf_event, revisions):
    first, _last = revisions[nf_event.pk]
    response = as_nf.post(url("revisions_revert", nf_event.pk, first), event_form(nf_event))
    assert response.status_code == 302
    assert nf_event.revisions.count() == 3


def test_revert_event_without_section_rights(as_nf, io_event, revisions):
    before = snapshot(io_event)
    first, _last = revisions[io_event.pk]
    response = as_nf.post(url("revisions_revert", io_event.pk, first), event_form(io_event))
    assert response.status_code == 404
    assert snapshot(io_event) == before
    assert io_event.revisions.count() == 2


def test_unpublish_event_with_section_rights(as_nf, nf_event):
    assert as_nf.get(url("unpublish", nf_event.pk)).status_code == 200
    assert as_nf.post(url("unpublish", nf_event.pk)).status_code == 302
    nf_event.refresh_from_db()
    assert not nf_event.live


def test_unpublish_event_without_section_rights(as_nf, io_event):
    assert as_nf.get(url("unpublish", io_event.pk)).status_code == 404
    assert as_nf.post(url("unpublish", io_event.pk)).status_code == 404
    io_event.refresh_from_db()
    assert io_event.live


def test_copy_event_with_section_rights(as_nf, nf_event):
    assert as_nf.get(url("copy", nf_event.pk)).status_code == 200
    response = as_nf.post(url("copy", nf_event.pk), event_form(nf_event, title="Kopi"))
    assert response.status_code == 302
    assert Event.objects.get(title="Kopi").section_id == nf_event.section_id


def test_copy_event_without_section_rights(as_nf, io_event, nordre_follo):
    before = Event.objects.count()
    assert as_nf.get(url("copy", io_event.pk)).status_code == 404
    response = as_nf.post(
        url("copy", io_event.pk), event_form(io_event, section=nordre_follo.pk, title="Kopi")
    )
    assert response.status_code == 404
    assert Event.objects.count() == before


def test_lock_event_with_section_rights(as_nf, nf_event):
    assert as_nf.post(url("lock", nf_event.pk)).status_code == 302
    nf_event.refresh_from_db()
    assert nf_event.locked


def test_lock_event_without_section_rights(as_nf, io_event):
    assert as_nf.post(url("lock", io_event.pk)).status_code == 404
    io_event.refresh_from_db()
    assert not io_event.locked


@pytest.fixture
def locked(superuser):
    def lock(event):
        event.locked, event.locked_by = True, superuser
        event.save(update_fields=["locked", "locked_by"])
        return event

    return lock


def test_unlock_event_with_section_rights(as_nf, nf_event, locked):
    assert as_nf.post(url("unlock", locked(nf_event).pk)).status_code == 302
    nf_event.refresh_from_db()
    assert not nf_event.locked


def test_unlock_event_without_section_rights(as_nf, io_event, locked):
    assert as_nf.post(url("unlock", locked(io_event).pk)).status_code == 404
    io_event.refresh_from_db()
    assert io_event.locked


def test_preview_event_with_section_rights(as_nf, nf_event):
    response = as_nf.post(url("preview_on_edit", nf_event.pk), event_form(nf_event))
    assert response.status_code == 200
    assert response.json()["is_valid"]


def test_preview_event_without_section_rights(as_nf, io_event):
    assert as_nf.post(url("preview_on_edit", io_event.pk), event_form(io_event)).status_code == 404
    assert as_nf.get(url("preview_on_edit", io_event.pk)).status_code == 404


def ping_url(event):
    return reverse("wagtailadmin_editing_sessions:ping", args=("cms", "event", event.pk, 0))


def test_editing_session_with_section_rights(as_nf, nf_event):
    assert as_nf.post(ping_url(nf_event)).status_code == 200


def test_editing_session_without_section_rights(as_nf, io_event):
    assert as_nf.post(ping_url(io_event)).status_code == 404


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


def test_add_form_starts_in_the_editors_only_section(client, io_editor, indre_ostfold):
    client.force_login(io_editor)

    response = client.get(reverse("wagtailsnippets_cms_event:add"))

    assert response.status_code == 200
    assert response.context["form"].initial["section"] == indre_ostfold.pk


def test_add_form_leaves_the_choice_to_an_editor_of_two_sections(client, nf_editor, association):
    client.force_login(nf_editor)

    response = client.get(reverse("wagtailsnippets_cms_event:add"))

    assert response.context["form"].initial["section"] is None


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


def test_event_history_is_kept_per_event(client, superuser, nf_event):
    from cms.events.audit import EventLogEntry

    nf_event.save_revision(user=superuser, log_action=True).publish(user=superuser)
    client.force_login(superuser)

    assert EventLogEntry.objects.for_instance(nf_event).filter(action="wagtail.publish").exists()
    history = client.get(url("history", nf_event.pk))
    assert history.status_code == 200
    assert "wagtail.publish" in {entry.action for entry in history.context["object_list"]}
