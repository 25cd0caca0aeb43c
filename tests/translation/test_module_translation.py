"""Translators translate the curriculum's modules into their own languages, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from cms.core.groups import NATIONAL_EDITORS
from cms.curriculum.models import CurriculumModule
from cms.sections.roles import translator_group_name
from tests.factories import CurriculumModuleFactory

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def submit_url(module):
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["cms", "curriculummodule", module.pk],
    )


def edit_url(module):
    return reverse("wagtailsnippets_cms_curriculummodule:edit", args=[module.pk])


def refused(response):
    """Wagtail's admin answers a refusal with a redirect to the dashboard, or a 403/404."""
    return response.status_code in (302, 403, 404) and (
        response.status_code != 302 or "/login/" not in response["Location"]
    )


@pytest.fixture
def somali_translator(network, member):
    group = Group.objects.get(name=translator_group_name(locale("so")))
    return member("hodan", group)


@pytest.fixture
def national(network, member):
    return member("nasjonal", network[NATIONAL_EDITORS])


@pytest.fixture
def module(db):
    return CurriculumModuleFactory(title="Velkommen: hva er en bydelsmor?")


def test_a_translator_translates_a_module_into_her_language(
    client, committed, somali_translator, module
):
    client.force_login(somali_translator)

    form = client.get(submit_url(module))
    assert form.status_code == 200
    assert set(form.context["form"].fields["locales"].queryset) == {locale("so")}
    with committed():
        response = client.post(submit_url(module), {"locales": [locale("so").pk]})
    assert response.status_code == 302

    somali = CurriculumModule.objects.get(
        translation_key=module.translation_key, locale=locale("so")
    )
    assert client.get(edit_url(somali)).status_code == 200


def test_a_translator_cannot_translate_into_another_language(client, somali_translator, module):
    client.force_login(somali_translator)

    client.post(submit_url(module), {"locales": [locale("ar").pk]})

    assert not CurriculumModule.objects.filter(
        translation_key=module.translation_key, locale=locale("ar")
    ).exists()


def test_a_translator_edits_neither_the_original_nor_other_languages(
    client, somali_translator, module
):
    arabic = module.copy_for_translation(locale("ar"))
    arabic.save()
    client.force_login(somali_translator)

    assert refused(client.get(edit_url(module)))
    assert refused(client.get(edit_url(arabic)))
    response = client.post(edit_url(module), {"title": "Overskrevet"})
    assert refused(response)
    module.refresh_from_db()
    assert module.title == "Velkommen: hva er en bydelsmor?"


def test_a_translator_lists_only_her_languages_modules(client, somali_translator, module):
    somali = module.copy_for_translation(locale("so"))
    somali.title = "Soo dhawoow"
    somali.save()
    client.force_login(somali_translator)

    html = client.get(reverse("wagtailsnippets_cms_curriculummodule:list")).content.decode()

    assert "Soo dhawoow" in html
    assert "Velkommen: hva er en bydelsmor?" not in html


def test_national_editors_still_edit_every_module(client, national, module):
    arabic = module.copy_for_translation(locale("ar"))
    arabic.save()
    client.force_login(national)

    assert client.get(edit_url(module)).status_code == 200
    assert client.get(edit_url(arabic)).status_code == 200


def test_a_section_editor_does_not_translate_modules(client, member, nordre_follo, module, network):
    from tests.helpers.sections import editors

    editor = member("kari", editors(nordre_follo))
    client.force_login(editor)

    assert refused(client.get(submit_url(module)))
    assert refused(client.get(edit_url(module)))
