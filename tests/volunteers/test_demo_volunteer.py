"""The demo volunteer's evening, end to end, on the demo content of ``make run``.

``frivillig-nordrefollo`` logs in on the site, sees the programme, opens a
private document, sees her progress, withdraws a consent and downloads her
data; the Nordre Follo coordinator sees her and not Indre Østfold's volunteer.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from cms.curriculum.models import CurriculumModule
from cms.sections.models import MunicipalityPage
from cms.volunteers.models import ConsentKind, ConsentRecord, VolunteerProfile
from cms.volunteers.pages import VolunteerAreaPage

# One worker for the module: the demo is loaded once (tests/helpers/demo.py).
pytestmark = pytest.mark.xdist_group("demo-volunteer")

PASSWORD = "bydelsmor-demo"


def log_in(client, username):
    response = client.post(
        "/logg-inn/", {"username": username, "password": PASSWORD, "next": "/frivillig/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/frivillig/"


def test_the_demo_volunteer_goes_through_her_evening(client, demo):
    # Before logging in, nothing of it is there.
    assert client.get("/frivillig/opplaering/").status_code == 302

    log_in(client, "frivillig-nordrefollo")

    programme = client.get("/frivillig/opplaering/")
    assert programme.status_code == 200
    html = programme.content.decode()
    modules = CurriculumModule.objects.filter(locale__language_code="nb", live=True)
    assert modules.count() >= 10
    for module in modules:
        assert module.title in html

    # The first module's handout, from the private collection.
    first = modules.get(order=1)
    page = client.get(f"/frivillig/opplaering/{first.pk}/").content.decode()
    document_url = re.search(r'href="(/documents/\d+/[^"]+)"', page).group(1)
    document = client.get(document_url)
    assert document.status_code == 200
    assert b"".join(document.streaming_content).startswith(b"%PDF")

    progress = client.get("/frivillig/fremdrift/")
    assert progress.status_code == 200
    assert 'value="4"' in progress.content.decode()
    assert f'max="{modules.filter(in_long_programme=True).count()}"' in (progress.content.decode())

    profile = VolunteerProfile.objects.get(user__username="frivillig-nordrefollo")
    assert profile.consent_language_listing
    languages = [language.pk for language in profile.languages.all()]
    response = client.post("/frivillig/profil/", {"languages": languages, "phone": profile.phone})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.consent_language_listing
    assert ConsentRecord.objects.filter(
        profile=profile, kind=ConsentKind.LANGUAGE_LISTING, given=False
    ).exists()

    data = client.get("/frivillig/profil/mine-data/")
    assert data.status_code == 200
    assert data["Content-Disposition"].startswith("attachment")
    payload = json.loads(data.content)
    assert payload["user"]["username"] == "frivillig-nordrefollo"
    assert payload["profile"]["consent_language_listing"] is False
    assert len(payload["attendance"]) == 4


def test_the_demo_has_the_area_in_two_languages_and_translated_modules(client, demo):
    areas = VolunteerAreaPage.objects.filter(alias_of=None)
    assert set(areas.values_list("locale__language_code", flat=True)) == {"nb", "en"}
    # Every other language has the Norwegian area as an alias, private too.
    aliases = VolunteerAreaPage.objects.exclude(alias_of=None)
    assert aliases.count() == len(settings.LANGUAGES) - 2
    assert all(alias.get_view_restrictions() for alias in aliases)
    translated = CurriculumModule.objects.exclude(locale__language_code="nb")
    # Modules 1 and 5 through wagtail-localize (cms/demo/data/translations.toml),
    # module 3 into English by the training loader.
    assert translated.filter(locale__language_code="en").count() == 3
    assert translated.filter(locale__language_code="ar").count() == 2
    # Arabic readers get the Norwegian area with the module in Arabic.
    log_in(client, "frivillig-nordrefollo")
    arabic = translated.filter(locale__language_code="ar").order_by("order").first()
    source = CurriculumModule.objects.get(
        translation_key=arabic.translation_key, locale__language_code="nb"
    )
    response = client.get(f"/ar/frivillig/opplaering/{source.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert arabic.title in html
    assert '<html lang="ar" dir="rtl">' in html


def test_the_demo_coordinator_sees_her_volunteer_and_not_the_other(client, demo):
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "koordinator-nordrefollo", "password": PASSWORD},
    )
    nordre_follo = MunicipalityPage.objects.get(slug="nordre-follo", locale__language_code="nb")
    indre_ostfold = MunicipalityPage.objects.get(slug="indre-ostfold", locale__language_code="nb")

    own = client.get(reverse("cms_section_attendance", args=[nordre_follo.pk]))
    other = client.get(reverse("cms_section_attendance", args=[indre_ostfold.pk]))

    assert own.status_code == 200
    assert "Amina" in own.content.decode()
    assert "Hawa" not in own.content.decode()
    assert other.status_code == 404


def test_loading_the_demo_twice_changes_nothing_in_the_private_area(demo):
    counts = (VolunteerProfile.objects.count(), CurriculumModule.objects.count())

    call_command("load_demo", quiet=True)

    assert (VolunteerProfile.objects.count(), CurriculumModule.objects.count()) == counts
