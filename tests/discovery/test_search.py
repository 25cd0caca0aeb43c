"""Site search at /sok/: pages and events the reader may see, in her language, marked."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.events.models import Audience
from cms.translation.trees import sync_translation_trees
from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

UNIQUE = "Kvitveisprosjektet"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Norwegian stemming is PostgreSQL's"
)


def text(response):
    return response.content.decode()


def result_titles(response):
    return re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", text(response))


def plain(title):
    return re.sub(r"</?mark>", "", title)


def login(client, user):
    client.force_login(user)
    return client


def search(client, query, prefix="", **params):
    return client.get(f"{prefix}/sok/", {"q": query, **params})


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home, slug="arrangementer", title="Arrangementer")


def soon(days=3):
    return timezone.now() + datetime.timedelta(days=days)


# --- Pages ---------------------------------------------------------------------------


def test_a_public_page_is_found_with_the_words_marked(client, nordre_follo):
    StandardPageFactory(
        parent=nordre_follo, title=f"{UNIQUE} i Ski", intro=f"Om {UNIQUE}: hagearbeid for alle."
    )

    response = search(client, UNIQUE.lower())

    assert response.status_code == 200
    html = text(response)
    assert f"<mark>{UNIQUE}</mark> i Ski" in html
    assert f"Om <mark>{UNIQUE}</mark>: hagearbeid" in html


def test_a_private_pages_unique_title_is_never_found_by_the_public(
    client, area, volunteer, outsider
):
    StandardPageFactory(parent=area, title=f"{UNIQUE} for frivillige")

    for person in (None, outsider):
        if person is not None:
            login(client, person)
        for prefix in ("", "/en"):
            response = search(client, UNIQUE, prefix)
            assert response.status_code == 200
            assert UNIQUE not in text(response).replace(f'value="{UNIQUE}"', "")

    login(client, volunteer.user)
    assert f"<mark>{UNIQUE}</mark> for frivillige" in text(search(client, UNIQUE))


def test_drafts_and_restricted_pages_are_not_found(client, nordre_follo):
    draft = StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} utkast")
    draft.unpublish()
    locked = StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} med passord")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )

    assert result_titles(search(client, UNIQUE)) == []


def test_the_search_is_in_the_readers_language(client, home, nordre_follo):
    english = Locale.objects.get(language_code="en")
    page = StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} på norsk")
    home.copy_for_translation(english).save_revision().publish()
    nordre_follo.copy_for_translation(english).save_revision().publish()
    translation = page.copy_for_translation(english)
    translation.title = f"{UNIQUE} in English"
    translation.save_revision().publish()

    assert [plain(t) for t in result_titles(search(client, UNIQUE, "/en"))] == [
        f"{UNIQUE} in English"
    ]
    assert [plain(t) for t in result_titles(search(client, UNIQUE))] == [f"{UNIQUE} på norsk"]


def test_an_untranslated_page_is_found_in_every_language(client, nordre_follo):
    StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} på norsk")
    sync_translation_trees()

    response = search(client, UNIQUE, "/so")

    assert [plain(t) for t in result_titles(response)] == [f"{UNIQUE} på norsk"]
    assert 'href="/so/nordre-follo/' in text(response)  # her language's navigation


def test_results_are_paginated(client, nordre_follo):
    for number in range(12):
        StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} {number}", slug=f"side-{number}")

    first = search(client, UNIQUE)
    second = search(client, UNIQUE, side="2")

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert 'rel="next"' in text(first)
    assert 'rel="prev"' in text(second)
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    for page in ("0", "-1", "abc", "9" * 30):
        assert search(client, UNIQUE, side=page).status_code == 200


def test_the_query_count_does_not_grow_with_the_results(
    client, nordre_follo, django_assert_max_num_queries
):
    for number in range(2):
        StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} {number}", slug=f"a-{number}")
    with django_assert_max_num_queries(40) as few:
        search(client, UNIQUE)
    for number in range(8):
        StandardPageFactory(parent=nordre_follo, title=f"{UNIQUE} x{number}", slug=f"b-{number}")
    with django_assert_max_num_queries(40) as many:
        search(client, UNIQUE)
    # One query per shown result at most (its specific fields), nothing more.
    assert len(many.captured_queries) - len(few.captured_queries) <= 8


# --- Events ---------------------------------------------------------------------------


def test_coming_public_events_are_found(client, nordre_follo, calendar):
    event = EventFactory(
        section=nordre_follo, title=f"{UNIQUE}: språkkafé", start=soon(), end=soon(3)
    )
    EventFactory(
        section=nordre_follo,
        title=f"{UNIQUE}: lukket samling",
        audience=Audience.VOLUNTEERS,
        start=soon(),
        end=soon(3),
    )
    EventFactory(
        section=nordre_follo, title=f"{UNIQUE} utkast", live=False, start=soon(), end=soon()
    )
    EventFactory(section=nordre_follo, title=f"{UNIQUE} i fjor", start=soon(-400), end=soon(-400))

    html = text(search(client, UNIQUE))

    assert f"/arrangementer/{event.pk}/" in html
    assert "språkkafé" in html
    assert "lukket samling" not in html
    assert "utkast" not in html
    assert "i fjor" not in html


def test_an_event_of_an_unpublished_section_is_not_found(client, nordre_follo, calendar):
    EventFactory(section=nordre_follo, title=f"{UNIQUE} på Kolben", start=soon(), end=soon(3))
    nordre_follo.unpublish()

    assert "på Kolben" not in text(search(client, UNIQUE))


def test_an_event_is_found_by_its_translated_title_and_shown_translated(
    client, home, nordre_follo, calendar
):
    english = Locale.objects.get(language_code="en")
    event = EventFactory(section=nordre_follo, title="Språkkafé", start=soon(), end=soon(3))
    translation = event.copy_for_translation(english)
    translation.title = f"{UNIQUE} language café"
    translation.save()
    home.copy_for_translation(english).save_revision().publish()
    calendar.copy_for_translation(english).save_revision().publish()

    html = text(search(client, UNIQUE, "/en"))

    assert f"{UNIQUE} language café" in html
    assert f"/en/arrangementer/{event.pk}/" in html


# --- Curriculum ------------------------------------------------------------------------


def test_modules_are_found_by_volunteers_only(client, area, modules, volunteer, outsider):
    module = modules[0]
    module.purpose = f"Om {UNIQUE} og rollen som bydelsmor."
    module.save()

    assert module.title not in text(search(client, UNIQUE))
    login(client, outsider)
    assert module.title not in text(search(client, UNIQUE))
    login(client, volunteer.user)
    html = text(search(client, UNIQUE))
    assert module.title in html
    assert f"/frivillig/opplaering/{module.pk}/" in html


# --- Norwegian stemming (PostgreSQL) ------------------------------------------------------


@on_postgresql
def test_a_plural_finds_the_singular_on_postgresql(client, nordre_follo):
    StandardPageFactory(parent=nordre_follo, title="Kalender", intro="Neste arrangement er i mars.")

    response = search(client, "arrangementer")

    assert [plain(t) for t in result_titles(response)] == ["Kalender"]
    assert "<mark>arrangement</mark>" in text(response)


# --- Odd input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', "%", "' OR 1=1 --", "SELECT * FROM wagtailcore_page;", "NEAR(", "😀", "ÆØÅ"],
)
def test_odd_queries_give_a_normal_page(client, nordre_follo, query):
    response = search(client, query)
    assert response.status_code == 200


def test_a_very_long_query_is_refused_with_a_message(client, nordre_follo):
    response = search(client, "x" * 10_000)
    assert response.status_code == 400
    assert 'id="sok-feil"' in text(response)


def test_an_unknown_language_prefix_is_not_found(client, nordre_follo):
    assert client.get("/xx/sok/", {"q": UNIQUE}).status_code == 404
