"""The coordinator's list of her section's volunteers (``cms.volunteers.admin``).

She sees their contact details, adds new people or existing users as volunteers,
and deletes a volunteer while her attendance stays as anonymous counts. Nobody
else sees the phone numbers, and another section's volunteers can be neither
added nor deleted: a refused request changes nothing.
"""

import pytest
from django.contrib.auth import get_user_model

from cms.core.groups import VOLUNTEERS
from cms.sections.models import SectionRoles
from cms.volunteers.models import Attendance, VolunteerProfile
from tests.factories import AttendanceFactory, SpokenLanguageFactory
from tests.helpers.sections import text
from tests.helpers.training import attendance_url, refused, snapshot, volunteers_url

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_coordinator_sees_her_volunteers_contact_details(
    client, amina, hawa, coordinator, nordre_follo
):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk", name_local="Soomaali")
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja", name_local="Tigrinja")
    amina.languages.add(somali)
    hawa.languages.add(tigrinya)
    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert amina.user.username in html
    assert "912 34 567" in html
    assert "Somalisk" in html
    assert "Hawa Diriye" not in html
    assert hawa.user.username not in html
    assert "934 56 789" not in html
    assert "Tigrinja" not in html


def test_only_the_coordinator_sees_her_volunteers_phone_numbers(
    client, amina, coordinator, other_coordinator, nf_editor, national_editor, nordre_follo
):
    before = snapshot()
    for who in (other_coordinator, nf_editor, national_editor, amina.user, None):
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(volunteers_url(nordre_follo))
        refused(response)
        assert "912 34 567" not in text(response)
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": "ny@example.no", "first_name": "Ny"},
        )
        refused(response)
        assert snapshot() == before, who


def test_coordinator_adds_a_new_volunteer(client, coordinator, nordre_follo, network):
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {
            "action": "add",
            "role": "volunteers",
            "person": "fatima@example.no",
            "first_name": "Fatima",
            "last_name": "Noor",
            "programme": "10",
        },
    )
    assert response.status_code == 302
    assert response.url == volunteers_url(nordre_follo)
    user = User.objects.get(email="fatima@example.no")
    assert user.first_name == "Fatima"
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.section_id == nordre_follo.pk
    assert profile.programme == "10"
    assert user.groups.filter(name=VOLUNTEERS).exists()
    assert not user.is_staff
    assert "Fatima Noor" in text(client.get(volunteers_url(nordre_follo)))


def test_coordinator_adds_an_existing_user_as_volunteer(
    client, coordinator, outsider, nordre_follo, network
):
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "add", "role": "volunteers", "person": outsider.username},
    )
    assert response.status_code == 302
    assert VolunteerProfile.objects.get(user=outsider).section_id == nordre_follo.pk
    assert outsider.groups.filter(name=VOLUNTEERS).exists()


def test_a_volunteer_of_another_section_cannot_be_added(
    client, hawa, coordinator, nordre_follo, indre_ostfold
):
    before = snapshot()
    client.force_login(coordinator)
    for person in (hawa.user.email, hawa.user.username):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": person, "first_name": "Hawa"},
        )
        assert response.status_code == 400
    assert snapshot() == before
    hawa.refresh_from_db()
    assert hawa.section_id == indre_ostfold.pk


def test_adding_a_new_person_needs_a_valid_address_and_a_first_name(
    client, coordinator, nordre_follo, network
):
    before = snapshot()
    client.force_login(coordinator)
    for person, first_name in (("fatima@example.no", ""), ("ikke en adresse@", "Fatima"), ("", "")):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "add", "role": "volunteers", "person": person, "first_name": first_name},
        )
        assert response.status_code == 400
    assert snapshot() == before


def test_deleting_a_volunteer_keeps_her_attendance_anonymously(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    AttendanceFactory(module=modules[0], volunteer=amina)
    AttendanceFactory(module=modules[1], volunteer=amina)
    AttendanceFactory(module=modules[0], volunteer=hawa)
    user_id = amina.user.pk
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "delete", "volunteer": amina.pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    assert response.url == volunteers_url(nordre_follo)
    assert not User.objects.filter(pk=user_id).exists()
    assert not VolunteerProfile.objects.filter(pk=amina.pk).exists()
    kept = Attendance.objects.filter(section=nordre_follo)
    assert kept.count() == 2
    assert not kept.filter(volunteer__isnull=False).exists()
    assert Attendance.objects.get(section_id=hawa.section_id).volunteer == hawa

    # Still counted on the attendance page, without her name.
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    assert "Amina Haji" not in text(response)
    counts = {module.pk: module.attended for module in response.context["modules"]}
    assert counts[modules[0].pk] == 1
    assert counts[modules[1].pk] == 1
    assert counts[modules[2].pk] == 0


def test_deleting_needs_confirmation(client, modules, amina, coordinator, nordre_follo):
    AttendanceFactory(module=modules[0], volunteer=amina)
    before = snapshot()
    client.force_login(coordinator)
    for data in (
        {"action": "delete", "volunteer": amina.pk},
        {"action": "delete", "volunteer": amina.pk, "confirm": "no"},
        {"action": "delete", "volunteer": "abc", "confirm": "yes"},
        {"action": "shred", "volunteer": amina.pk, "confirm": "yes"},
    ):
        assert client.post(volunteers_url(nordre_follo), data).status_code == 400
    for volunteer_id in (99999999, 10**30):
        response = client.post(
            volunteers_url(nordre_follo),
            {"action": "delete", "volunteer": volunteer_id, "confirm": "yes"},
        )
        assert response.status_code == 404
    assert snapshot() == before


def test_deleting_a_volunteer_with_another_role_keeps_her_account(
    client, amina, coordinator, nordre_follo
):
    editors = SectionRoles.objects.get(section=nordre_follo).editors
    amina.user.groups.add(editors)
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo),
        {"action": "delete", "volunteer": amina.pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    user = User.objects.get(pk=amina.user.pk)
    assert not VolunteerProfile.objects.filter(user=user).exists()
    assert not user.groups.filter(name=VOLUNTEERS).exists()
    assert user.groups.filter(pk=editors.pk).exists()


def test_coordinator_cannot_delete_another_sections_volunteer(
    client, amina, hawa, coordinator, other_coordinator, nordre_follo, indre_ostfold
):
    before = snapshot()
    # Through her own section's page, with the other section's volunteer …
    client.force_login(coordinator)
    response = client.post(
        volunteers_url(nordre_follo), {"action": "delete", "volunteer": hawa.pk, "confirm": "yes"}
    )
    assert response.status_code == 404
    # … and through the other section's page.
    client.force_login(other_coordinator)
    for section in (nordre_follo, indre_ostfold):
        response = client.post(
            volunteers_url(section), {"action": "delete", "volunteer": amina.pk, "confirm": "yes"}
        )
        assert response.status_code == 404
    assert snapshot() == before
