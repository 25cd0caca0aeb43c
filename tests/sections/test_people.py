"""A section's people: coordinators manage their own section's editors, and nothing more.

The admin view "Sections and people" (``cms.sections.admin``) lets a section's
coordinator put people into her section's editors group and take them out;
national editors do the same for every section and also appoint coordinators.
Every rule is checked from both sides: what the right allows, and that without
it the same request changes nothing. Who may require approval is in
test_requiring_approval.py, odd input and Wagtail's own user admin in
test_people_input.py.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cms.core.groups import NATIONAL_EDITORS
from tests.factories import AssociationPageFactory
from tests.helpers.sections import (
    assert_refused,
    coordinators,
    editors,
    login,
    names,
    people_log,
    people_url,
    shows,
    text,
)

pytestmark = pytest.mark.django_db


User = get_user_model()


# --- Who sees which sections ----------------------------------------------------------


def test_section_list_with_coordinator_right(as_coordinator, nordre_follo, indre_ostfold):
    response = as_coordinator.get(reverse("cms_sections"))
    assert response.status_code == 200
    assert people_url(nordre_follo) in text(response)
    assert people_url(indre_ostfold) not in text(response)
    assert "Indre Østfold" not in text(response)
    # The header shows the last breadcrumb: the page's name, not “Home”.
    assert shows(response, "Sections and people")
    with translation.override(settings.LANGUAGE_CODE):
        heading = translation.gettext("Sections and people")
    assert response.context["breadcrumbs_items"][-1]["label"] == heading


def test_section_list_without_coordinator_right(client, nf_editor, nordre_follo):
    login(client, nf_editor)
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert_refused(client.get(reverse("cms_sections")))
    assert client.get(people_url(nordre_follo)).status_code == 404


def test_section_list_without_login(client, nordre_follo):
    for url in (reverse("cms_sections"), people_url(nordre_follo)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_section_people_page_with_coordinator_right(as_coordinator, nordre_follo, nf_editor):
    response = as_coordinator.get(people_url(nordre_follo))
    assert response.status_code == 200
    assert "redaktor@example.no" in text(response)


# --- Adding editors -------------------------------------------------------------------


@pytest.mark.parametrize("person", ["kari", "KARI@Example.NO"])
def test_add_existing_editor_with_coordinator_right(
    as_coordinator, coordinator, nordre_follo, member, person
):
    member("kari")
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "add", "role": "editors", "person": person}
    )
    assert response.status_code == 302
    assert names(editors(nordre_follo)) == {"kari"}
    entry = people_log(nordre_follo).first()
    assert entry.user == coordinator
    assert entry.data["changes"] == ["added “kari” to “Nordre Follo – redaktører”"]


def test_add_new_person_with_coordinator_right(as_coordinator, nordre_follo):
    response = as_coordinator.post(
        people_url(nordre_follo),
        {
            "action": "add",
            "role": "editors",
            "person": "Amina.Ali@Example.no",
            "first_name": "Amina",
            "last_name": "Ali",
        },
    )
    assert response.status_code == 302
    amina = User.objects.get(email__iexact="amina.ali@example.no")
    assert amina.username == "amina.ali@example.no"
    assert amina.get_full_name() == "Amina Ali"
    assert not (amina.is_staff or amina.is_superuser)
    assert list(amina.groups.all()) == [editors(nordre_follo)]
    assert people_log(nordre_follo).first().data["changes"] == [
        f"created the user “{amina.username}”",
        f"added “{amina.username}” to “Nordre Follo – redaktører”",
    ]


def test_new_person_with_an_apostrophe_gets_a_username_django_allows(as_coordinator, nordre_follo):
    as_coordinator.post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "o'brien@example.no", "first_name": "Ann"},
    )

    ann = User.objects.get(email="o'brien@example.no")
    assert ann.username == "o_brien@example.no"
    ann.full_clean()  # Wagtail's user form would refuse an invalid username later


def test_new_person_whose_username_is_taken_is_refused(as_coordinator, nordre_follo, member):
    member("o_brien@example.no")
    users_before = User.objects.count()

    response = as_coordinator.post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "o'brien@example.no", "first_name": "Ann"},
    )

    assert response.status_code == 400
    assert "o_brien@example.no" in text(response)
    assert User.objects.count() == users_before


def test_new_person_chooses_password_with_forgot_password(client, coordinator, nordre_follo):
    """Her invitation aside (tests/volunteers/test_invitations.py), the admin's reset works too."""
    login(client, coordinator).post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "amina@example.no", "first_name": "Amina"},
    )
    client.logout()
    [invitation] = mail.outbox
    assert invitation.to == ["amina@example.no"]
    mail.outbox.clear()

    client.post(reverse("wagtailadmin_password_reset"), {"email": "amina@example.no"})
    [message] = mail.outbox
    assert message.to == ["amina@example.no"]
    link = re.search(r"https?://[^/\s]+(/\S+/password_reset/\S+/)", message.body).group(1)
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "mitt-eget-passord-9", "new_password2": "mitt-eget-passord-9"}
    )
    assert response.status_code == 302
    assert client.login(
        request=HttpRequest(), username="amina@example.no", password="mitt-eget-passord-9"
    )


