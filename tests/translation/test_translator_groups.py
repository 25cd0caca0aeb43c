"""Provisioning makes one translators group per language; the demo's Somali translator uses hers.

A group's ``TranslatorRole`` names the languages its members translate into:
provisioning makes "Oversettere" (every language but Norwegian) and one group
per language ("Oversettere – somali" …), each with the right to submit
translations and to edit and publish in its languages' page trees, granted
again when a language's tree is first made. The demo's Somali translator
submits into Somali only.

The ``db`` fixture runs each test in a transaction that never commits, so
saving that provisions something (a new language's home page) runs the
on-commit callbacks itself (``committed``).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale, Page

from cms.core.groups import TRANSLATORS
from cms.sections import provisioning
from cms.sections.models import TranslatorRole
from tests.helpers.sections import login
from tests.helpers.translation import language_group, offered, submit_page_url, translation_of

pytestmark = pytest.mark.django_db


# --- Provisioning: one group per language --------------------------------------------


def test_language_group_translates_into_its_language_only(network, somali):
    role = TranslatorRole.objects.get(group=language_group(somali))

    assert list(role.locales.all()) == [somali]


def test_translators_group_translates_into_every_language_but_norwegian(network):
    role = TranslatorRole.objects.get(group=network[TRANSLATORS])

    assert set(role.locales.all()) == set(Locale.objects.exclude(pk=Locale.get_default().pk))


def test_new_language_tree_opens_to_its_own_translators(network, home, committed, somali):
    with committed():
        somali_home = home.copy_for_translation(somali)

    assert set(
        GroupPagePermission.objects.filter(
            group=language_group(somali), page=somali_home
        ).values_list("permission__codename", flat=True)
    ) == set(provisioning.TRANSLATOR_PAGE_PERMISSIONS)


def test_new_language_tree_stays_closed_to_other_languages_translators(
    network, home, committed, somali, arabic
):
    with committed():
        somali_home = home.copy_for_translation(somali)

    assert not GroupPagePermission.objects.filter(
        group=language_group(arabic), page=somali_home
    ).exists()


def test_provisioning_again_reports_nothing_new_for_translators(network, home, committed, somali):
    with committed():
        home.copy_for_translation(somali)
    output = io.StringIO()

    call_command("provision_sections", stdout=output)

    assert "everything was already in place" in output.getvalue()
    assert "Oversettere" not in output.getvalue()


# --- The demo's Somali translator -----------------------------------------------------------


def test_demo_somali_translator_submits_into_somali_only(client, committed, somali, arabic):
    call_command("load_demo", quiet=True)
    translator = get_user_model().objects.get(username="oversetter-somali")
    # A section the demo has not translated (Nordre Follo is, into Somali too).
    page = Page.objects.get(slug="oslo", locale=Locale.get_default())
    login(client, translator)

    form = offered(client.get(submit_page_url(page)))
    refused = client.post(submit_page_url(page), {"locales": [arabic.pk]})
    with committed():
        submitted = client.post(submit_page_url(page), {"locales": [somali.pk]})

    assert form == {somali}
    assert refused.status_code == 200
    assert translation_of(page, arabic) is None
    assert submitted.status_code == 302
    assert translation_of(page, somali) is not None
