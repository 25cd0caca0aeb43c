"""The volunteer's own area: the training programme and its modules' pages.

The programme lists the live modules by theme, for the seventeen or the ten
evenings; a module's page shows its material, prints, and falls back to
Norwegian where it has no English translation. Drafts, translations and unknown
ids are 404, and the area is closed to anyone who is not a volunteer.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from cms.curriculum.models import Theme
from cms.privacy import restrictions
from tests.factories import CurriculumModuleFactory
from tests.helpers.sections import text
from tests.helpers.training import route, translate_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def translate_area(home, area, locales):
    """Translate the home page and the area into English; the area's English translation."""

    def make():
        home_en = home.copy_for_translation(locales["en"])
        home_en.save_revision().publish()
        area_en = area.copy_for_translation(locales["en"])
        area_en.save_revision().publish()
        restrictions.sync_private_area()
        area_en.refresh_from_db()
        return area_en

    return make


def test_programme_lists_live_modules_in_order_grouped_by_theme(client, area, modules, amina):
    draft = CurriculumModuleFactory(title="Utkast som ikke er publisert", order=5, live=False)
    # A second module of the first theme, late in the programme: shown with its theme.
    late = CurriculumModuleFactory(title="Rollen i praksis", theme=Theme.ROLE, order=6)
    client.force_login(amina.user)
    response = client.get(route(area, "programme"))
    assert response.status_code == 200
    html = text(response)
    assert draft.title not in html
    grouped = [
        [item["source"].pk for item in group["modules"]] for group in response.context["themes"]
    ]
    assert grouped == [[modules[0].pk, late.pk], [modules[1].pk], [modules[2].pk], [modules[3].pk]]
    positions = [html.index(title) for title in (modules[0].title, late.title, modules[1].title)]
    assert positions == sorted(positions)
    positions = [html.index(module.title) for module in modules[1:]]
    assert positions == sorted(positions)
    for module in modules:
        assert route(area, "module", module.pk) in html


def test_programme_of_ten_evenings_and_bad_parameters(client, area, modules, amina):
    client.force_login(amina.user)
    html = text(client.get(route(area, "programme") + "?program=10"))
    for module in modules[:3]:
        assert module.title in html
    assert modules[3].title not in html

    for garbage in ("garbage", "", "17x", "9" * 50):
        response = client.get(route(area, "programme"), {"program": garbage})
        assert response.status_code == 200
        assert modules[3].title in text(response)


def test_programme_follows_the_volunteers_own_programme(client, area, modules, amina):
    amina.programme = "10"
    amina.save()
    client.force_login(amina.user)
    html = text(client.get(route(area, "programme")))
    assert modules[0].title in html
    assert modules[3].title not in html
    assert modules[3].title in text(client.get(route(area, "programme"), {"program": "17"}))


def test_module_page_shows_module_and_its_material(client, area, modules, amina, training_document):
    client.force_login(amina.user)
    response = client.get(route(area, "module", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert modules[0].title in html
    assert f"/documents/{training_document.pk}/{training_document.filename}" in html
    assert training_document.title in html
    assert "notice--language" not in html
    assert route(area, "module_print", modules[0].pk) in html
    # The material belongs to the first module only.
    other = text(client.get(route(area, "module", modules[1].pk)))
    assert f"/documents/{training_document.pk}/" not in other


def test_module_pages_that_do_not_exist_are_404(client, area, modules, amina, locales):
    draft = CurriculumModuleFactory(title="Utkast", order=7, live=False)
    english = translate_module(
        modules[0], locales["en"], "Welcome: what is a neighbourhood mother?"
    )
    client.force_login(amina.user)
    for module_id in (99999999, draft.pk, english.pk):
        assert client.get(route(area, "module", module_id)).status_code == 404
        assert client.get(route(area, "module_print", module_id)).status_code == 404
    for path in ("opplaering/abc/", "opplaering/-1/", f"opplaering/{10**30}/"):
        assert client.get(area.url + path).status_code == 404


def test_module_print_view(client, area, modules, amina, training_document):
    client.force_login(amina.user)
    response = client.get(route(area, "module_print", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert re.search(r'<html lang="nb"', html)
    assert modules[0].title in html
    assert training_document.title in html


def test_module_in_english_and_norwegian_fallback(
    client, area, modules, amina, locales, translate_area
):
    area_en = translate_area()
    assert area_en.url.startswith("/en/")
    english = translate_module(
        modules[0], locales["en"], "Welcome: what is a neighbourhood mother?"
    )
    client.force_login(amina.user)

    response = client.get(route(area_en, "module", modules[0].pk))
    assert response.status_code == 200
    html = text(response)
    assert english.title in html
    assert modules[0].title not in html
    assert "notice--language" not in html

    response = client.get(route(area_en, "module", modules[1].pk))
    assert response.status_code == 200
    html = text(response)
    assert modules[1].title in html
    assert "notice--language" in html

    response = client.get(route(area_en, "module_print", modules[0].pk))
    assert response.status_code == 200
    assert '<html lang="en"' in text(response)
    assert english.title in text(response)

    html = text(client.get(route(area_en, "programme")))
    assert english.title in html
    assert modules[1].title in html

    # The translation is as private as the area.
    response = Client().get(route(area_en, "module", modules[0].pk))
    assert response.status_code == 302
    assert english.title not in text(response)

    # The Norwegian area stays Norwegian.
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert modules[0].title in html
    assert english.title not in html


def test_unpublished_translation_falls_back_to_norwegian(
    client, area, modules, amina, locales, translate_area
):
    area_en = translate_area()
    english = translate_module(modules[0], locales["en"], "Welcome (draft)")
    english.live = False
    english.save()
    client.force_login(amina.user)
    html = text(client.get(route(area_en, "module", modules[0].pk)))
    assert "Welcome (draft)" not in html
    assert modules[0].title in html
    assert "notice--language" in html


def test_the_area_is_private(client, area, modules, outsider):
    response = client.get(route(area, "programme"))
    assert response.status_code == 302
    assert reverse("login") in response.url
    client.force_login(outsider)
    response = client.get(route(area, "module", modules[0].pk))
    assert response.status_code == 403
    assert modules[0].title not in text(response)
