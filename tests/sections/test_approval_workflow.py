"""Coordinators and the approval workflow that provisioning makes for a section.

Every section gets a coordinators group with its editors' rights; requiring
approval gives the section a Wagtail workflow of its own, reaching the pages
below it, and takes the publish right from its editors (dropping approval
gives it back). Wagtail's default workflow no longer catches every page.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    WorkflowPage,
)

from cms.content.models import StandardPage
from cms.core.groups import NATIONAL_EDITORS, VOLUNTEERS
from cms.sections import provisioning
from cms.sections.models import SectionRoles
from tests.helpers.sections import (
    counts,
)

pytestmark = pytest.mark.django_db


def roles_of(page):
    return SectionRoles.objects.select_related("editors", "coordinators").get(section=page)


def page_rights(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def require_approval(page, wanted=True):
    roles = roles_of(page)
    roles.requires_approval = wanted
    roles.save()
    return provisioning.provision(page)


def test_section_gets_a_coordinators_group_with_the_editors_rights(nordre_follo):
    roles = roles_of(nordre_follo)

    assert roles.coordinators.name == "Nordre Follo – koordinatorer"
    assert page_rights(roles.coordinators, nordre_follo) == set(
        provisioning.EDITOR_PAGE_PERMISSIONS
    )
    assert page_rights(roles.coordinators, nordre_follo) == page_rights(roles.editors, nordre_follo)
    assert GroupCollectionPermission.objects.filter(
        group=roles.coordinators, collection=roles.collection
    ).count() == len(provisioning.EDITOR_MEDIA_PERMISSIONS)


def test_section_without_approval_has_no_workflow_of_its_own(nordre_follo):
    roles = roles_of(nordre_follo)

    assert roles.workflow is None
    assert not WorkflowPage.objects.filter(page=nordre_follo).exists()
    assert "publish_page" in page_rights(roles.editors, nordre_follo)


def test_requiring_approval_makes_the_workflow_and_takes_publish_from_editors(
    nordre_follo, committed, network
):
    with committed():
        english = nordre_follo.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )

    changes = require_approval(nordre_follo)

    roles = roles_of(nordre_follo)
    workflow = roles.workflow
    assert workflow.name == "Nordre Follo – godkjenning"
    for page in (nordre_follo, english):
        assert page.get_workflow() == workflow
        assert "publish_page" not in page_rights(roles.editors, page)
        assert "publish_page" in page_rights(roles.coordinators, page)
    (task,) = workflow.tasks.specific()
    assert set(task.groups.all()) == {roles.coordinators, network[NATIONAL_EDITORS]}
    assert "created the workflow “Nordre Follo – godkjenning”" in changes
    assert any(change.startswith("took publish_page") for change in changes)


def test_requiring_approval_twice_changes_nothing_the_second_time(nordre_follo, network):
    require_approval(nordre_follo)
    before = counts()

    assert provisioning.provision(nordre_follo) == []
    assert counts() == before


def test_approval_reaches_pages_below_the_section(nordre_follo):
    page = nordre_follo.add_child(instance=StandardPage(title="Om oss", slug="om-oss"))
    require_approval(nordre_follo)

    assert page.get_workflow() == roles_of(nordre_follo).workflow


def test_dropping_approval_gives_editors_publish_back(nordre_follo):
    require_approval(nordre_follo)

    changes = require_approval(nordre_follo, wanted=False)

    roles = roles_of(nordre_follo)
    assert "publish_page" in page_rights(roles.editors, nordre_follo)
    assert not WorkflowPage.objects.filter(page=nordre_follo).exists()
    assert any(change.startswith("stopped the workflow") for change in changes)
    assert nordre_follo.get_workflow() != roles.workflow


def test_approval_in_one_section_leaves_the_other_alone(nordre_follo, indre_ostfold):
    require_approval(nordre_follo)

    assert "publish_page" in page_rights(roles_of(indre_ostfold).editors, indre_ostfold)
    assert indre_ostfold.get_workflow() != roles_of(nordre_follo).workflow


def test_national_editors_manage_people_and_translate(network, member):
    national = member("nina", network[NATIONAL_EDITORS])
    volunteer = member("vera", network[VOLUNTEERS])

    assert national.has_perm("cms.change_sectionroles")
    assert national.has_perm("wagtail_localize.submit_translation")
    assert not volunteer.has_perm("cms.change_sectionroles")
    assert not volunteer.has_perm("wagtailadmin.access_admin")


def test_wagtails_default_workflow_no_longer_catches_every_page(home, nordre_follo):
    """Without approval, an editor publishes; no queue for a "Moderators" group nobody is in."""
    root = Page.get_first_root_node()
    assert root.get_workflow() is not None  # Wagtail's migration put one there

    out = io.StringIO()
    call_command("provision_sections", stdout=out)

    assert "took the workflow “Moderators approval” off the root" in out.getvalue()
    assert nordre_follo.get_workflow() is None
