"""The network roles: national editors, translators and volunteers, made by provisioning.

``manage.py provision_sections`` makes the network-wide groups: national
editors edit every section, translators submit translations, volunteers log
in to the private area and never to the admin. Each role is checked with and
without it, and each change to a role is in that group's history.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS
from cms.events.permissions import event_permission_policy
from cms.sections.scopes import editable_sections
from tests.factories import EventFactory
from tests.helpers.sections import (
    edit_url,
    editors,
    login,
)

pytestmark = pytest.mark.django_db


# --- Network roles -----------------------------------------------------------------------


def test_edit_every_section_with_national_role(
    client, network, nordre_follo, indre_ostfold, member
):
    national = member("nina", network[NATIONAL_EDITORS])
    events = [EventFactory(section=nordre_follo), EventFactory(section=indre_ostfold)]
    login(client, national)
    assert client.get(edit_url(nordre_follo)).status_code == 200
    assert client.get(edit_url(indre_ostfold)).status_code == 200
    assert set(editable_sections(national)) == {nordre_follo.page_ptr, indre_ostfold.page_ptr}
    assert set(
        event_permission_policy.instances_user_has_any_permission_for(national, ["change"])
    ) == set(events)


def test_edit_every_section_without_national_role(network, nordre_follo, indre_ostfold, member):
    kari = member("kari", editors(nordre_follo))
    mine = EventFactory(section=nordre_follo)
    EventFactory(section=indre_ostfold)
    assert set(editable_sections(kari)) == {nordre_follo.page_ptr}
    assert set(event_permission_policy.instances_user_has_any_permission_for(kari, ["change"])) == {
        mine
    }


def test_admin_access_with_editor_role(client, network, nordre_follo, member):
    login(client, member("kari", editors(nordre_follo)))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_admin_access_without_editor_role(client, network, member):
    """Volunteers log in to the private area, never to the admin."""
    login(client, member("fatima", network[VOLUNTEERS]))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "login" in response.url


def test_submit_translation_with_translator_role(network, member):
    translator = member("tariq", network[TRANSLATORS])
    assert translator.has_perm("wagtail_localize.submit_translation")


def test_submit_translation_without_translator_role(network, nordre_follo, member):
    assert not member("kari", editors(nordre_follo)).has_perm("wagtail_localize.submit_translation")


# --- Two sections of one name ------------------------------------------------------------


def test_network_roles_changes_are_in_each_groups_history(db):
    from wagtail.models import ModelLogEntry

    call_command("provision_sections", stdout=io.StringIO())

    national = Group.objects.get(name="Nasjonal redaksjon")
    entry = ModelLogEntry.objects.for_instance(national).get(action="cms.provision_section")
    assert any("change_page on every page" in change for change in entry.data["changes"])
    call_command("provision_sections", stdout=io.StringIO())
    assert ModelLogEntry.objects.for_instance(national).count() == 1
