"""A section's coordinators decide whether its pages need approval; the workflow does the rest.

In "Sections and people" (``cms.sections.admin``) a coordinator turns approval
on or off for her own section only; with approval on, editors submit and the
section's coordinators approve, for pages and events alike.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import WorkflowPage

from cms.content.models import StandardPage
from cms.events.permissions import event_permission_policy
from cms.sections import provisioning
from cms.sections.models import SectionRoles
from tests.factories import EventFactory, StandardPageFactory
from tests.helpers.sections import (
    assert_refused,
    coordinators,
    edit_url,
    login,
    people_log,
    people_url,
    standard_page_form,
)

pytestmark = pytest.mark.django_db


User = get_user_model()


def fresh(user):
    """The user as a new request sees it, without cached permissions."""
    return User.objects.get(pk=user.pk)


def require_approval(section):
    roles = SectionRoles.objects.get(section=section)
    roles.requires_approval = True
    roles.save()
    provisioning.provision(section)


def test_require_approval_with_coordinator_right(
    as_coordinator, coordinator, nordre_follo, nf_editor
):
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "approval", "requires_approval": "on"}
    )
    assert response.status_code == 302
    roles = SectionRoles.objects.get(section=nordre_follo)
    assert roles.requires_approval
    assert roles.workflow is not None
    assert nordre_follo.get_workflow() == roles.workflow
    page = StandardPageFactory(parent=nordre_follo)
    assert page.get_workflow() == roles.workflow
    assert not page.permissions_for_user(fresh(nf_editor)).can_publish()
    assert page.permissions_for_user(fresh(coordinator)).can_publish()
    entry = people_log(nordre_follo).first()
    assert entry.user == coordinator
    assert entry.data["changes"] == ["required approval before publishing"]


def test_stop_approval_with_coordinator_right(as_coordinator, nordre_follo, nf_editor):
    require_approval(nordre_follo)
    response = as_coordinator.post(people_url(nordre_follo), {"action": "approval"})
    assert response.status_code == 302
    assert not SectionRoles.objects.get(section=nordre_follo).requires_approval
    assert not WorkflowPage.objects.filter(page=nordre_follo).exists()
    assert nordre_follo.permissions_for_user(fresh(nf_editor)).can_publish()
    assert people_log(nordre_follo).first().data["changes"] == ["let editors publish directly"]


def test_require_approval_of_other_section_without_right(as_coordinator, indre_ostfold):
    response = as_coordinator.post(
        people_url(indre_ostfold), {"action": "approval", "requires_approval": "on"}
    )
    assert response.status_code == 404
    assert not SectionRoles.objects.get(section=indre_ostfold).requires_approval


def test_submit_and_approve_with_wagtail_workflow(
    client, nordre_follo, nf_editor, coordinator, io_editor
):
    require_approval(nordre_follo)
    page = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss", live=False)

    login(client, nf_editor)
    response = client.post(
        edit_url(page), standard_page_form(title="Om oss i Ski", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.groups.filter(pk=coordinators(nordre_follo).pk).exists()

    def approve(user):
        return login(client, user).post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "Fint"},
        )

    for outsider in (io_editor, nf_editor):  # another section's editor; the author herself
        assert_refused(approve(outsider))
        page.refresh_from_db()
        assert not page.live

    approve(coordinator)
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live
    assert page.title == "Om oss i Ski"
    assert not page.workflow_in_progress


def test_publish_page_with_approval_without_coordinator_right(client, nordre_follo, nf_editor):
    require_approval(nordre_follo)
    page = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss", live=False)
    login(client, nf_editor).post(
        edit_url(page), standard_page_form(title="Om oss i Ski", **{"action-publish": "1"})
    )
    assert not StandardPage.objects.get(pk=page.pk).live


def test_publish_event_with_approval_without_coordinator_right(
    nordre_follo, nf_editor, coordinator
):
    event = EventFactory(section=nordre_follo)
    assert event_permission_policy.user_has_permission_for_instance(
        fresh(nf_editor), "publish", event
    )
    require_approval(nordre_follo)
    assert not event_permission_policy.user_has_permission_for_instance(
        fresh(nf_editor), "publish", event
    )
    assert event_permission_policy.user_has_permission_for_instance(
        fresh(nf_editor), "change", event
    )
    assert event_permission_policy.user_has_permission_for_instance(
        fresh(coordinator), "publish", event
    )
