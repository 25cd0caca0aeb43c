"""Every section gets its editors, its media collection and their rights, by itself.

Saving a MunicipalityPage or an AssociationPage (in the admin, by code, as a
translation) provisions it once the transaction commits: a group
"<section> – redaktører" that edits the section's subtree in every locale, a
collection "<section>" for its images and documents, the right to choose from
the shared "Felles", the ``SectionRoles`` link, and an entry in the section's
history. ``manage.py provision_sections`` does the same for every section and
makes the network roles.

The ``db`` fixture runs each test in a transaction that never commits, so the
tests that rely on saving run the on-commit callbacks themselves
(``committed``). Everything else is checked as an editor meets it: logging in,
the page editor, the image and document listings, choosers and forms.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    WorkflowPage,
)

from cms.content.models import StandardPage
from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS
from cms.events.permissions import event_permission_policy
from cms.sections import provisioning
from cms.sections.models import MunicipalityPage, SectionRoles
from cms.sections.scopes import editable_sections
from tests.cms.helpers import (
    PASSWORD,
    Document,
    Image,
    add_url,
    assert_refused,
    collection_of,
    counts,
    document,
    edit_url,
    editors,
    felles,
    image,
    image_upload,
    login,
    municipality_form,
    offered_collections,
    standard_page_form,
    text,
)
from tests.factories import AssociationPageFactory, EventFactory, MunicipalityPageFactory

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


# --- Media -------------------------------------------------------------------------------


@pytest.fixture
def as_nf(client, nordre_follo, indre_ostfold, member):
    """Logged in as a Nordre Follo editor, with Indre Østfold provisioned too."""
    return login(client, member("kari", editors(nordre_follo)))


def test_image_listing_with_collection_right(as_nf, nordre_follo):
    image("Ski bibliotek", collection_of(nordre_follo))
    response = as_nf.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Ski bibliotek" in text(response)


def test_image_listing_without_collection_right(as_nf, indre_ostfold):
    image("Askim torg", collection_of(indre_ostfold))
    image("Felles logo", felles())
    response = as_nf.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Askim torg" not in text(response)
    assert "Felles logo" not in text(response)


def test_image_chooser_with_choose_right(as_nf, nordre_follo):
    image("Ski bibliotek", collection_of(nordre_follo))
    image("Felles logo", felles())
    response = as_nf.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "Ski bibliotek" in text(response)
    assert "Felles logo" in text(response)


def test_image_chooser_without_choose_right(as_nf, indre_ostfold):
    image("Askim torg", collection_of(indre_ostfold))
    response = as_nf.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "Askim torg" not in text(response)


def test_edit_image_with_collection_right(as_nf, nordre_follo):
    own = image("Ski bibliotek", collection_of(nordre_follo))
    url = reverse("wagtailimages:edit", args=(own.pk,))
    assert as_nf.get(url).status_code == 200
    response = as_nf.post(
        url, {"title": "Ski bibliotek, inngang", "collection": collection_of(nordre_follo).pk}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Ski bibliotek, inngang"


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_edit_image_without_collection_right(as_nf, indre_ostfold, where):
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    other = image("Askim torg", collection)
    url = reverse("wagtailimages:edit", args=(other.pk,))
    assert_refused(as_nf.get(url))
    assert_refused(as_nf.post(url, {"title": "Overtatt", "collection": collection.pk}))
    other.refresh_from_db()
    assert other.title == "Askim torg"
    assert other.collection == collection


def test_upload_image_with_collection_right(as_nf, nordre_follo):
    collection = collection_of(nordre_follo)
    response = as_nf.post(
        reverse("wagtailimages:add"),
        {"title": "Kurs i Ski", "file": image_upload(), "collection": collection.pk},
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Kurs i Ski").collection == collection


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_upload_image_without_collection_right(as_nf, nordre_follo, indre_ostfold, where):
    """The form offers no other collection; a forged choice still lands in her own."""
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    form = as_nf.get(reverse("wagtailimages:add")).context["form"]
    assert collection not in offered_collections(form)

    as_nf.post(
        reverse("wagtailimages:add"),
        {"title": "Kurs i Ski", "file": image_upload(), "collection": collection.pk},
    )
    assert not Image.objects.filter(collection=collection).exists()
    assert set(Image.objects.values_list("collection", flat=True)) <= {
        collection_of(nordre_follo).pk
    }


def test_document_listing_with_collection_right(as_nf, nordre_follo):
    document("Referat Ski", collection_of(nordre_follo))
    response = as_nf.get(reverse("wagtaildocs:index"))
    assert response.status_code == 200
    assert "Referat Ski" in text(response)


def test_document_listing_without_collection_right(as_nf, indre_ostfold):
    document("Referat Askim", collection_of(indre_ostfold))
    document("Felles vedtekter", felles())
    response = as_nf.get(reverse("wagtaildocs:index"))
    assert response.status_code == 200
    assert "Referat Askim" not in text(response)
    assert "Felles vedtekter" not in text(response)


def test_document_chooser_with_choose_right(as_nf, nordre_follo):
    document("Referat Ski", collection_of(nordre_follo))
    document("Felles vedtekter", felles())
    response = as_nf.get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert "Referat Ski" in text(response)
    assert "Felles vedtekter" in text(response)


def test_document_chooser_without_choose_right(as_nf, indre_ostfold):
    document("Referat Askim", collection_of(indre_ostfold))
    response = as_nf.get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert "Referat Askim" not in text(response)


def test_edit_document_with_collection_right(as_nf, nordre_follo):
    own = document("Referat Ski", collection_of(nordre_follo))
    url = reverse("wagtaildocs:edit", args=(own.pk,))
    assert as_nf.get(url).status_code == 200
    response = as_nf.post(
        url, {"title": "Referat Ski, mars", "collection": collection_of(nordre_follo).pk}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Referat Ski, mars"


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_edit_document_without_collection_right(as_nf, indre_ostfold, where):
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    other = document("Referat Askim", collection)
    url = reverse("wagtaildocs:edit", args=(other.pk,))
    assert_refused(as_nf.get(url))
    assert_refused(as_nf.post(url, {"title": "Overtatt", "collection": collection.pk}))
    other.refresh_from_db()
    assert other.title == "Referat Askim"
    assert other.collection == collection


def test_upload_document_with_collection_right(as_nf, nordre_follo):
    collection = collection_of(nordre_follo)
    upload = SimpleUploadedFile("referat.txt", b"Referat fra mars.")
    response = as_nf.post(
        reverse("wagtaildocs:add"),
        {"title": "Referat mars", "file": upload, "collection": collection.pk},
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Referat mars").collection == collection


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_upload_document_without_collection_right(as_nf, nordre_follo, indre_ostfold, where):
    """The form offers no other collection; a forged choice still lands in her own."""
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    form = as_nf.get(reverse("wagtaildocs:add")).context["form"]
    assert collection not in offered_collections(form)

    upload = SimpleUploadedFile("referat.txt", b"Referat fra mars.")
    as_nf.post(
        reverse("wagtaildocs:add"),
        {"title": "Referat mars", "file": upload, "collection": collection.pk},
    )
    assert not Document.objects.filter(collection=collection).exists()
    assert set(Document.objects.values_list("collection", flat=True)) <= {
        collection_of(nordre_follo).pk
    }


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


def test_network_roles_changes_are_in_each_groups_history(db):
    from wagtail.models import ModelLogEntry

    call_command("provision_sections", stdout=io.StringIO())

    national = Group.objects.get(name="Nasjonal redaksjon")
    entry = ModelLogEntry.objects.for_instance(national).get(action="cms.provision_section")
    assert any("change_page on every page" in change for change in entry.data["changes"])
    call_command("provision_sections", stdout=io.StringIO())
    assert ModelLogEntry.objects.for_instance(national).count() == 1


# --- Coordinators and the approval workflow ---------------------------------------------


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
