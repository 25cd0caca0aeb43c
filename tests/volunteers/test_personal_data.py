"""A volunteer's own data: asking for its deletion, and downloading it.

Her request flags her on her coordinator's list (and only her); the download is
hers alone, as JSON, with nothing of another volunteer's, and needs a login and
a volunteer profile.
"""

import datetime
import json

import pytest
from django.urls import reverse

from cms.volunteers.models import ConsentKind, ConsentRecord
from tests.factories import AttendanceFactory, SpokenLanguageFactory
from tests.helpers.sections import text
from tests.helpers.training import route, volunteers_url

pytestmark = pytest.mark.django_db


def test_request_deletion_flags_her_for_the_coordinator(
    client, area, amina, hawa, coordinator, nordre_follo
):
    client.force_login(amina.user)
    response = client.post(route(area, "profile"), {"action": "request_deletion"})
    assert response.status_code == 302
    amina.refresh_from_db()
    requested = amina.deletion_requested_at
    assert requested is not None
    # Asking again keeps the first date.
    client.post(route(area, "profile"), {"action": "request_deletion"})
    amina.refresh_from_db()
    assert amina.deletion_requested_at == requested
    hawa.refresh_from_db()
    assert hawa.deletion_requested_at is None

    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    assert response.status_code == 200
    rows = [row for row in text(response).split("<tr>") if "Amina Haji" in row]
    assert len(rows) == 1
    assert "<strong>" in rows[0]
    flagged = [
        profile for profile in response.context["volunteers"] if profile.deletion_requested_at
    ]
    assert flagged == [amina]


def test_coordinator_sees_no_flag_without_a_request(client, amina, coordinator, nordre_follo):
    client.force_login(coordinator)
    response = client.get(volunteers_url(nordre_follo))
    rows = [row for row in text(response).split("<tr>") if "Amina Haji" in row]
    assert len(rows) == 1
    assert "<strong>" not in rows[0]


def test_data_download(client, area, modules, amina, hawa):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    amina.languages.add(somali)
    ConsentRecord.objects.create(
        profile=amina, kind=ConsentKind.PHOTO, given=True, recorded_by=amina.user
    )
    AttendanceFactory(module=modules[0], volunteer=amina, date=datetime.date(2026, 9, 3))
    AttendanceFactory(module=modules[1], volunteer=hawa, date=datetime.date(2026, 3, 14))
    client.force_login(amina.user)
    response = client.get(route(area, "profile_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["user"]["username"] == amina.user.username
    assert data["user"]["first_name"] == "Amina"
    assert data["profile"]["phone"] == "912 34 567"
    assert data["profile"]["languages"] == ["Somalisk"]
    assert data["consent_records"] == [
        {"consent": "photo", "given": True, "at": data["consent_records"][0]["at"]}
    ]
    assert data["attendance"] == [{"module": modules[0].title, "date": "2026-09-03"}]
    assert hawa.user.username not in response.content.decode()
    assert "934 56 789" not in response.content.decode()


def test_data_download_needs_a_profile(client, area, coordinator):
    client.force_login(coordinator)
    assert client.get(route(area, "profile_data")).status_code == 404


def test_data_download_needs_login(client, area, amina):
    response = client.get(route(area, "profile_data"))
    assert response.status_code == 302
    assert reverse("login") in response.url
    assert "912 34 567" not in text(response)
