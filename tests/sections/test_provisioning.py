"""Every section gets its editors, its media collection and their rights, by itself.

Saving a MunicipalityPage or an AssociationPage (in the admin, by code, as a
translation) provisions it once the transaction commits: a group
"<section> – redaktører" that edits the section's subtree in every locale, a
collection "<section>" for its images and documents, the right to choose from
the shared "Felles", the ``SectionRoles`` link, and an entry in the section's
history. ``manage.py provision_sections`` does the same for every section and
makes the network roles. What renaming, moving, deleting and translating do is
in test_section_changes.py, the media rights in test_media_rights.py, the
network roles in test_network_roles.py and approval in test_approval_workflow.py.

The ``db`` fixture runs each test in a transaction that never commits, so the
tests that rely on saving run the on-commit callbacks themselves
(``committed``).
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupPagePermission,
    PageLogEntry,
)

from cms.content.models import StandardPage
from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS
from cms.sections import provisioning
from cms.sections.models import MunicipalityPage, SectionRoles
from cms.sections.scopes import editable_sections
from tests.factories import AssociationPageFactory, MunicipalityPageFactory
from tests.helpers.sections import (
    PASSWORD,
    add_url,
    assert_refused,
    collection_of,
    counts,
    edit_url,
    editors,
    login,
    municipality_form,
    standard_page_form,
    text,
)

pytestmark = pytest.mark.django_db


# --- Creating a section in the admin ---------------------------------------------------


def test_create_section_in_the_admin_provisions_it(admin_client, superuser, home, committed):
    with committed():
        response = admin_client.post(
            add_url(MunicipalityPage, home), municipality_form(title="Nordre Follo")
        )
    assert response.status_code == 302
    page = MunicipalityPage.objects.get(title="Nordre Follo", alias_of=None)
    roles = SectionRoles.objects.get(section=page)
    assert roles.editors == Group.objects.get(name="Nordre Follo – redaktører")
    assert roles.collection == Collection.objects.get(name="Nordre Follo")
    assert set(
        GroupPagePermission.objects.filter(group=roles.editors).values_list(
            "page", "permission__codename"
        )
    ) == {
        # The section, and its alias in every other language, which becomes
        # its translation there (wagtail-localize's tree sync).
        (copy.pk, codename)
        for copy in page.get_translations(inclusive=True)
        for codename in provisioning.EDITOR_PAGE_PERMISSIONS
    }
    assert page.get_translations().count() == len(settings.LANGUAGES) - 1
    entry = PageLogEntry.objects.get(page=page, action=provisioning.LOG_ACTION)
    assert entry.user == superuser  # who made the section, and so its groups


def test_edit_section_with_provisioned_group(admin_client, home, committed, member, client):
    with committed():
        admin_client.post(add_url(MunicipalityPage, home), municipality_form(title="Nordre Follo"))
    page = MunicipalityPage.objects.get(title="Nordre Follo", alias_of=None)
    editor = member("kari", editors(page))
    admin_client.logout()  # the same test client; now kari logs in with her password

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "kari", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(edit_url(page)).status_code == 200
    response = client.post(add_url(StandardPage, page), standard_page_form())
    assert response.status_code == 302
    assert StandardPage.objects.child_of(page).get().title == "Om oss"
    assert set(editable_sections(editor)) == {page.page_ptr}


def test_edit_section_without_provisioned_group(client, nordre_follo, indre_ostfold, member):
    """A Nordre Follo editor can neither edit Indre Østfold nor add pages to it."""
    login(client, member("kari", editors(nordre_follo)))
    before = counts()

    assert_refused(client.get(edit_url(indre_ostfold)))
    response = client.post(
        edit_url(indre_ostfold),
        municipality_form(title="Overtatt", slug="indre-ostfold", **{"action-publish": "1"}),
    )
    assert_refused(response)
    assert_refused(client.post(add_url(StandardPage, indre_ostfold), standard_page_form()))

    indre_ostfold.refresh_from_db()
    assert indre_ostfold.title == "Indre Østfold"
    assert indre_ostfold.revisions.count() == 0
    assert not StandardPage.objects.exists()
    assert counts() == before


def test_association_is_provisioned_too(nordre_follo, section):
    association = section(
        "Bydelsmødre Nordre Follo", parent=nordre_follo, factory=AssociationPageFactory
    )
    assert editors(association).name == "Bydelsmødre Nordre Follo – redaktører"
    assert collection_of(association).name == "Bydelsmødre Nordre Follo"


# --- Idempotency and the command ---------------------------------------------------------


def test_provision_twice_changes_nothing_the_second_time(home):
    page = MunicipalityPageFactory(parent=home, title="Nordre Follo")  # not committed
    assert not SectionRoles.objects.exists()

    first = provisioning.provision(page)
    assert first
    before = counts()
    assert provisioning.provision(page) == []
    assert counts() == before


def test_provision_ignores_pages_that_are_not_sections(nordre_follo):
    page = nordre_follo.add_child(instance=StandardPage(title="Om oss", slug="om-oss"))
    before = counts()
    assert provisioning.provision(page) == []
    assert counts() == before


def test_command_reports_changes_then_that_everything_is_in_place(home):
    MunicipalityPageFactory(parent=home, title="Nordre Follo")  # not committed: not provisioned

    out = io.StringIO()
    call_command("provision_sections", stdout=out)
    first = out.getvalue()
    assert "network roles: created the group “Nasjonal redaksjon”" in first
    assert "Nordre Follo: linked the group “Nordre Follo – redaktører”" in first
    assert "Provisioned 1 section(s)" in first
    assert "already in place" not in first
    assert SectionRoles.objects.count() == 1

    before = counts()
    out = io.StringIO()
    call_command("provision_sections", stdout=out)
    assert out.getvalue().strip().splitlines() == [
        "Provisioned 1 section(s): 0 change(s), everything was already in place."
    ]
    assert counts() == before


def test_command_repairs_and_reports_network_roles_made_by_hand(home):
    """Network groups made in the admin without rights get them, and the command says so."""
    groups = [
        Group.objects.create(name=name)
        for name in (
            NATIONAL_EDITORS,
            TRANSLATORS,
            VOLUNTEERS,
        )
    ]
    national, translators, _volunteers = groups

    out = io.StringIO()
    call_command("provision_sections", stdout=out)
    report = out.getvalue()

    assert GroupPagePermission.objects.filter(group=national).exists()
    assert translators.permissions.filter(codename="submit_translation").exists()
    assert "everything was already in place" not in report
    assert "network roles: gave “Nasjonal redaksjon”" in report
    assert "network roles: gave “Oversettere” submit_translation" in report

    out = io.StringIO()
    call_command("provision_sections", stdout=out)
    assert "everything was already in place" in out.getvalue()


# --- The audit log -----------------------------------------------------------------------


def test_provisioning_is_in_the_section_history(admin_client, home, superuser):
    page = MunicipalityPageFactory(parent=home, title="Nordre Follo")  # not committed
    changes = provisioning.provision(page, user=superuser)

    entry = PageLogEntry.objects.get(page=page, action=provisioning.LOG_ACTION)
    assert entry.data["changes"] == changes
    assert entry.user == superuser
    assert entry.timestamp is not None
    assert "linked the group “Nordre Follo – redaktører” and the collection “Nordre Follo”" in (
        changes
    )
    assert any("change_page" in change for change in changes)
    assert any("add_image" in change for change in changes)

    response = admin_client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert response.status_code == 200
    assert "linked the group “Nordre Follo – redaktører”" in text(response)
    assert superuser.get_username() in text(response) or superuser.email in text(response)


def test_nothing_to_do_is_not_logged(home):
    page = MunicipalityPageFactory(parent=home, title="Nordre Follo")
    provisioning.provision(page)
    entries = PageLogEntry.objects.count()
    provisioning.provision(page)
    assert PageLogEntry.objects.count() == entries


# --- Two sections of one name ------------------------------------------------------------


def test_sections_with_the_same_title_get_their_own_groups(section, member, client):
    oslo, bergen = section("Oslo"), section("Bergen")
    oslo_sentrum = section("Sentrum", parent=oslo, slug="sentrum")
    bergen_sentrum = section("Sentrum", parent=bergen, slug="sentrum")

    assert editors(oslo_sentrum).name == "Sentrum – redaktører"
    assert editors(bergen_sentrum).name == "Sentrum (Bergen) – redaktører"
    assert collection_of(oslo_sentrum) != collection_of(bergen_sentrum)
    assert provisioning.provision(bergen_sentrum) == []  # and it stays so

    login(client, member("kari", editors(bergen_sentrum)))
    assert client.get(edit_url(bergen_sentrum)).status_code == 200
    assert_refused(client.get(edit_url(oslo_sentrum)))
