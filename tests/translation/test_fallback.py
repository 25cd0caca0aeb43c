"""Every page in every language: untranslated pages fall back to Norwegian.

Each language's tree follows the Norwegian one (wagtail-localize's tree sync,
``cms/migrations/0009``): an untranslated page has an alias there, so a
Somali reader stays under /so/, with Somali navigation, and reads the
Norwegian text with a notice until the page is translated.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization

from cms.translation.trees import sync_translation_trees
from tests.factories import (
    MunicipalityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

INTRO = "Bydelsmødrene i Nordre Follo møtes hver tirsdag på Kolben."


def switcher(html):
    """The language switcher as {code: (href or None, translated)}; the current one has href ''."""
    listing = html[html.index("language-switcher__list") :]
    listing = listing[: listing.index("</ul>")]
    languages = {}
    for item in re.findall(r"<li>(.*?)</li>", listing, re.S):
        code = re.search(r'lang="([a-z]+)"', item).group(1)
        href = re.search(r'href="([^"]+)"', item)
        if "aria-current" in item:
            languages[code] = ("", True)
        else:
            languages[code] = (href.group(1) if href else None, "<small>" not in item)
    return languages


@pytest.fixture
def nordre_follo(home):
    section = MunicipalityPageFactory(
        parent=home, slug="nordre-follo", title="Nordre Follo", intro=INTRO
    )
    news = NewsIndexPageFactory(parent=section, slug="nyheter", title="Nyheter")
    NewsPageFactory(parent=news, slug="samling", title="Første samling")
    return section


def test_an_english_visitor_to_an_untranslated_section_reads_norwegian_with_a_notice(
    client, translate, home, nordre_follo
):
    translate(home, "en")
    sync_translation_trees()

    response = client.get("/en/nordre-follo/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert INTRO in html
    assert "notice--language" in html
    assert 'lang="nb" dir="ltr"' in html  # the Norwegian text is marked as Norwegian
    languages = switcher(html)
    assert languages["en"] == ("", True)
    assert languages["nb"] == ("/nordre-follo/", True)  # the original, translated
    assert languages["so"] == ("/so/nordre-follo/", False)  # there, but not translated
    assert set(languages) == {code for code, _name in settings.LANGUAGES}


def test_a_norwegian_page_shows_no_notice_and_lists_its_languages(
    client, translate, home, nordre_follo
):
    sync_translation_trees()
    translate(nordre_follo, "ar")

    html = client.get("/nordre-follo/").content.decode()

    assert "notice--language" not in html
    languages = switcher(html)
    assert languages["ar"] == ("/ar/nordre-follo/", True)
    assert languages["pl"] == ("/pl/nordre-follo/", False)


def test_links_on_an_untranslated_page_stay_in_the_readers_language(client, home, nordre_follo):
    sync_translation_trees()

    html = client.get("/so/nordre-follo/").content.decode()

    assert 'href="/so/nordre-follo/nyheter/"' in html
    assert "Første samling" in html
    assert 'href="/so/nordre-follo/nyheter/samling/"' in html
    assert 'href="/nordre-follo/nyheter/' not in html
    assert client.get("/so/nordre-follo/nyheter/samling/").status_code == 200


def test_translating_a_page_replaces_its_fallback(client, translate, home, nordre_follo):
    sync_translation_trees()
    assert "notice--language" in client.get("/ar/nordre-follo/").content.decode()

    translate(nordre_follo, "ar")
    arabic = nordre_follo.get_translation(Locale.objects.get(language_code="ar"))

    assert arabic.alias_of_id is None
    html = client.get("/ar/nordre-follo/").content.decode()
    assert "notice--language" not in html
    assert switcher(html)["ar"] == ("", True)


def test_a_published_norwegian_change_reaches_the_fallbacks_at_once(client, home, nordre_follo):
    sync_translation_trees()
    nordre_follo.intro = "Nå møtes vi på onsdager."
    nordre_follo.save_revision().publish()

    html = client.get("/tr/nordre-follo/").content.decode()

    assert "Nå møtes vi på onsdager." in html
    assert INTRO not in html


def test_a_language_without_the_page_is_named_but_not_linked(client, home, nordre_follo):
    """A language that does not follow Norwegian has no fallback page to link to."""
    LocaleSynchronization.objects.filter(locale__language_code="tr").delete()
    sync_translation_trees()

    html = client.get("/nordre-follo/").content.decode()

    assert switcher(html)["tr"] == (None, False)
    # Under /tr/ the Norwegian tree still answers, with the notice.
    turkish = client.get("/tr/nordre-follo/")
    assert turkish.status_code == 200
    assert "notice--language" in turkish.content.decode()


def test_syncing_twice_changes_nothing(home, nordre_follo):
    sync_translation_trees()
    pages = list(Page.objects.values_list("pk", flat=True))
    sync_translation_trees()
    assert list(Page.objects.values_list("pk", flat=True)) == pages
    # Every other language has the front page and its three pages as aliases.
    assert nordre_follo.get_translations().count() == len(settings.LANGUAGES) - 1


# --- Moving, deleting and unpublishing keep the languages' trees in step ---------------


@pytest.fixture
def moved(home, nordre_follo):
    other = MunicipalityPageFactory(parent=home, slug="indre-ostfold", title="Indre Østfold")
    page = StandardPageFactory(parent=nordre_follo, slug="om-oss", title="Om oss")
    sync_translation_trees()
    return page, other


def test_moving_a_page_moves_its_copies_in_every_language(admin_client, translate, moved):
    page, other = moved
    translate(page, "en")

    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk])
    )

    assert response.status_code == 302
    for code in ("en", "so", "ar"):
        copy = page.get_translation(Locale.objects.get(language_code=code))
        assert copy.get_parent().get_translation(Locale.get_default()).pk == other.pk, code
    assert admin_client.get("/so/indre-ostfold/om-oss/").status_code == 200
    # Wagtail's redirects keep the old address working.
    old = admin_client.get("/so/nordre-follo/om-oss/")
    assert old.status_code == 301
    assert old["Location"] == "/so/indre-ostfold/om-oss/"


def test_deleting_a_page_deletes_its_copies(admin_client, moved):
    page, _other = moved
    key = page.translation_key

    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert not Page.objects.filter(translation_key=key).exists()
    assert admin_client.get("/so/nordre-follo/om-oss/").status_code == 404


def test_unpublishing_a_page_unpublishes_its_translations(admin_client, translate, moved):
    page, _other = moved
    translate(page, "en")
    english = page.get_translation(Locale.objects.get(language_code="en"))

    admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    english.refresh_from_db()
    somali = page.get_translation(Locale.objects.get(language_code="so"))
    assert not english.live
    assert not somali.live  # the alias follows its original
    assert admin_client.get("/en/nordre-follo/om-oss/").status_code == 404
