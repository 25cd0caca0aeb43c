"""What volunteers' records depend on cannot be deleted from under them."""

from django.urls import reverse

from cms.curriculum.models import CurriculumModule
from cms.sections.models import MunicipalityPage
from cms.volunteers.models import Attendance
from tests.factories import AttendanceFactory


def test_a_module_volunteers_attended_is_kept_with_a_message(admin_client, volunteer, modules):
    AttendanceFactory(module=modules[0], volunteer=volunteer)
    url = reverse("wagtailsnippets_cms_curriculummodule:delete", args=[modules[0].pk])

    response = admin_client.post(url)

    assert response.status_code == 302
    assert CurriculumModule.objects.filter(pk=modules[0].pk).exists()
    assert Attendance.objects.filter(module=modules[0], volunteer=volunteer).exists()
    listing = admin_client.get(response["Location"])
    assert "Avpubliser modulen i stedet for å slette den" in listing.content.decode()


def test_the_bulk_delete_keeps_an_attended_module_too(admin_client, volunteer, modules):
    AttendanceFactory(module=modules[0], volunteer=volunteer)
    url = reverse("wagtail_bulk_action", args=["cms", "curriculummodule", "delete"])

    admin_client.post(f"{url}?id={modules[0].pk}&id={modules[1].pk}")

    assert CurriculumModule.objects.filter(pk=modules[0].pk).exists()


def test_a_module_nobody_attended_can_be_deleted(admin_client, modules):
    url = reverse("wagtailsnippets_cms_curriculummodule:delete", args=[modules[1].pk])

    admin_client.post(url)

    assert not CurriculumModule.objects.filter(pk=modules[1].pk).exists()


def test_a_section_with_volunteers_is_not_deleted(admin_client, volunteer, nordre_follo):
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[nordre_follo.pk]))

    assert response.status_code == 302
    assert MunicipalityPage.objects.filter(pk=nordre_follo.pk).exists()
    volunteer.refresh_from_db()
    assert volunteer.section_id == nordre_follo.pk


def test_a_section_without_volunteers_can_be_deleted(admin_client, volunteer, indre_ostfold):
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[indre_ostfold.pk]))

    assert not MunicipalityPage.objects.filter(pk=indre_ostfold.pk).exists()
