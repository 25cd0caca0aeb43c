"""Local variants of national modules (``LocalModuleVariant``): a section's own notes.

A section's editors list, add and edit the variants of their own section only,
and cannot move one into another section; volunteers cannot edit them. A
volunteer reads her own section's notes on the module's page and its print
view, never another section's.
"""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.curriculum.models import LocalModuleVariant
from tests.helpers.sections import text
from tests.helpers.training import refused, route, snippet_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def variants(modules, nordre_follo, indre_ostfold):
    return {
        "nf": LocalModuleVariant.objects.create(
            module=modules[0],
            section=nordre_follo,
            notes="<p>Vi møtes på Kolbotn bibliotek.</p>",
        ),
        "io": LocalModuleVariant.objects.create(
            module=modules[0],
            section=indre_ostfold,
            notes="<p>Vi møtes på Askim frivilligsentral.</p>",
        ),
    }


def variant_form(module, section, notes="<p>Lokalt.</p>"):
    return nested_form_data(
        {
            "module": module.pk,
            "section": section.pk,
            "notes": rich_text(notes),
            "materials": inline_formset([]),
        }
    )


def test_section_editor_lists_and_edits_only_her_sections_variants(
    client, variants, nf_editor, modules, nordre_follo
):
    client.force_login(nf_editor)
    response = client.get(snippet_url("localmodulevariant", "list"))
    assert response.status_code == 200
    html = text(response)
    assert snippet_url("localmodulevariant", "edit", variants["nf"].pk) in html
    assert snippet_url("localmodulevariant", "edit", variants["io"].pk) not in html

    assert (
        client.get(snippet_url("localmodulevariant", "edit", variants["nf"].pk)).status_code == 200
    )
    response = client.post(
        snippet_url("localmodulevariant", "edit", variants["nf"].pk),
        variant_form(modules[0], nordre_follo, "<p>Vi møtes på Ski bibliotek.</p>"),
    )
    assert response.status_code == 302
    variants["nf"].refresh_from_db()
    assert "Ski bibliotek" in variants["nf"].notes


def test_section_editor_cannot_reach_another_sections_variant(
    client, variants, nf_editor, modules, nordre_follo, indre_ostfold
):
    client.force_login(nf_editor)
    other = variants["io"]
    for view in ("edit", "delete", "history", "usage", "copy"):
        assert client.get(snippet_url("localmodulevariant", view, other.pk)).status_code == 404
    response = client.post(
        snippet_url("localmodulevariant", "edit", other.pk),
        variant_form(modules[0], indre_ostfold, "<p>Overskrevet.</p>"),
    )
    assert response.status_code == 404
    assert client.post(snippet_url("localmodulevariant", "delete", other.pk)).status_code == 404
    other.refresh_from_db()
    assert "Askim" in other.notes

    # Nor can she move her own variant into the other section.
    response = client.post(
        snippet_url("localmodulevariant", "edit", variants["nf"].pk),
        variant_form(modules[0], indre_ostfold, "<p>Flyttet.</p>"),
    )
    assert response.status_code != 302
    assert "section" in response.context["form"].errors
    variants["nf"].refresh_from_db()
    assert variants["nf"].section_id == nordre_follo.pk
    assert "Kolbotn" in variants["nf"].notes


def test_section_editor_adds_variants_only_for_her_section(
    client, modules, nf_editor, nordre_follo, indre_ostfold
):
    client.force_login(nf_editor)
    assert client.get(snippet_url("localmodulevariant", "add")).status_code == 200
    response = client.post(
        snippet_url("localmodulevariant", "add"), variant_form(modules[1], indre_ostfold)
    )
    assert response.status_code != 302
    assert "section" in response.context["form"].errors
    assert not LocalModuleVariant.objects.exists()

    response = client.post(
        snippet_url("localmodulevariant", "add"), variant_form(modules[1], nordre_follo)
    )
    assert response.status_code == 302
    variant = LocalModuleVariant.objects.get()
    assert variant.section_id == nordre_follo.pk
    assert variant.module == modules[1]


def test_volunteers_cannot_edit_local_variants(client, variants, modules, amina, outsider):
    for who in (amina.user, outsider):
        client.force_login(who)
        refused(client.get(snippet_url("localmodulevariant", "list")))
        refused(client.get(snippet_url("localmodulevariant", "edit", variants["nf"].pk)))
        refused(
            client.post(
                snippet_url("localmodulevariant", "edit", variants["nf"].pk),
                variant_form(modules[0], variants["nf"].section, "<p>Overskrevet.</p>"),
            )
        )
    variants["nf"].refresh_from_db()
    assert "Kolbotn" in variants["nf"].notes


def test_volunteer_sees_her_own_sections_local_notes(client, area, variants, modules, amina, hawa):
    client.force_login(amina.user)
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert "Kolbotn bibliotek" in html
    assert "Askim frivilligsentral" not in html
    html = text(client.get(route(area, "module_print", modules[0].pk)))
    assert "Kolbotn bibliotek" in html
    assert "Askim frivilligsentral" not in html
    # Not on another module.
    assert "Kolbotn bibliotek" not in text(client.get(route(area, "module", modules[1].pk)))

    client.force_login(hawa.user)
    html = text(client.get(route(area, "module", modules[0].pk)))
    assert "Askim frivilligsentral" in html
    assert "Kolbotn bibliotek" not in html
