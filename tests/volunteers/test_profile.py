"""A volunteer's profile: her languages, her phone number and her consents.

Each change of consent is recorded; bad input is refused and changes nothing. Her
language is listed on her section's public page only with her consent, without
her name, and stops being listed as soon as she withdraws it.
"""

import pytest
from django.test import Client

from cms.volunteers.models import ConsentKind, ConsentRecord
from tests.factories import SpokenLanguageFactory
from tests.helpers.sections import text
from tests.helpers.training import route

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {"languages": [], "phone": "", "consent_photo": "", "consent_language_listing": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value not in ("", None)}


def test_profile_saves_languages_phone_and_consents(client, area, amina):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    arabic = SpokenLanguageFactory(code="ar-test", name="Arabisk")
    client.force_login(amina.user)
    assert client.get(route(area, "profile")).status_code == 200
    response = client.post(
        route(area, "profile"),
        profile_data(
            languages=[somali.pk, arabic.pk],
            phone="+47 400 00 000",
            consent_photo="on",
            consent_language_listing="on",
        ),
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert set(amina.languages.all()) == {somali, arabic}
    assert amina.phone == "+47 400 00 000"
    assert amina.consent_photo
    assert amina.consent_language_listing
    records = ConsentRecord.objects.filter(profile=amina)
    assert {(record.kind, record.given) for record in records} == {
        (ConsentKind.PHOTO, True),
        (ConsentKind.LANGUAGE_LISTING, True),
    }
    assert {record.recorded_by for record in records} == {amina.user}

    # Saving again without changes records no new consent.
    client.post(
        route(area, "profile"),
        profile_data(
            languages=[somali.pk, arabic.pk],
            phone="+47 400 00 000",
            consent_photo="on",
            consent_language_listing="on",
        ),
    )
    assert ConsentRecord.objects.filter(profile=amina).count() == 2


def test_bad_phone_changes_nothing(client, area, amina):
    somali = SpokenLanguageFactory(code="so-test", name="Somalisk")
    client.force_login(amina.user)
    for phone in ("abc", "1" * 200, "912", "<script>", "912 34 567 x"):
        response = client.post(
            route(area, "profile"),
            profile_data(languages=[somali.pk], phone=phone, consent_photo="on"),
        )
        assert response.status_code == 400, phone
        amina.refresh_from_db()
        assert amina.phone == "912 34 567"
        assert not amina.languages.exists()
        assert not amina.consent_photo
        assert not ConsentRecord.objects.exists()


def test_unknown_language_changes_nothing(client, area, amina):
    client.force_login(amina.user)
    statuses = {}
    for language in ("99999999", "abc", str(10**30)):
        try:
            response = client.post(
                route(area, "profile"), profile_data(languages=[language], phone="400 00 000")
            )
            statuses[language] = response.status_code
        except Exception as error:  # noqa: BLE001 - a crash is a wrong answer, reported below
            statuses[language] = repr(error)
        amina.refresh_from_db()
        assert amina.phone == "912 34 567"
    assert statuses == {"99999999": 400, "abc": 400, str(10**30): 400}


def test_withdrawn_language_consent_takes_effect_at_once(client, area, amina, nordre_follo):
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja-testspråk", name_local="")
    public = Client()
    private_details = ("Amina", "Haji", amina.user.username, "912 34 567", "91234567")

    def public_page():
        response = public.get(nordre_follo.url)
        assert response.status_code == 200
        html = text(response)
        for detail in private_details:
            assert detail not in html
        return html

    client.force_login(amina.user)
    # Her language, without her consent: never listed.
    client.post(route(area, "profile"), profile_data(languages=[tigrinya.pk], phone="912 34 567"))
    amina.refresh_from_db()
    assert list(amina.languages.all()) == [tigrinya]
    assert tigrinya.name not in public_page()

    # With consent: listed, without her name.
    response = client.post(
        route(area, "profile"),
        profile_data(languages=[tigrinya.pk], phone="912 34 567", consent_language_listing="on"),
    )
    assert response.status_code == 302
    assert tigrinya.name in public_page()

    # Withdrawn: gone at once.
    response = client.post(
        route(area, "profile"), profile_data(languages=[tigrinya.pk], phone="912 34 567")
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert not amina.consent_language_listing
    assert tigrinya.name not in public_page()
    assert ConsentRecord.objects.filter(
        profile=amina, kind=ConsentKind.LANGUAGE_LISTING, given=False
    ).exists()


def test_language_listing_only_of_active_volunteers_in_the_section(
    client, area, amina, hawa, nordre_follo, indre_ostfold
):
    tigrinya = SpokenLanguageFactory(code="ti-test", name="Tigrinja-testspråk", name_local="")
    hawa.languages.add(tigrinya)
    hawa.consent_language_listing = True
    hawa.save()
    # Hawa's group lists it; Amina's does not.
    assert tigrinya.name in text(Client().get(indre_ostfold.url))
    assert tigrinya.name not in text(Client().get(nordre_follo.url))
    # A deactivated account is not listed.
    hawa.user.is_active = False
    hawa.user.save()
    assert tigrinya.name not in text(Client().get(indre_ostfold.url))
