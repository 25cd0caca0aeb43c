"""The private area's pages cost the same number of SQL queries however big the programme."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.curriculum.models import CurriculumMaterial, Theme
from tests.factories import AttendanceFactory, CurriculumModuleFactory


def queries(client, url):
    client.get(url)  # warm the per-process caches (site root, locales)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(volunteer, training_document, count):
    """``count`` more modules, each attended and with the handout."""
    for number in range(count):
        module = CurriculumModuleFactory(theme=list(Theme)[number % len(Theme)], order=10 + number)
        CurriculumMaterial.objects.create(module=module, document=training_document)
        AttendanceFactory(module=module, volunteer=volunteer)


@pytest.mark.parametrize("route", ["", "opplaering/", "fremdrift/", "profil/mine-data/"])
def test_area_pages_are_flat(client, area, modules, volunteer, training_document, route):
    client.force_login(volunteer.user)
    url = f"{area.url}{route}"
    small = queries(client, url)

    grow(volunteer, training_document, 8)

    assert queries(client, url) == small


def test_a_module_page_does_not_grow_with_its_material(
    client, area, modules, volunteer, training_document
):
    client.force_login(volunteer.user)
    url = f"{area.url}opplaering/{modules[0].pk}/"
    small = queries(client, url)

    for _number in range(6):
        CurriculumMaterial.objects.create(module=modules[0], document=training_document)

    assert queries(client, url) == small
