"""Events in a section that requires approval: its editors save drafts, coordinators publish.

Provisioning takes the publish right on the section's pages from its editors
when the section requires approval (tests/sections/test_approval_workflow.py); events
follow the page rights. Wagtail's event views offer "Publish" to anyone who
may publish some event, so the create and edit views check the event's own
section too (``cms.wagtail_hooks.SectionPublishMixin``).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from tests.factories import EventFactory
from tests.helpers.events import event_form, snapshot, url

pytestmark = pytest.mark.django_db


def drafters_of(page, name):
    """Like a section's editors group once it requires approval: edit and add, no publish."""
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "add_page"):
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    return group


@pytest.fixture
def drafter(make_user, nordre_follo):
    return make_user("utkast", drafters_of(nordre_follo, "Nordre Follo – redaktører"))


@pytest.fixture
def as_drafter(client, drafter):
    client.force_login(drafter)
    return client


@pytest.fixture
def draft(nordre_follo):
    return EventFactory(section=nordre_follo, title="Utkast til temakveld", live=False)


def test_publish_event_with_publish_right(nf_editor, nf_event):
    assert event_permission_policy.user_has_permission_for_instance(nf_editor, "publish", nf_event)


def test_publish_event_without_publish_right(drafter, nf_event):
    assert event_permission_policy.user_has_permission_for_instance(drafter, "change", nf_event)
    assert not event_permission_policy.user_has_permission_for_instance(
        drafter, "publish", nf_event
    )
    assert not event_permission_policy.user_has_permission(drafter, "publish")


def test_drafter_saves_a_new_event_as_a_draft(as_drafter, nordre_follo):
    response = as_drafter.post(url("add"), event_form(section=nordre_follo.pk))

    assert response.status_code == 302
    assert not Event.objects.get(title="Temakveld om skolen").live


def test_drafter_cannot_publish_a_new_event(as_drafter, nordre_follo):
    response = as_drafter.post(
        url("add"), event_form(section=nordre_follo.pk, **{"action-publish": "on"})
    )

    assert response.status_code == 302  # saved, as a draft: Wagtail ignores the action
    assert not Event.objects.get(title="Temakveld om skolen").live


def test_edit_form_offers_publish_with_publish_right(client, nf_editor, draft):
    client.force_login(nf_editor)
    assert 'name="action-publish"' in client.get(url("edit", draft.pk)).content.decode()


def test_edit_form_offers_no_publish_without_publish_right(as_drafter, draft):
    assert 'name="action-publish"' not in as_drafter.get(url("edit", draft.pk)).content.decode()


def test_drafter_cannot_publish_her_draft(as_drafter, draft):
    as_drafter.post(url("edit", draft.pk), event_form(draft, **{"action-publish": "on"}))

    draft.refresh_from_db()
    assert not draft.live


def test_coordinator_publishes_the_draft(client, nf_editor, draft):
    client.force_login(nf_editor)

    response = client.post(url("edit", draft.pk), event_form(draft, **{"action-publish": "on"}))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_unpublish_without_publish_right(as_drafter, nf_event):
    assert as_drafter.get(url("unpublish", nf_event.pk)).status_code == 404
    as_drafter.post(url("unpublish", nf_event.pk))
    nf_event.refresh_from_db()
    assert nf_event.live


def test_publishing_while_moving_into_an_approval_section_is_refused(
    client, make_user, nordre_follo, indre_ostfold, io_editor, io_event
):
    """Publish rights in Indre Østfold do not publish an event moved into Nordre Follo."""
    both = make_user("begge", *io_editor.groups.all(), drafters_of(nordre_follo, "Utkast NF"))
    client.force_login(both)
    before = snapshot(io_event)

    response = client.post(
        url("edit", io_event.pk),
        event_form(io_event, section=nordre_follo.pk, **{"action-publish": "on"}),
    )

    assert response.status_code == 200
    assert "må godkjennes" in response.content.decode()  # the admin speaks Norwegian
    assert snapshot(io_event) == before


def test_publishing_a_new_event_in_an_approval_section_is_refused(
    client, make_user, nordre_follo, io_editor
):
    """An editor who publishes elsewhere still only drafts a new event in Nordre Follo."""
    both = make_user("begge", *io_editor.groups.all(), drafters_of(nordre_follo, "Utkast NF"))
    client.force_login(both)

    response = client.post(
        url("add"), event_form(section=nordre_follo.pk, **{"action-publish": "on"})
    )

    assert response.status_code == 200
    assert "må godkjennes" in response.content.decode()  # the admin speaks Norwegian
    assert not Event.objects.filter(title="Temakveld om skolen").exists()


@pytest.mark.parametrize(
    ("publication", "shown"),
    [
        ("draft", {"Utkast til temakveld"}),
        ("changes", {"Temakveld i Ski"}),
        ("live", {"Årsmøte i foreningen"}),
    ],
)
def test_coordinator_finds_what_waits_for_publishing(
    client, nf_editor, draft, nf_event, association_event, publication, shown
):
    nf_event.title = "Temakveld i Ski (endret)"
    nf_event.save_revision()  # a live event with a newer draft
    client.force_login(nf_editor)

    response = client.get(url("list"), {"publication": publication})

    listed = {event.title for event in response.context["object_list"]}
    assert listed == shown


def test_unknown_publication_filter_is_no_error(client, nf_editor, draft):
    client.force_login(nf_editor)

    response = client.get(url("list"), {"publication": "kanskje"})

    assert response.status_code == 200


# --- The dashboard -------------------------------------------------------------------------


@pytest.fixture
def approval_in_nordre_follo(nordre_follo, indre_ostfold):
    """Nordre Follo requires approval, Indre Østfold does not (as SectionRoles say)."""
    from django.contrib.auth.models import Group as AuthGroup
    from wagtail.models import Collection

    from cms.sections.models import SectionRoles

    root = Collection.get_first_root_node()
    for page, wanted in ((nordre_follo, True), (indre_ostfold, False)):
        SectionRoles.objects.create(
            section=page,
            editors=AuthGroup.objects.create(name=f"{page.title} – redaktører (test)"),
            collection=root.add_child(name=page.title),
            requires_approval=wanted,
        )


def dashboard_titles(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    if 'id="event-drafts' not in html:
        return set()
    return {title for title in ("Utkast til temakveld", "Utkast i Askim") if title in html}


def test_dashboard_lists_drafts_waiting_with_publish_right(
    client, nf_editor, draft, approval_in_nordre_follo
):
    client.force_login(nf_editor)
    assert dashboard_titles(client) == {"Utkast til temakveld"}


def test_dashboard_lists_no_drafts_without_publish_right(
    as_drafter, draft, approval_in_nordre_follo
):
    assert dashboard_titles(as_drafter) == set()


def test_dashboard_lists_no_drafts_of_sections_without_approval(
    client, io_editor, indre_ostfold, approval_in_nordre_follo, draft
):
    EventFactory(section=indre_ostfold, title="Utkast i Askim", live=False)
    client.force_login(io_editor)
    assert dashboard_titles(client) == set()
