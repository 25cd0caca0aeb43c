"""Every block renders through its own template."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.core.blocks import (
    BodyBlock,
    CallToActionBlock,
    ContactCardBlock,
    HeadingBlock,
    ImageBlock,
    PartnerBlock,
    QuoteBlock,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return Image.objects.create(title="Samling", file=get_test_image_file())


@pytest.mark.parametrize("level", ["h2", "h3", "h4"])
def test_heading_renders_at_its_level(level):
    block = HeadingBlock()
    html = block.render(block.to_python({"text": "Hva gjør vi?", "level": level}))
    assert f"<{level} " in html and "Hva gjør vi?" in html


def test_paragraph_renders_rich_text():
    stream = BodyBlock().to_python([{"type": "paragraph", "value": "<p>Hei <b>alle</b></p>"}])
    html = stream.render_as_block() if hasattr(stream, "render_as_block") else str(stream)
    assert "<b>alle</b>" in html
    assert 'class="rich-text"' in html


def test_image_renders_with_alt_text_and_size(image):
    block = ImageBlock()
    html = block.render(
        block.to_python({"image": image.pk, "alt_text": "Kvinner i en ring", "caption": "Mysen"})
    )
    assert 'alt="Kvinner i en ring"' in html
    assert 'width="' in html and 'height="' in html
    assert "<figcaption>Mysen</figcaption>" in html


def test_image_without_alt_text_is_invalid(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_quote_renders():
    block = QuoteBlock()
    html = block.render(block.to_python({"quote": "Vi trenger dere.", "attribution": "Ordføreren"}))
    assert "<blockquote>" in html and "Ordføreren" in html


def test_call_to_action_renders_its_link(home):
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Bli med", "text": "", "link_label": "Les mer", "page": home.pk, "url": ""}
    )
    html = block.render(value)
    assert 'href="/"' in html and "Les mer" in html


@pytest.mark.parametrize(
    "page_and_url", [(False, ""), (True, "https://example.no/")], ids=["neither", "both"]
)
def test_call_to_action_needs_exactly_one_link(home, page_and_url):
    with_page, url = page_and_url
    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "Bli med",
            "text": "",
            "link_label": "Les mer",
            "page": home.pk if with_page else None,
            "url": url,
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_contact_card_renders():
    block = ContactCardBlock()
    html = block.render(
        block.to_python(
            {"role": "Helsestasjonen", "email": "h@example.no", "phone": "69 00 00 00", "hours": ""}
        )
    )
    assert "Helsestasjonen" in html
    assert 'href="tel:69000000"' in html
    assert 'href="mailto:h@example.no"' in html


def test_embed_block_renders_its_title():
    from cms.core.blocks import EmbedVideoBlock

    class FakeEmbed:
        html = '<iframe src="https://video.example/1" title="Film"></iframe>'

    html = EmbedVideoBlock().render({"embed": FakeEmbed(), "title": "Film om bydelsmødre"})
    assert "Film om bydelsmødre" in html and "<iframe" in html


def test_partner_renders_with_and_without_link():
    block = PartnerBlock()
    linked = block.render(
        block.to_python({"name": "NAV", "description": "", "url": "https://nav.no"})
    )
    plain = block.render(block.to_python({"name": "NAV", "description": "Kurs", "url": ""}))
    assert 'href="https://nav.no"' in linked
    assert "href" not in plain and "Kurs" in plain


def test_every_body_block_has_a_template_that_exists():
    from django.template.loader import get_template

    for name, child in BodyBlock().child_blocks.items():
        template = getattr(child.meta, "template", None)
        assert template, f"{name} has no template"
        get_template(template)


def test_whole_body_renders_in_order(image):
    stream = StreamValue(
        BodyBlock(),
        [
            ("heading", {"text": "Først", "level": "h2"}),
            ("paragraph", RichText("<p>Så</p>")),
        ],
    )
    html = str(stream)
    assert html.index("Først") < html.index("Så")
