"""A volunteer's progress through the programme, and her certificate at its end.

Only her own attendance counts; the certificate is there once she has attended
every module of her programme (seventeen or ten evenings) and redirects to her
progress before that. Someone without a volunteer profile has no progress.
"""

import datetime
import re

import pytest

from cms.volunteers.models import VolunteerProfile
from tests.factories import AttendanceFactory
from tests.helpers.sections import text
from tests.helpers.training import route, short_date

pytestmark = pytest.mark.django_db


def test_progress_shows_her_attended_modules(client, area, modules, amina, hawa):
    AttendanceFactory(module=modules[0], volunteer=amina, date=datetime.date(2026, 9, 3))
    AttendanceFactory(module=modules[1], volunteer=amina, date=datetime.date(2026, 9, 17))
    # Hawa's evening, on a date Amina never attended anything.
    AttendanceFactory(module=modules[2], volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    response = client.get(route(area, "progress"))
    assert response.status_code == 200
    html = text(response)
    assert short_date(datetime.date(2026, 9, 3)) in html
    assert short_date(datetime.date(2026, 9, 17)) in html
    assert short_date(datetime.date(2026, 3, 14)) not in html
    progress = re.search(r"<progress[^>]*>", html).group(0)
    assert 'value="2"' in progress
    assert 'max="4"' in progress
    for module in modules:
        assert module.title in html

    response = client.get(route(area, "certificate"))
    assert response.status_code == 302
    assert response.url == route(area, "progress")


def test_other_volunteers_attendance_never_counts_for_her(client, area, modules, amina, hawa):
    for module in modules:
        AttendanceFactory(module=module, volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    html = text(client.get(route(area, "progress")))
    assert short_date(datetime.date(2026, 3, 14)) not in html
    assert 'value="0"' in re.search(r"<progress[^>]*>", html).group(0)
    assert client.get(route(area, "certificate")).status_code == 302

    client.force_login(hawa.user)
    assert client.get(route(area, "certificate")).status_code == 200


def test_certificate_after_the_whole_programme(client, area, modules, amina):
    for day, module in enumerate(modules, start=1):
        AttendanceFactory(module=module, volunteer=amina, date=datetime.date(2026, 9, day))
    client.force_login(amina.user)
    html = text(client.get(route(area, "progress")))
    assert 'value="4"' in re.search(r"<progress[^>]*>", html).group(0)
    assert route(area, "certificate") in html

    response = client.get(route(area, "certificate"))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    for module in modules:
        assert module.title in html


def test_certificate_of_the_ten_evening_programme(client, area, modules, amina):
    amina.programme = "10"
    amina.save()
    for module in modules[:2]:
        AttendanceFactory(module=module, volunteer=amina)
    client.force_login(amina.user)
    assert client.get(route(area, "certificate")).status_code == 302
    AttendanceFactory(module=modules[2], volunteer=amina)
    response = client.get(route(area, "certificate"))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert modules[2].title in html
    assert modules[3].title not in html


def test_no_certificate_without_modules(client, area, amina):
    client.force_login(amina.user)
    assert client.get(route(area, "certificate")).status_code == 302


def test_someone_without_a_profile_has_no_progress(client, area, modules, coordinator):
    client.force_login(coordinator)
    for name_ in ("progress", "certificate", "profile"):
        response = client.get(route(area, name_))
        assert response.status_code == 200
        assert "<progress" not in text(response)
    assert client.post(route(area, "profile"), {"phone": "912 34 567"}).status_code == 200
    assert not VolunteerProfile.objects.filter(user=coordinator).exists()
