"""Links to scripts are refused, stripped or never rendered.

``javascript:``, ``vbscript:`` and ``data:`` links, also in odd case or with
a tab inside, are refused by each link block and by the page and event
forms with a message, dropped from rich text when saved, and never rendered
when stored anyway (a translator's override, an import).
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.content.models import StandardPage
from cms.core.blocks import CallToActionBlock, EmbedVideoBlock, PartnerBlock
from cms.events.models import Event
from tests.factories import EventFactory, StandardPageFactory
from tests.helpers.events import event_form
from tests.helpers.events import url as event_url
from tests.helpers.hostile import body, cta, page_html

pytestmark = pytest.mark.django_db


BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "jav\tascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def draftail_link(href):
    """What Draftail posts for one paragraph that is a link."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Klikk her",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 9, "key": 0}],
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": href}}},
        }
    )


def add_standard_page(admin_client, home, blocks):
    data = {"title": "Om oss", "slug": "om-oss", "intro": "", "body": streamfield(blocks)}
    data.update(comments=inline_formset([]), **{"action-publish": "action-publish"})
    return admin_client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "standardpage", home.pk)),
        nested_form_data(data),
    )


@pytest.mark.parametrize("href", BAD_URLS)
def test_link_blocks_refuse_a_script_link(href):
    # What the page form does with the address typed: each block's own check.
    for block in (CallToActionBlock(), PartnerBlock()):
        with pytest.raises(ValidationError):
            block.child_blocks["url"].clean(href)
    embed = EmbedVideoBlock().child_blocks["embed"]
    with pytest.raises(ValidationError):
        embed.clean(embed.to_python(href))


@pytest.mark.parametrize("href", BAD_URLS[:2])
def test_the_page_form_refuses_a_script_link_with_a_message(admin_client, home, href):
    response = add_standard_page(admin_client, home, [("call_to_action", cta(href, ""))])
    assert response.status_code == 200
    assert (
        "url" in response.context["form"].errors.as_data()["body"][0].block_errors[0].block_errors
    )
    assert not StandardPage.objects.exists()


@pytest.mark.parametrize("href", BAD_URLS)
def test_a_stored_script_link_is_never_rendered(client, section, href):
    # A translator's override of a link, or an import, skips the form.
    partners = body(("partner", {"name": "NAV", "description": "", "url": href}))
    ski = section("Ski", slug="ski", partners=partners)
    page = StandardPageFactory(parent=ski, slug="om-oss", body=body(("call_to_action", cta(href))))
    for url in (page.url, ski.url):
        html = page_html(client, url).lower()
        assert "script:" not in html and "data:text" not in html


@pytest.mark.parametrize("href", BAD_URLS)
def test_rich_text_links_to_scripts_are_stripped(client, home, nordre_follo, calendar, href):
    paragraph = (
        f'<p><a href="{escape(href)}">Klikk</a> <a href=\'{href}\' onclick="x()">her</a></p>'
    )
    event = EventFactory(section=nordre_follo, description=paragraph)
    page = StandardPageFactory(parent=home, slug="om-oss", body=body(("paragraph", paragraph)))
    assert "script:" not in Event.objects.get(pk=event.pk).description.lower()
    for url in (f"/arrangementer/{event.pk}/", page.url):
        html = page_html(client, url).lower()
        assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html
        assert "onclick" not in html and "Klikk" in page_html(client, url)


def test_the_editor_link_to_a_script_is_dropped_on_save(admin_client, home, nordre_follo):
    form = event_form(section=nordre_follo.pk, description=draftail_link("javascript:alert(1)"))
    assert admin_client.post(event_url("add"), form).status_code == 302
    assert "javascript" not in Event.objects.get().description
    response = add_standard_page(admin_client, home, [("paragraph", draftail_link(BAD_URLS[1]))])
    assert response.status_code == 302
    assert "javascript" not in str(StandardPage.objects.get(alias_of=None).body.get_prep_value())


@pytest.mark.parametrize("href", BAD_URLS)
def test_the_event_form_refuses_a_script_registration_link(admin_client, nordre_follo, href):
    form = event_form(section=nordre_follo.pk, registration_url=href)
    response = admin_client.post(event_url("add"), form)
    assert response.status_code == 200
    assert "registration_url" in response.context["form"].errors
    assert not Event.objects.exists()
