"""Translators translate pages into their own languages, and nobody else's.

``cms/translation/localize.py`` puts wagtail-localize's routes under the
translators' rule: the submit form offers only the user's languages, a
translator edits the translations she made but not the Norwegian page,
syncing needs every target language, and a translation's own routes
(strings, PO files …) need its language. Wagtail's admin answers a refusal
with a redirect to the dashboard (``assert_refused``).

The ``db`` fixture runs each test in a transaction that never commits, so
saving that provisions something runs the on-commit callbacks itself
(``committed``).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.helpers.sections import assert_refused, edit_url, login, text
from tests.helpers.translation import (
    offered,
    put_string,
    stored_strings,
    submit_page_url,
    title_segment,
    translate,
    translation_of,
)

pytestmark = pytest.mark.django_db


# --- Submitting a page: a translator into her own languages -----------------------------


def test_submit_form_offers_a_translator_her_own_languages_only(
    client, somali_translator, nordre_follo, somali
):
    login(client, somali_translator)

    response = client.get(submit_page_url(nordre_follo))

    assert response.status_code == 200
    assert offered(response) == {somali}


def test_submit_form_of_a_page_translated_into_all_her_languages_says_so(
    client, somali_translator, nordre_follo, somali, committed
):
    with committed():
        nordre_follo.copy_for_translation(somali, copy_parents=True)
    login(client, somali_translator)

    response = client.get(submit_page_url(nordre_follo))

    assert offered(response) == set()
    with translation.override(settings.LANGUAGE_CODE):
        message = translation.gettext(
            "This is already translated into every language you translate into."
        )
    assert message in [str(m) for m in response.context["messages"]]


def test_translator_submits_a_page_into_her_language(
    client, somali_translator, nordre_follo, somali, committed
):
    login(client, somali_translator)

    with committed():
        response = client.post(submit_page_url(nordre_follo), {"locales": [somali.pk]})

    assert response.status_code == 302
    assert translation_of(nordre_follo, somali) is not None


def test_translator_cannot_submit_a_page_into_another_language(
    client, somali_translator, nordre_follo, arabic, committed
):
    login(client, somali_translator)

    with committed():
        response = client.post(submit_page_url(nordre_follo), {"locales": [arabic.pk]})

    assert response.status_code == 200
    assert "locales" in response.context["form"].errors
    assert translation_of(nordre_follo, arabic) is None


def test_translator_edits_the_page_she_translated(
    client, somali_translator, nordre_follo, somali, committed
):
    login(client, somali_translator)
    with committed():
        client.post(submit_page_url(nordre_follo), {"locales": [somali.pk]})

    response = client.get(edit_url(translation_of(nordre_follo, somali)))

    assert response.status_code == 200


def test_translator_cannot_edit_the_norwegian_page(client, somali_translator, nordre_follo):
    login(client, somali_translator)

    assert_refused(client.get(edit_url(nordre_follo)))


def test_translator_cannot_edit_another_languages_translation(
    client, somali_translator, nordre_follo, english, committed
):
    with committed():
        translate(nordre_follo, english)
    login(client, somali_translator)

    assert_refused(client.get(edit_url(translation_of(nordre_follo, english))))


# --- A translation's strings and PO file: its language only ----------------------------


@pytest.fixture
def both_translations(nordre_follo, somali, english, superuser, committed):
    """Nordre Follo translated into Somali and English, by the superuser."""
    with committed():
        return (
            translate(nordre_follo, somali, user=superuser),
            translate(nordre_follo, english, user=superuser),
        )


def test_translator_edits_a_string_of_her_languages_translation(
    client, somali_translator, both_translations
):
    target, _english = both_translations
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Waqooyiga+Follo")

    assert response.status_code in (200, 201)
    assert stored_strings(target) == {"Waqooyiga Follo"}


def test_translator_cannot_edit_a_string_of_another_languages_translation(
    client, somali_translator, both_translations
):
    _somali, target = both_translations
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Northern+Follo")

    assert_refused(response)
    assert stored_strings(target) == set()


def test_translator_downloads_the_po_file_of_her_languages_translation(
    client, somali_translator, both_translations
):
    target, _english = both_translations
    login(client, somali_translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[target.pk]))

    assert response.status_code == 200
    assert "Nordre Follo" in text(response)


def test_translator_cannot_download_the_po_file_of_another_languages_translation(
    client, somali_translator, both_translations
):
    _somali, target = both_translations
    login(client, somali_translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[target.pk]))

    assert_refused(response)


# --- Syncing: only if the translator translates into every target language --------------


def update_url(target):
    return reverse("wagtail_localize:update_translations", args=[target.source.pk])


def test_translator_syncs_a_page_translated_into_her_languages_only(
    client, somali_translator, nordre_follo, somali, committed
):
    with committed():
        target = translate(nordre_follo, somali)
    login(client, somali_translator)

    response = client.get(update_url(target))

    assert response.status_code == 200


def test_translator_cannot_sync_a_page_also_translated_into_another_language(
    client, somali_translator, nordre_follo, somali, english, committed
):
    with committed():
        translate(nordre_follo, somali)
        target = translate(nordre_follo, english, publish=False)
    english_page = translation_of(nordre_follo, english)
    assert not english_page.live
    login(client, somali_translator)

    shown = client.get(update_url(target))
    posted = client.post(update_url(target), {"publish_translations": "on"})

    assert_refused(shown)
    assert_refused(posted)
    english_page.refresh_from_db()
    assert not english_page.live