def test_add_editor_to_other_section_without_right(as_coordinator, indre_ostfold, member):
    member("kari")
    assert as_coordinator.get(people_url(indre_ostfold)).status_code == 404
    response = as_coordinator.post(
        people_url(indre_ostfold), {"action": "add", "role": "editors", "person": "kari"}
    )
    assert response.status_code == 404
    assert names(editors(indre_ostfold)) == set()
    assert not people_log(indre_ostfold).exists()


def test_coordinator_manages_district_but_not_association_below(
    as_coordinator, section, nordre_follo
):
    district = section("Ski", parent=nordre_follo)
    association = section("Bydelsmødre Nordre Follo", nordre_follo, AssociationPageFactory)
    assert as_coordinator.get(people_url(district)).status_code == 200
    assert as_coordinator.get(people_url(association)).status_code == 404


# --- Appointing coordinators ----------------------------------------------------------


def test_appoint_coordinator_without_national_right(as_coordinator, nordre_follo, member):
    member("kari")
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "add", "role": "coordinators", "person": "kari"}
    )
    assert response.status_code == 400
    assert names(coordinators(nordre_follo)) == {"koordinator"}


def test_appoint_coordinator_with_national_right(client, national, indre_ostfold, member):
    member("kari")
    login(client, national)
    response = client.post(
        people_url(indre_ostfold), {"action": "add", "role": "coordinators", "person": "kari"}
    )
    assert response.status_code == 302
    assert names(coordinators(indre_ostfold)) == {"kari"}
    assert people_log(indre_ostfold).first().user == national


def test_section_list_with_national_right(client, national, nordre_follo, indre_ostfold):
    response = login(client, national).get(reverse("cms_sections"))
    assert people_url(nordre_follo) in text(response)
    assert people_url(indre_ostfold) in text(response)


def test_section_list_counts_each_sections_people(client, national, nordre_follo, member):
    member("kari", editors(nordre_follo))
    member("lise", editors(nordre_follo))

    response = login(client, national).get(reverse("cms_sections"))

    row = next(s for s in response.context["sections"] if s.pk == nordre_follo.pk)
    assert (row.editors_count, row.coordinators_count) == (2, 0)


def test_section_list_queries_stay_flat(client, national, section, django_assert_max_num_queries):
    """Five more sections cost no more queries."""
    login(client, national)
    section("Ås")
    with CaptureQueriesContext(connection) as few:
        few_sections = client.get(reverse("cms_sections")).context["sections"]
    for number in range(5):
        section(f"Bydel {number}")

    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("cms_sections"))
    assert len(response.context["sections"]) == len(few_sections) + 5


@pytest.mark.parametrize("role", ["Nasjonal redaksjon", "national group id", "coordinators"])
def test_give_network_role_without_right(as_coordinator, nordre_follo, network, member, role):
    kari = member("kari")
    if role == "national group id":
        role = str(network[NATIONAL_EDITORS].pk)
    groups_before = Group.objects.count()
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "add", "role": role, "person": "kari"}
    )
    assert response.status_code == 400
    assert not kari.groups.exists()
    assert Group.objects.count() == groups_before


# --- Removing editors -----------------------------------------------------------------


def test_remove_editor_with_coordinator_right(as_coordinator, coordinator, nordre_follo, nf_editor):
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "remove", "role": "editors", "user": nf_editor.pk}
    )
    assert response.status_code == 302
    assert names(editors(nordre_follo)) == set()
    assert User.objects.filter(pk=nf_editor.pk).exists()
    entry = people_log(nordre_follo).first()
    assert entry.user == coordinator
    assert entry.data["changes"] == ["removed “redaktor” from “Nordre Follo – redaktører”"]


def test_remove_other_sections_editor_without_right(
    as_coordinator, nordre_follo, indre_ostfold, io_editor
):
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "remove", "role": "editors", "user": io_editor.pk}
    )
    assert response.status_code == 404
    assert names(editors(indre_ostfold)) == {"askim"}
    assert not people_log(nordre_follo).exists()


def test_remove_coordinator_without_national_right(as_coordinator, coordinator, nordre_follo):
    response = as_coordinator.post(
        people_url(nordre_follo),
        {"action": "remove", "role": "coordinators", "user": coordinator.pk},
    )
    assert response.status_code == 400
    assert names(coordinators(nordre_follo)) == {"koordinator"}


# --- The menu -------------------------------------------------------------------------


def test_menu_item_with_coordinator_right(as_coordinator):
    response = as_coordinator.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("cms_sections") in text(response)


def test_menu_item_without_coordinator_right(client, nf_editor):
    response = login(client, nf_editor).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("cms_sections") not in text(response)
