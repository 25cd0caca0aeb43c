"""Attendance: the coordinator records who came to which module's evening.

Her section's page (``cms.volunteers.admin``) lists only her own volunteers; she
marks and unmarks their evenings, bad input is refused with nothing stored, and
every other person, including another section's coordinator, is refused and
changes nothing.
"""

import datetime

import pytest
from django.utils import timezone

from cms.volunteers.models import Attendance
from tests.factories import AttendanceFactory, CurriculumModuleFactory
from tests.helpers.sections import text
from tests.helpers.training import (
    attendance_url,
    refused,
    short_date,
    snapshot,
    translate_module,
    volunteers_url,
)

pytestmark = pytest.mark.django_db

EVENING = datetime.date(2026, 10, 1)


def test_coordinator_sees_only_her_own_volunteers_on_attendance_page(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    client.force_login(coordinator)
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    html = text(response)
    assert "Amina Haji" in html
    assert "Hawa Diriye" not in html
    assert hawa.phone not in html
    for module in modules:
        assert module.title in html


def test_coordinator_records_attendance(client, modules, amina, coordinator, nordre_follo):
    client.force_login(coordinator)
    data = {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
    response = client.post(attendance_url(nordre_follo), data)
    assert response.status_code == 302
    assert response.url == attendance_url(nordre_follo)
    attendance = Attendance.objects.get()
    assert attendance.module == modules[0]
    assert attendance.volunteer == amina
    assert attendance.section_id == nordre_follo.pk
    assert attendance.date == EVENING
    assert attendance.recorded_by == coordinator

    # Recording the same evening again, or on another date, does not duplicate.
    assert client.post(attendance_url(nordre_follo), data).status_code == 302
    data["date"] = "2026-10-08"
    assert client.post(attendance_url(nordre_follo), data).status_code == 302
    assert Attendance.objects.filter(volunteer=amina, module=modules[0]).count() == 1
    assert Attendance.objects.get().date == EVENING

    # The mark shows on her page.
    assert short_date(EVENING) in text(client.get(attendance_url(nordre_follo)))


def test_bad_attendance_is_refused_and_nothing_stored(
    client, modules, amina, hawa, coordinator, nordre_follo, locales
):
    draft = CurriculumModuleFactory(title="Utkast", order=9, live=False)
    english = translate_module(modules[0], locales["en"], "Welcome")
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    cases = {
        "other section's volunteer": {"volunteers": [hawa.pk]},
        "own and other section's volunteer": {"volunteers": [amina.pk, hawa.pk]},
        "nobody": {"volunteers": []},
        "unknown volunteer": {"volunteers": [99999999]},
        "garbage volunteer": {"volunteers": ["abc"]},
        "huge volunteer id": {"volunteers": [10**30]},
        "future date": {"date": tomorrow},
        "too old date": {"date": "1999-12-31"},
        "garbage date": {"date": "garbage"},
        "impossible date": {"date": "2026-02-30"},
        "no date": {"date": ""},
        "unknown module": {"module": 99999999},
        "garbage module": {"module": "abc"},
        "huge module id": {"module": 10**30},
        "unpublished module": {"module": draft.pk},
        "translated module": {"module": english.pk},
    }
    client.force_login(coordinator)
    statuses = {}
    for case, overrides in cases.items():
        data = {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
        data.update(overrides)
        try:
            statuses[case] = client.post(attendance_url(nordre_follo), data).status_code
        except Exception as error:  # noqa: BLE001 - a crash is a wrong answer, reported below
            statuses[case] = repr(error)
        assert not Attendance.objects.exists(), case
    assert statuses == dict.fromkeys(cases, 400)


def test_coordinator_unmarks_only_her_own_sections_attendance(
    client, modules, amina, hawa, coordinator, nordre_follo
):
    ours = AttendanceFactory(module=modules[0], volunteer=amina)
    also_ours = AttendanceFactory(module=modules[1], volunteer=amina)
    theirs = AttendanceFactory(module=modules[0], volunteer=hawa)
    client.force_login(coordinator)

    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": theirs.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=theirs.pk).exists()

    for garbage in ("", "abc", str(10**30)):
        response = client.post(
            attendance_url(nordre_follo), {"action": "unmark", "attendance": garbage}
        )
        assert response.status_code == 404
    assert Attendance.objects.count() == 3

    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": ours.pk}
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("pk", flat=True)) == {also_ours.pk, theirs.pk}


def test_anonymous_attendance_cannot_be_unmarked(client, modules, amina, coordinator, nordre_follo):
    """Once a volunteer is deleted her marks are the section's anonymous counts: they stay."""
    attendance = AttendanceFactory(module=modules[0], volunteer=amina)
    Attendance.objects.filter(pk=attendance.pk).update(volunteer=None)
    client.force_login(coordinator)
    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": attendance.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_only_the_sections_coordinator_reaches_its_attendance(
    client,
    modules,
    amina,
    hawa,
    coordinator,
    other_coordinator,
    nf_editor,
    national_editor,
    outsider,
    nordre_follo,
):
    mark = AttendanceFactory(module=modules[1], volunteer=amina)
    url = attendance_url(nordre_follo)
    before = snapshot()
    for who in (other_coordinator, nf_editor, national_editor, amina.user, outsider, None):
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(url)
        refused(response)
        assert "Amina Haji" not in text(response)
        refused(
            client.post(
                url, {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]}
            )
        )
        refused(client.post(url, {"action": "unmark", "attendance": mark.pk}))
        assert snapshot() == before, who


def test_other_coordinator_gets_404_on_nordre_follo(
    client, modules, amina, other_coordinator, nordre_follo, indre_ostfold
):
    client.force_login(other_coordinator)
    assert client.get(attendance_url(indre_ostfold)).status_code == 200
    assert client.get(attendance_url(nordre_follo)).status_code == 404
    assert client.get(volunteers_url(nordre_follo)).status_code == 404
    response = client.post(
        attendance_url(nordre_follo),
        {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()
    mark = AttendanceFactory(module=modules[0], volunteer=amina)
    response = client.post(
        attendance_url(nordre_follo), {"action": "unmark", "attendance": mark.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.filter(pk=mark.pk).exists()


def test_superuser_may_record_any_sections_attendance(
    client, modules, amina, superuser, nordre_follo
):
    client.force_login(superuser)
    response = client.get(attendance_url(nordre_follo))
    assert response.status_code == 200
    assert "Amina Haji" in text(response)
    response = client.post(
        attendance_url(nordre_follo),
        {"module": modules[0].pk, "date": "2026-10-01", "volunteers": [amina.pk]},
    )
    assert response.status_code == 302
    assert Attendance.objects.get().volunteer == amina
