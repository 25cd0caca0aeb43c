"""The translation overview: Norwegian originals by language, for translators only."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from cms.core.groups import NATIONAL_EDITORS
from cms.sections.roles import translator_group_name
from cms.translation.trees import sync_translation_trees
from tests.factories import CurriculumModuleFactory, EventFactory, StandardPageFactory
from tests.helpers.sections import editors

pytestmark = pytest.mark.django_db

URL = "/admin/oversettelser/"


def locale(code):
    return Locale.objects.get(language_code=code)


def overview(response):
    html = response.content.decode()
    start = html.index('id="translation-status"')
    return html[start : html.index("</table>", start)]


def statuses(response, title):
    """{language column: status} of the row whose original is ``title``."""
    html = overview(response)
    heads = re.findall(r'<th scope="col">([^<]+)</th>', html)[1:]
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        if f">{title}<" in row or f">{title}\n" in row:
            cells = re.findall(r'data-status="([a-z]+)"', row)
            return dict(zip(heads, cells, strict=True))
    raise AssertionError(f"no row for {title}")


def cell_links(response, title):
    html = overview(response)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if f">{title}<" in r)
    return re.findall(r'<a href="([^"]+)"', row)


@pytest.fixture
def national(network, member):
    return member("nasjonal", network[NATIONAL_EDITORS])


@pytest.fixture
def somali_translator(network, member):
    group = Group.objects.get(name=translator_group_name(locale("so")))
    return member("hodan", group)


@pytest.fixture
def page(nordre_follo):
    return StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss")


def test_a_changed_norwegian_source_marks_its_translations_out_of_date(
    client, translate, national, page
):
    target = translate(page, "en")
    client.force_login(national)
    english = locale("en").get_display_name()
    assert statuses(client.get(URL), "Om oss")[english] == "translated"

    page.title = "Om oss"  # the same title, a new text below it
    page.intro = "Ny tekst på norsk."
    page.save_revision().publish()

    response = client.get(URL)
    assert statuses(response, "Om oss")[english] == "outdated"
    update = reverse("wagtail_localize:update_translations", args=[target.source.pk])
    assert update in cell_links(response, "Om oss")

    # The one action: wagtail-localize's update takes the new Norwegian text.
    client.post(update, {"publish_translations": "on"})
    assert statuses(client.get(URL), "Om oss")[english] == "translated"


def test_a_copied_translation_falls_behind_when_the_source_is_published(client, national, page):
    english = locale("en")
    copy = page.copy_for_translation(english, copy_parents=True)
    copy.save_revision().publish()
    client.force_login(national)
    assert statuses(client.get(URL), "Om oss")[english.get_display_name()] == "translated"

    page.save_revision().publish()

    assert statuses(client.get(URL), "Om oss")[english.get_display_name()] == "outdated"


def test_fallbacks_drafts_and_missing_translations(client, translate, national, page):
    sync_translation_trees()  # an alias in every language: not a translation
    draft = translate(page, "ar")
    arabic_page = page.get_translation(locale("ar"))
    arabic_page.unpublish()
    client.force_login(national)

    row = statuses(client.get(URL), "Om oss")

    assert row[locale("ar").get_display_name()] == "draft"
    assert row[locale("so").get_display_name()] == "missing"
    assert len(row) == len(Locale.objects.all()) - 1  # every language but Norwegian
    submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert submit in cell_links(client.get(URL), "Om oss")
    assert draft.pk


def test_a_translator_sees_her_own_language_only(client, somali_translator, page):
    client.force_login(somali_translator)

    response = client.get(URL)

    assert response.status_code == 200
    assert statuses(response, "Om oss") == {locale("so").get_display_name(): "missing"}


def test_a_section_editor_who_does_not_translate_is_refused(client, member, nordre_follo, network):
    editor = member("kari", editors(nordre_follo))
    client.force_login(editor)

    response = client.get(URL)

    assert response.status_code in (302, 403)
    assert "Om oss" not in response.content.decode()
    assert URL not in client.get("/admin/", follow=True).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, page):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_translators_find_it_in_the_reports_menu(client, somali_translator):
    client.force_login(somali_translator)
    html = client.get("/admin/").content.decode()
    assert URL in html


def test_filters_by_section_kind_language_and_status(
    translate, client, national, page, indre_ostfold, nordre_follo
):
    StandardPageFactory(parent=indre_ostfold, title="Askim", slug="askim")
    translate(page, "en")
    EventFactory(section=nordre_follo, title="Temakveld i Ski")
    EventFactory(section=indre_ostfold, title="Kurs i Askim")
    CurriculumModuleFactory(title="Velkommen")
    client.force_login(national)

    by_section = client.get(URL, {"section": nordre_follo.pk}).content.decode()
    assert "Om oss" in by_section
    assert "Askim" not in by_section

    english = locale("en")
    one_language = client.get(URL, {"locale": english.pk})
    assert statuses(one_language, "Om oss") == {english.get_display_name(): "translated"}

    translated = client.get(URL, {"status": "translated"}).content.decode()
    assert "Om oss" in translated
    assert ">Askim<" not in translated

    events = client.get(URL, {"kind": "events", "section": indre_ostfold.pk}).content.decode()
    assert "Kurs i Askim" in events
    assert "Temakveld i Ski" not in events
    assert "Velkommen" in client.get(URL, {"kind": "modules"}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "noe-annet"},
        {"section": "abc"},
        {"section": "999999"},
        {"locale": "999999"},
        {"status": "'; DROP TABLE x; --"},
        {"p": "abc"},
        {"section": "x" * 1_000},
    ],
)
def test_odd_filters_give_the_overview_not_an_error(client, national, page, params):
    client.force_login(national)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Om oss" in response.content.decode()


@pytest.mark.parametrize("params", [{"p": "9" * 40}, {"section": "x" * 10_000}])
def test_what_no_database_takes_is_refused_with_a_message(client, national, page, params):
    client.force_login(national)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()


def test_the_query_count_does_not_grow_with_the_rows(
    translate, client, national, nordre_follo, django_assert_max_num_queries
):
    client.force_login(national)
    for number in range(3):
        translate(StandardPageFactory(parent=nordre_follo, title=f"Side {number}"), "en")
    with django_assert_max_num_queries(25) as few:
        client.get(URL)
    for number in range(3, 20):
        translate(StandardPageFactory(parent=nordre_follo, title=f"Side {number}"), "en")
    with django_assert_max_num_queries(25) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_dashboard_counts_what_waits_in_the_translators_languages(
    client, translate, somali_translator, page
):
    translate(page, "so")
    page.save_revision().publish()  # the Somali translation falls behind
    client.force_login(somali_translator)

    html = client.get("/admin/").content.decode()

    assert f'href="{URL}?kind=pages&amp;status=outdated">1</a>' in html
    # Every other Norwegian page (the front page, the sections) is not in Somali.
    assert f"{URL}?kind=pages&amp;status=missing" in html


def test_the_dashboard_panel_is_for_translators_only(client, member, nordre_follo, network):
    client.force_login(member("kari", editors(nordre_follo)))
    assert URL not in client.get("/admin/").content.decode()
