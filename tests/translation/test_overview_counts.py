"""The translation overview's counts per language, its pages and its cost.

Above the table, each language's cells are counted by status over every row
the filters select (not only the page shown); the table is paged; and the
number of queries does not grow with the number of originals.
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cms.core.groups import NATIONAL_EDITORS
from cms.translation import status as overview_view
from tests.factories import EventFactory
from tests.helpers.sections import editors

pytestmark = pytest.mark.django_db

URL = "/admin/oversettelser/"
EVENTS = {"kind": "events"}
#: Queries of one request for a national editor, the admin's menu and session included.
QUERY_BUDGET = 25


def counts(response):
    """{language: {status: number}} as the counts above the table show them."""
    html = response.content.decode()
    start = html.index('id="translation-counts"')
    table = html[start : html.index("</table>", start)]
    found = {}
    for row in re.findall(r"<tr data-locale=.*?</tr>", table, re.S):
        language = re.search(r'<th scope="row">([^<]+)</th>', row).group(1)
        cells = re.findall(r'data-count="([a-z]+)">(?:<a [^>]*>)?(\d+)', row)
        found[language] = {status: int(number) for status, number in cells}
    return found


def titles(response):
    """The originals in the table, in order."""
    html = response.content.decode()
    start = html.index('id="translation-status"')
    table = html[start : html.index("</table>", start)]
    return re.findall(r'<th scope="row" class="title">\s*([^<\n]+?)\s*<br>', table)


def name(code):
    return Locale.objects.get(language_code=code).get_display_name()


@pytest.fixture
def national(network, member):
    return member("nasjonal", network[NATIONAL_EDITORS])


@pytest.fixture
def one_of_each(translate, nordre_follo):
    """Four events: translated, out of date, draft and not translated into English."""
    translate(EventFactory(section=nordre_follo, title="Oversatt"), "en")
    behind = EventFactory(section=nordre_follo, title="Utdatert")
    translate(behind, "en")
    behind.save_revision().publish()  # a new Norwegian text after the translation
    draft = EventFactory(section=nordre_follo, title="Utkast")
    translate(draft, "en").get_target_instance().unpublish()
    EventFactory(section=nordre_follo, title="Ikke oversatt")


def test_each_language_counts_its_cells_by_status(client, national, one_of_each):
    client.force_login(national)

    found = counts(client.get(URL, EVENTS))

    assert found[name("en")] == {"translated": 1, "outdated": 1, "draft": 1, "missing": 1}
    assert found[name("so")] == {"translated": 0, "outdated": 0, "draft": 0, "missing": 4}
    assert len(found) == Locale.objects.count() - 1  # every language but Norwegian


def test_the_counts_follow_the_filters(client, national, one_of_each):
    client.force_login(national)
    english = Locale.objects.get(language_code="en")

    outdated = client.get(URL, {**EVENTS, "status": "outdated"})
    in_english = client.get(URL, {**EVENTS, "locale": english.pk})

    assert titles(outdated) == ["Utdatert"]
    assert counts(outdated)[name("en")] == {
        "translated": 0,
        "outdated": 1,
        "draft": 0,
        "missing": 0,
    }
    assert list(counts(in_english)) == [name("en")]


def test_a_count_links_to_its_rows(client, national, one_of_each):
    client.force_login(national)
    english = Locale.objects.get(language_code="en")
    html = client.get(URL, EVENTS).content.decode()

    link = f"?kind=events&amp;locale={english.pk}&amp;status=draft"
    assert link in html
    assert titles(client.get(URL, {**EVENTS, "locale": english.pk, "status": "draft"})) == [
        "Utkast"
    ]


def test_the_counts_cover_every_page_not_only_the_one_shown(
    client, national, one_of_each, monkeypatch
):
    monkeypatch.setattr(overview_view, "ROWS_PER_PAGE", 2)
    client.force_login(national)

    first = client.get(URL, EVENTS)

    assert len(titles(first)) == 2
    assert sum(counts(first)[name("en")].values()) == 4


@pytest.fixture
def five_events(nordre_follo):
    return [EventFactory(section=nordre_follo, title=f"Arrangement {n}") for n in range(1, 6)]


def test_page_two_shows_the_next_rows(client, national, five_events, monkeypatch):
    monkeypatch.setattr(overview_view, "ROWS_PER_PAGE", 2)
    client.force_login(national)

    first = client.get(URL, EVENTS)
    second = client.get(URL, {**EVENTS, "p": 2})
    last = client.get(URL, {**EVENTS, "p": 3})

    assert titles(first) == ["Arrangement 1", "Arrangement 2"]
    assert titles(second) == ["Arrangement 3", "Arrangement 4"]
    assert titles(last) == ["Arrangement 5"]
    assert "p=3" in second.content.decode()  # the link to the next page


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("99", ["Arrangement 5"]),  # past the end: the last page
        ("0", ["Arrangement 5"]),
        ("-1", ["Arrangement 5"]),
        ("abc", ["Arrangement 1", "Arrangement 2"]),  # not a number: the first page
        ("1.5", ["Arrangement 1", "Arrangement 2"]),
        ("", ["Arrangement 1", "Arrangement 2"]),
    ],
)
def test_an_odd_page_number_gives_a_page_not_an_error(
    client, national, five_events, monkeypatch, page, shown
):
    monkeypatch.setattr(overview_view, "ROWS_PER_PAGE", 2)
    client.force_login(national)

    response = client.get(URL, {**EVENTS, "p": page})

    assert response.status_code == 200
    assert titles(response) == shown


def make_events(translate, section, start, stop):
    """Events ``start`` to ``stop``: every third in English, every fifth in Somali."""
    for number in range(start, stop):
        event = EventFactory(section=section, title=f"Arrangement {number:03d}")
        if number % 3 == 0:
            translate(event, "en")
        if number % 5 == 0:
            translate(event, "so")


@pytest.mark.parametrize(
    "params",
    [EVENTS, {**EVENTS, "status": "outdated"}, {**EVENTS, "status": "missing"}, {"kind": "pages"}],
)
def test_the_query_count_is_the_same_for_3_and_30_events(
    client, national, nordre_follo, translate, django_assert_max_num_queries, params
):
    client.force_login(national)
    make_events(translate, nordre_follo, 0, 3)
    client.get(URL, params)  # the first request also reads what is kept per process
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        assert client.get(URL, params).status_code == 200
    make_events(translate, nordre_follo, 3, 30)
    with django_assert_max_num_queries(QUERY_BUDGET) as many:
        assert client.get(URL, params).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_counting_with_somali_translator_rights(client, somali_translator, one_of_each):
    client.force_login(somali_translator)

    response = client.get(URL, EVENTS)

    assert response.status_code == 200
    assert counts(response) == {
        name("so"): {"translated": 0, "outdated": 0, "draft": 0, "missing": 4}
    }


def test_counting_without_translator_rights(client, member, nordre_follo, network, one_of_each):
    client.force_login(member("kari", editors(nordre_follo)))
    sources, translations = TranslationSource.objects.count(), Translation.objects.count()

    response = client.get(URL, EVENTS)

    assert response.status_code in (302, 403)
    assert 'id="translation-counts"' not in response.content.decode()
    assert (TranslationSource.objects.count(), Translation.objects.count()) == (
        sources,
        translations,
    )


def test_a_translator_counts_no_other_sections_drafts(
    client, somali_translator, national, nordre_follo
):
    EventFactory(section=nordre_follo, title="Publisert")
    EventFactory(section=nordre_follo, title="Ikke publisert", live=False)

    client.force_login(somali_translator)
    as_translator = client.get(URL, EVENTS)
    client.force_login(national)
    as_national = client.get(URL, EVENTS)

    assert titles(as_translator) == ["Publisert"]
    assert counts(as_translator)[name("so")]["missing"] == 1
    assert titles(as_national) == ["Ikke publisert", "Publisert"]
    assert counts(as_national)[name("so")]["missing"] == 2


def test_the_dashboard_counts_what_waits_in_english(client, national, one_of_each):
    client.force_login(national)

    html = client.get("/admin/").content.decode()

    # Out of date: the English "Utdatert"; not translated: one event in
    # English and all four in each of the seven other languages.
    status = reverse("cms_translation_status")
    assert f'href="{status}?kind=events&amp;status=outdated">1</a>' in html
    assert f'href="{status}?kind=events&amp;status=missing">29</a>' in html
