"""The demo in its readers' languages: translated through wagtail-localize, marked as demo work.

The demo is loaded once for the module (tests/helpers/demo.py).
"""

import re

import pytest
from django.http import HttpRequest
from django.utils.html import escape
from wagtail.log_actions import registry as log_actions
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.curriculum.models import CurriculumModule
from cms.demo.data import read
from cms.demo.translations import catalog, pages, snippets
from cms.events.models import Event
from cms.translation.marks import DEMO_LOG_ACTION, DEMO_TOOL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo"),
    # One worker for the module: the demo is loaded once.
    pytest.mark.xdist_group("demo-translations"),
]

LANGUAGES = read("translations")["languages"]
NOTICE = "notice--language"


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def translated(code, text):
    """``text`` (Norwegian) as the demo's catalog for ``code`` translates it, escaped."""
    return escape(catalog(code)[text])


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/nordre-follo/", "/indre-ostfold/"])
def test_front_page_and_sections_are_translated_without_the_notice(client, code, path):
    home = Site.objects.get(is_default_site=True).root_page
    norwegian = Page.objects.get(url_path=home.url_path + path.lstrip("/")).specific
    html = html_of(client, f"/{code}{path}")
    assert NOTICE not in html
    assert translated(code, norwegian.intro) in html
    assert escape(norwegian.intro) not in html
    assert re.search(rf'<html lang="{code}" dir="(rtl|ltr)"', html)


@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_not_translated_still_show_the_notice(client, code):
    for path in ("/aktuelt/", "/oslo/"):
        html = html_of(client, f"/{code}{path}")
        assert NOTICE in html, path


def test_the_translations_are_wagtail_localize_translations_marked_as_demo_work():
    objects = pages() + snippets()
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        for original in objects:
            source = TranslationSource.objects.get_for_instance(original)
            assert Translation.objects.filter(source=source, target_locale=locale).exists()
            copy = original.get_translation(locale)
            assert copy.live, (code, original)
            assert getattr(copy, "alias_of_id", None) is None
            history = log_actions.get_logs_for_instance(copy)
            assert history.filter(action=DEMO_LOG_ACTION).exists(), (code, original)
        strings = StringTranslation.objects.filter(locale=locale)
        assert strings.exists()
        assert not strings.exclude(tool_name=DEMO_TOOL).exists()


def test_the_translation_editor_says_a_string_is_demo_work(client):
    client.login(request=HttpRequest(), username="admin", password="bydelsmor-demo")
    arabic_home = Site.objects.get(is_default_site=True).root_page.get_translation(
        Locale.objects.get(language_code="ar")
    )
    html = html_of(client, f"/admin/pages/{arabic_home.pk}/edit/")
    # Each string's comment, in the editor's data: "Translated with <DEMO_TOOL> on <date>".
    assert f"Translated with {DEMO_TOOL.split(' / ')[0][:16]}" in html
    assert DEMO_TOOL.split(" / ")[1] in html


def test_events_and_modules_are_translated_others_are_not():
    arabic = Locale.objects.get(language_code="ar")
    translated_events = {event.pk for event in snippets() if isinstance(event, Event)}
    assert len(translated_events) == 3
    for event in Event.objects.filter(locale=Locale.get_default()):
        exists = Event.objects.filter(translation_key=event.translation_key, locale=arabic)
        assert exists.exists() == (event.pk in translated_events), event.title
    assert CurriculumModule.objects.filter(locale=arabic, live=True).count() == 2


def results(html):
    """The links of a search's page results."""
    found = re.search(r'<ol class="search-results">(.*?)</ol>', html, re.S)
    return re.findall(r'href="([^"]+)"', found.group(1)) if found else []


def test_an_arabic_and_a_somali_word_are_found_on_their_own_page(client):
    for code, path in (("ar", "/"), ("so", "/nordre-follo/")):
        home = Site.objects.get(is_default_site=True).root_page
        norwegian = Page.objects.get(url_path=home.url_path + path.lstrip("/")).specific
        words = [
            word for word in re.findall(r"\w+", catalog(code)[norwegian.intro]) if len(word) > 5
        ]
        copy = norwegian.get_translation(Locale.objects.get(language_code=code))
        assert copy.url in results(html_of(client, f"/{code}/sok/?q={words[0]}")), words[0]
        # The Norwegian search searches the Norwegian pages: the word is not there.
        assert results(html_of(client, f"/sok/?q={words[0]}")) == []


def test_a_volunteer_reads_a_translated_module_without_the_notice(client):
    client.login(request=HttpRequest(), username="frivillig-nordrefollo", password="bydelsmor-demo")
    arabic = Locale.objects.get(language_code="ar")
    translated_module = next(s for s in snippets() if isinstance(s, CurriculumModule))
    other = CurriculumModule.objects.filter(locale=Locale.get_default(), live=True).exclude(
        translation_key__in=[s.translation_key for s in snippets()]
    )[0]
    programme = html_of(client, "/ar/frivillig/opplaering/")
    link = re.search(rf'href="(/ar/frivillig/[^"]*/{translated_module.pk}/)"', programme)
    assert link, "the programme links to the module"
    html = html_of(client, link.group(1))
    assert escape(translated_module.get_translation(arabic).title) in html
    assert NOTICE not in html
    other_html = html_of(
        client, link.group(1).replace(f"/{translated_module.pk}/", f"/{other.pk}/")
    )
    assert NOTICE in other_html


def test_the_translation_status_shows_which_translations_nobody_has_reviewed(client):
    client.login(request=HttpRequest(), username="admin", password="bydelsmor-demo")
    mark = "Demooversettelse, ikke gjennomgått av noen med språket som morsmål"
    translated = len(pages()) * len(LANGUAGES)
    assert html_of(client, "/admin/oversettelser/?kind=pages").count(mark) == translated

    # A Somali translator goes through the front page's strings: they are hers now.
    front_page = pages()[0]
    StringTranslation.objects.filter(
        locale__language_code="so", context__object_id=front_page.translation_key
    ).update(tool_name="")
    assert html_of(client, "/admin/oversettelser/?kind=pages").count(mark) == translated - 1
