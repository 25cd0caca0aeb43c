"""A provisioned section renamed, moved, deleted or translated keeps its editors and their rights.

Renaming a section renames its group and collection (its published title
only), a district moved elsewhere keeps its editors, a deleted section leaves
its group and people in place, and the section's translations are edited by
the same group, provisioned or not.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
)

from cms.content.models import StandardPage
from cms.sections import provisioning
from cms.sections.models import MunicipalityPage, SectionRoles
from cms.sections.scopes import editable_sections
from tests.helpers.sections import (
    add_url,
    assert_refused,
    collection_of,
    edit_url,
    editors,
    login,
    municipality_form,
)

pytestmark = pytest.mark.django_db


# --- Renaming, moving, deleting ----------------------------------------------------------


def test_rename_section_renames_group_and_collection(admin_client, nordre_follo, committed):
    group, collection = editors(nordre_follo), collection_of(nordre_follo)
    with committed():
        response = admin_client.post(
            edit_url(nordre_follo),
            municipality_form(
                title="Nordre Follo kommune", slug="nordre-follo", **{"action-publish": "1"}
            ),
        )
    assert response.status_code == 302

    group.refresh_from_db()
    collection.refresh_from_db()
    assert group.name == "Nordre Follo kommune – redaktører"
    assert collection.name == "Nordre Follo kommune"
    entry = (
        PageLogEntry.objects.filter(page=nordre_follo, action=provisioning.LOG_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )
    assert entry.data["changes"] == [
        "renamed the group “Nordre Follo – redaktører” to “Nordre Follo kommune – redaktører”",
        "renamed the group “Nordre Follo – koordinatorer” to "
        "“Nordre Follo kommune – koordinatorer”",
        "renamed the group “Nordre Follo – kommunekontakter” to "
        "“Nordre Follo kommune – kommunekontakter”",
        "renamed the collection “Nordre Follo” to “Nordre Follo kommune”",
    ]


def test_draft_title_does_not_rename_group(nordre_follo, committed):
    """Only the published title is the section's name."""
    with committed():
        nordre_follo.title = "Utkast til nytt navn"
        nordre_follo.save_revision()
    assert editors(nordre_follo).name == "Nordre Follo – redaktører"


def test_move_district_keeps_its_editors(section, member, client):
    oslo, bergen = section("Oslo"), section("Bergen")
    sentrum = section("Gamle Oslo", parent=oslo)
    kari = member("kari", editors(sentrum))
    oslo_editor = member("ola", editors(oslo))
    bergen_editor = member("per", editors(bergen))

    sentrum.move(bergen, pos="last-child")
    sentrum = MunicipalityPage.objects.get(pk=sentrum.pk)
    assert sentrum.get_parent().pk == bergen.pk

    login(client, kari)
    assert client.get(edit_url(sentrum)).status_code == 200
    assert client.get(add_url(StandardPage, sentrum)).status_code == 200
    assert_refused(client.get(edit_url(oslo)))
    assert_refused(client.get(edit_url(bergen)))
    assert set(editable_sections(kari)) == {sentrum.page_ptr}
    # The subtree now belongs to Bergen's editors, no longer to Oslo's.
    assert set(editable_sections(bergen_editor)) == {bergen.page_ptr, sentrum.page_ptr}
    assert set(editable_sections(oslo_editor)) == {oslo.page_ptr}


def test_delete_section_keeps_the_group_and_its_people(
    admin_client, nordre_follo, committed, member, django_user_model
):
    group = editors(nordre_follo)
    kari = member("kari", group)
    users = django_user_model.objects.count()

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=(nordre_follo.pk,)))
    assert response.status_code == 302

    assert not Page.objects.filter(pk=nordre_follo.pk).exists()
    assert not SectionRoles.objects.exists()
    assert Group.objects.filter(pk=group.pk).exists()
    assert django_user_model.objects.count() == users
    assert list(django_user_model.objects.get(pk=kari.pk).groups.all()) == [group]


# --- Translations ------------------------------------------------------------------------


@pytest.fixture
def english(home):
    english = Locale.objects.get(language_code="en")
    home.copy_for_translation(english).save_revision().publish()
    return english


def test_edit_translated_section_with_provisioned_group(
    client, nordre_follo, indre_ostfold, english, committed, member
):
    with committed():
        nf_english = nordre_follo.copy_for_translation(english)
    assert GroupPagePermission.objects.filter(
        group=editors(nordre_follo), page=nf_english, permission__codename="change_page"
    ).exists()
    assert SectionRoles.objects.count() == 2  # the copy is the same section, not a new one

    login(client, member("kari", editors(nordre_follo)))
    assert client.get(edit_url(nf_english)).status_code == 200


def test_edit_translated_section_without_provisioned_group(
    client, nordre_follo, indre_ostfold, english, committed, member
):
    with committed():
        io_english = indre_ostfold.copy_for_translation(english)
    login(client, member("kari", editors(nordre_follo)))
    revisions = io_english.revisions.count()

    assert_refused(client.get(edit_url(io_english)))
    assert_refused(
        client.post(
            edit_url(io_english),
            municipality_form(title="Overtatt", slug=io_english.slug, **{"action-publish": "1"}),
        )
    )
    io_english.refresh_from_db()
    assert io_english.title == "Indre Østfold"
    assert io_english.revisions.count() == revisions
