"""The other views of one event follow its section's rights too.

History, usage, inspect, revisions, revert, unpublish, copy, lock, unlock,
preview and the editing-session ping answer a Nordre Follo editor for her
section's event and give 404 for an Indre Østfold event, which stays as it
was. Each event keeps its own history.
"""

import pytest
from django.urls import reverse

from cms.events.models import Event
from tests.helpers.events import event_form, snapshot, url

pytestmark = pytest.mark.django_db


READ_VIEWS = ["history", "history_results", "usage", "inspect"]


@pytest.mark.parametrize("view", READ_VIEWS)
def test_view_event_with_section_rights(as_nf, nf_event, view):
    assert as_nf.get(url(view, nf_event.pk)).status_code == 200


@pytest.mark.parametrize("view", READ_VIEWS)
def test_view_event_without_section_rights(as_nf, io_event, view):
    assert as_nf.get(url(view, io_event.pk)).status_code == 404


# --- Revisions ------------------------------------------------------------------------------


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


def test_event_history_is_kept_per_event(client, superuser, nf_event):
    from cms.events.audit import EventLogEntry

    nf_event.save_revision(user=superuser, log_action=True).publish(user=superuser)
    client.force_login(superuser)

    assert EventLogEntry.objects.for_instance(nf_event).filter(action="wagtail.publish").exists()
    history = client.get(url("history", nf_event.pk))
    assert history.status_code == 200
    assert "wagtail.publish" in {entry.action for entry in history.context["object_list"]}


# --- Unpublish, copy, lock, preview ----------------------------------------------------------


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
