"""The "we speak …" directory at /vi-snakker/: languages, places, counts, events; never names."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from cms.core.languages import SpokenLanguage
from tests.factories import (
    MunicipalityPageFactory,
    SpokenLanguageFactory,
    UserFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

URL = "/vi-snakker/"


def speakers(section, language, count, consent=True, active=True, prefix="frivillig"):
    """``count`` volunteers in ``section`` who speak ``language``; their profiles."""
    profiles = []
    for number in range(count):
        user = UserFactory(
            username=f"{prefix}-{section.slug}-{language.code}-{number}",
            first_name=f"Navn{section.slug}{number}",
            last_name="Etternavnsen",
            is_active=active,
        )
        profile = VolunteerProfileFactory(
            user=user, section=section, consent_language_listing=consent
        )
        profile.languages.add(language)
        profiles.append(profile)
    return profiles


@pytest.fixture
def directory(places, fixed_events):
    somali = SpokenLanguage.objects.get(code="so")
    arabic = SpokenLanguage.objects.get(code="ar")
    tigrinya = SpokenLanguageFactory(code="ti", name="tigrinja", name_local="ትግርኛ")
    return {
        "somali": somali,
        "arabic": arabic,
        "tigrinya": tigrinya,
        # Four Somali speakers in Stovner: counted.
        "stovner": speakers(places["stovner"], somali, 4),
        # Two Arabic speakers in Nordre Follo: too few to count.
        "follo": speakers(places["follo"], arabic, 2),
        # Tigrinya: one who did not consent, three who left (inactive).
        "hidden": speakers(places["ostfold"], tigrinya, 1, consent=False)
        + speakers(places["ostfold"], tigrinya, 3, active=False, prefix="sluttet"),
    }


def entry(html, code):
    """The text of the directory's section for the language ``code`` ("" if none)."""
    found = re.search(
        rf'<section class="language-entry" aria-labelledby="sprak-{code}">(.*?)</section>',
        html,
        re.S,
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))) if found else ""


def test_counts_match_the_profiles_and_small_counts_read_some(client, directory, places):
    html = client.get(URL).content.decode()
    assert "Stovner : 4 bydelsmødre" in entry(html, "so")
    arabic = entry(html, "ar")
    assert "Nordre Follo : noen bydelsmødre" in arabic
    assert "2 bydelsmødre" not in arabic

    # One more consenting volunteer in Nordre Follo, and the count shows.
    speakers(places["follo"], directory["arabic"], 1, prefix="ny")
    html = client.get(URL).content.decode()
    assert "Nordre Follo : 3 bydelsmødre" in entry(html, "ar")


def test_only_consenting_active_volunteers_count(client, directory, places):
    html = client.get(URL).content.decode()
    assert entry(html, "ti") == ""

    # She consents: now the language is listed, as "some" (one speaker).
    profile = directory["hidden"][0]
    profile.consent_language_listing = True
    profile.save()
    assert "Indre Østfold : noen bydelsmødre" in entry(client.get(URL).content.decode(), "ti")


def test_no_name_phone_or_username_reaches_the_directory(client, directory):
    html = client.get(URL).content.decode()
    profiles = directory["stovner"] + directory["follo"] + directory["hidden"]
    for profile in profiles:
        user = profile.user
        for personal in (user.username, user.first_name, user.last_name, user.email, profile.phone):
            assert personal not in html, personal


def test_unpublished_and_private_sections_are_left_out(client, directory, places):
    places["stovner"].unpublish()
    assert "Stovner" not in entry(client.get(URL).content.decode(), "so")

    PageViewRestriction.objects.create(
        page=places["follo"], restriction_type=PageViewRestriction.LOGIN
    )
    assert entry(client.get(URL).content.decode(), "ar") == ""


def test_a_municipalitys_own_list_shows_its_languages_as_some(client, directory, places):
    places["ostfold"].languages.add(directory["somali"])
    places["ostfold"].save_revision().publish()
    assert "Indre Østfold : noen bydelsmødre" in entry(client.get(URL).content.decode(), "so")


def test_next_events_in_each_language_are_public_ones_only(client, directory):
    somali = entry(client.get(URL).content.decode(), "so")
    assert "Temakveld om helse" in somali
    assert "Norskkurs Oslo" in somali
    for hidden in ("Opplæring for frivillige", "Utkast til fest"):
        assert hidden not in somali
    assert "Skole og hjem" in entry(client.get(URL).content.decode(), "ar")
    assert "Skole og hjem" not in somali
    assert 'href="/arrangementer/?sprak=so"' in client.get(URL).content.decode()


def test_filtered_by_language_without_javascript(client, directory):
    html = client.get(URL, {"sprak": "so"}).content.decode()
    assert entry(html, "so")
    assert entry(html, "ar") == ""
    assert '<option value="so" selected>' in html


def test_an_unknown_language_says_so_and_lists_them_all(client, directory):
    response = client.get(URL, {"sprak": "klingon" * 40})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det språket kjenner vi ikke" in html
    assert entry(html, "so") and entry(html, "ar")


def test_a_known_language_nobody_lists_gets_a_message(client, directory):
    SpokenLanguageFactory(code="th", name="thai", name_local="ไทย")
    response = client.get(URL, {"sprak": "th"})
    assert response.status_code == 200
    assert "Ingen i nettverket har oppgitt dette språket ennå." in response.content.decode()


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_the_directory_in_every_site_language(client, directory, code):
    prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
    response = client.get(f"{prefix}{URL}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        heading = translation.gettext("We speak your language")
    if code != "en":
        assert heading != "We speak your language", f"{code} has no translation of the heading"
    assert f"<h1>{heading}</h1>" in html
    # Each language named in the reader's language, with its own name beside.
    assert "Soomaali" in entry(html, "so")


def test_reading_it_costs_the_same_queries_however_much_there_is(client, directory, places):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()  # the site's root paths and the like, kept after the first request
    before = queries()
    for number in range(4):
        district = MunicipalityPageFactory(parent=places["oslo"], title=f"Bydel {number}")
        language = SpokenLanguageFactory(code=f"x{number}", name=f"språk {number}")
        speakers(district, language, 3, prefix=f"mer{number}")
        speakers(district, directory["somali"], 3, prefix=f"so{number}")
    queries()  # the new pages changed the content: the menus are read again once
    assert queries() == before


def test_the_front_page_and_the_calendar_link_to_it(client, directory, home):
    for path in ("/", "/arrangementer/"):
        assert f'href="{URL}"' in client.get(path).content.decode(), path


def test_anonymous_readers_may_keep_it_a_while_a_logged_in_one_not(client, directory):
    anonymous = client.get(URL)
    assert "public" in anonymous["Cache-Control"] and "max-age=300" in anonymous["Cache-Control"]
    client.force_login(directory["stovner"][0].user)
    logged_in = client.get(URL)
    assert "private" in logged_in["Cache-Control"] or "no-store" in logged_in["Cache-Control"]
    assert "public" not in logged_in["Cache-Control"]
