"""Languages: nb without a prefix, the others under theirs, with the right direction."""

import datetime
import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories import (
    AssociationPageFactory,
    MunicipalityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_every_site_language_has_a_content_locale():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {code for code, _name in settings.LANGUAGES}


def test_norwegian_is_served_without_prefix(client, home):
    page = MunicipalityPageFactory(parent=home, slug="oslo")
    assert page.url == "/oslo/"
    response = client.get("/oslo/")
    assert response.status_code == 200
    assert 'lang="nb"' in html_tag(response)
    assert 'dir="ltr"' in html_tag(response)
    assert client.get("/nb/oslo/").status_code == 404


def test_english_translation_is_served_under_en(client, home):
    english = Locale.objects.get(language_code="en")
    page = MunicipalityPageFactory(parent=home, slug="nordre-follo", title="Nordre Follo")
    home_en = home.copy_for_translation(english)
    home_en.save_revision().publish()
    page_en = page.copy_for_translation(english)
    page_en.intro = "Neighbourhood mothers in Nordre Follo."
    page_en.save_revision().publish()
    assert page_en.url == "/en/nordre-follo/"
    response = client.get("/en/nordre-follo/")
    assert response.status_code == 200
    assert 'lang="en"' in html_tag(response)
    assert "Neighbourhood mothers in Nordre Follo." in response.content.decode()
    assert "Skip to main content" in response.content.decode()
    # The switcher on the Norwegian page links to the English one, and back.
    assert 'href="/en/nordre-follo/" hreflang="en"' in client.get("/nordre-follo/").content.decode()
    assert 'href="/nordre-follo/" hreflang="nb"' in response.content.decode()


@pytest.mark.parametrize("code", ["ar", "ur", "fa"])
def test_right_to_left_languages(client, home, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'lang="{code}"' in html_tag(response)
    assert 'dir="rtl"' in html_tag(response)


@pytest.mark.parametrize("code", ["so", "ti", "pl", "tr"])
def test_languages_django_lacks_or_has_are_all_served(client, home, code):
    """Somali and Tigrinya need our own LANG_INFO and catalogs, or they 404."""
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'lang="{code}"' in html_tag(response)
    assert 'dir="ltr"' in html_tag(response)


def test_untranslated_page_says_so_and_marks_its_language(client, home):
    MunicipalityPageFactory(parent=home, slug="stovner", title="Stovner")
    html = client.get("/en/stovner/").content.decode()
    assert 'lang="nb" dir="ltr"' in html  # the Norwegian content inside an English page
    assert "This page is not available in your language yet." in html
    assert "It is shown in Norwegian Bokmål." in html
    polish = client.get("/pl/stovner/").content.decode()
    assert "Norwegian" not in polish  # the language is named in Polish too
    # The switcher names every language and says which have no translation.
    assert html.count("this page is not translated") == len(settings.LANGUAGES) - 2


def test_ui_strings_are_translated_to_norwegian(client, home):
    html = client.get("/").content.decode()
    assert "Hopp til hovedinnholdet" in html
    assert "Skip to main content" not in html


def test_unknown_language_prefix_is_a_404(client, home):
    assert client.get("/xx/").status_code == 404
    assert client.get("/de/").status_code == 404


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_language_has_its_own_words_for_the_page_chrome(client, home, code):
    """A reader under /ar/ gets Arabic menus and notices, not Django's Norwegian fallback."""
    prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
    html = client.get(f"{prefix}/").content.decode()
    skip_link = re.search(r'<a class="skip-link"[^>]*>([^<]+)</a>', html).group(1).strip()
    assert skip_link != "Skip to main content"
    if code != "nb":
        assert skip_link != "Hopp til hovedinnholdet"


def test_dates_follow_the_visitors_language(client, home):
    NewsPageFactory(parent=home, slug="samling", date=datetime.date(2025, 11, 6))
    nb = client.get("/samling/").content.decode()
    assert '<time datetime="2025-11-06" lang="nb" dir="auto">6. november 2025</time>' in nb
    # Under /ar/ the Norwegian article keeps lang="nb", but its date is Arabic
    # and isolated, so the month name does not scramble the line.
    ar = client.get("/ar/samling/").content.decode()
    assert 'lang="nb" dir="ltr"' in ar
    assert re.search(r'<time datetime="2025-11-06" lang="ar" dir="auto">[^<]*نوفمبر', ar)


def test_norwegian_content_is_marked_but_the_visitors_headings_are_not(client, home):
    """Under /en/, a translated front page lists an untranslated section.

    The section's own text carries lang="nb"; the English page's text and the
    UI's headings carry no lang of their own, so they inherit lang="en".
    """
    english = Locale.objects.get(language_code="en")
    MunicipalityPageFactory(parent=home, slug="oslo", title="Oslo", intro="Bydelsmødre i Oslo.")
    home_en = home.copy_for_translation(english)
    home_en.title = "Neighbourhood mothers"
    home_en.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert '<h1 class="hero__title">Neighbourhood mothers</h1>' in html
    assert '<h2 id="lokale-grupper">Find your local group</h2>' in html
    assert '<h3 class="card__title" lang="nb" dir="ltr">' in html
    assert '<p lang="nb" dir="ltr">Bydelsmødre i Oslo.</p>' in html
    assert "not available in your language" not in html

    # Under /ar/ nothing is translated: the page's title is Norwegian, left to
    # right, inside an Arabic right-to-left page.
    arabic = client.get("/ar/").content.decode()
    assert 'dir="rtl"' in html_tag(client.get("/ar/"))
    assert '<div class="hero__inner" lang="nb" dir="ltr">' in arabic
    assert '<p lang="ar" dir="rtl"><a class="button" href="#lokale-grupper">' in arabic


def test_a_translated_section_still_shows_its_untranslated_children(client, home):
    """Translating Nordre Follo alone must not hide its association and news in English."""
    english = Locale.objects.get(language_code="en")
    section = MunicipalityPageFactory(parent=home, slug="nordre-follo", title="Nordre Follo")
    AssociationPageFactory(parent=section, slug="forening", title="Bydelsmødre Nordre Follo")
    index = NewsIndexPageFactory(parent=section, slug="nyheter")
    NewsPageFactory(parent=index, slug="samling", title="Første samling")
    home.copy_for_translation(english).save_revision().publish()
    section_en = section.copy_for_translation(english)
    section_en.title = "Nordre Follo (English)"
    section_en.save_revision().publish()

    html = client.get("/en/nordre-follo/").content.decode()
    assert "Nordre Follo (English)" in html
    assert 'href="/nordre-follo/forening/"' in html  # Norwegian, marked as such
    assert 'lang="nb" dir="ltr"><a href="/nordre-follo/forening/">' in html
    assert "Første samling" in html
    assert 'href="/nordre-follo/nyheter/"' in html
    # The English front page lists the section by its English title.
    assert "Nordre Follo (English)" in client.get("/en/").content.decode()


@pytest.mark.parametrize(("code", "separator"), [("ar", "، "), ("fa", "، "), ("nb", ", ")])
def test_a_date_and_its_time_are_separated_as_the_language_writes_it(code, separator):
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    start = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC)
    occurrence = SimpleNamespace(
        start=start, end=start + datetime.timedelta(hours=2), spans_days=False
    )
    with translation.override(code):
        html = render_to_string("includes/occurrence_when.html", {"occurrence": occurrence})
    assert f'{separator}<span class="nowrap" dir="ltr">' in html
