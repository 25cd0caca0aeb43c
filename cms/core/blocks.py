"""StreamField blocks shared by every page body.

Each block says what an editor sees; each has its template in
``templates/blocks/`` and a render test in ``tests/cms/test_blocks.py``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.core.validators import safe_rich_text, safe_url


class LinkURLBlock(blocks.URLBlock):
    """An outside address that never runs script.

    The form refuses ``javascript:`` and the like (Django's URLValidator); one
    stored another way (a translator's link override, an import) reads as none.
    """

    def to_python(self, value):
        return safe_url(super().to_python(value))


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose links, however they were stored, never run script."""

    def to_python(self, value):
        return super().to_python(safe_rich_text(value))


#: Read by Wagtail's ``Block.canonical_module_path``: migrations name these two as
#: Wagtail's own blocks, for they change what is read, not what is stored.
DECONSTRUCT_ALIASES = {
    LinkURLBlock: "wagtail.blocks.URLBlock",
    SafeRichTextBlock: "wagtail.blocks.RichTextBlock",
}


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading, level two to four.")


class ImageBlock(blocks.StructBlock):
    """An image with alt text that the editor must write."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with a required text alternative and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it, described as a role where possible."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation, with the role of the person who said it.")


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box with one link: to a page on the site or an outside address."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = LinkURLBlock(label=_("Or an outside address"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A box that invites the reader to do one thing, with one link.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Choose either a page on this site or an outside address.")
                    )
                }
            )
        return value


class ContactCardBlock(blocks.StructBlock):
    """Contact details of a role or service, never a volunteer's private number."""

    role = blocks.CharBlock(
        label=_("Role or service"),
        max_length=150,
        help_text=_("For example “Koordinator, Indre Østfold helsestasjon”."),
    )
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_("The service's phone number, not a private number."),
    )
    hours = blocks.CharBlock(label=_("Opening hours"), required=False, max_length=150)

    class Meta:
        icon = "user"
        template = "blocks/contact_card_block.html"
        label = _("Contact card")
        description = _("How to reach a coordinator or a service.")


class EmbedVideoBlock(blocks.StructBlock):
    """An embedded video or other media from an address, with a title for screen readers."""

    embed = EmbedBlock(label=_("Address"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=150, help_text=_("What the embedded content is.")
    )

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Embed")
        description = _("A video or other media embedded from its address.")


class BodyBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = SafeRichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    contact_card = ContactCardBlock()
    embed = EmbedVideoBlock()


class PartnerBlock(blocks.StructBlock):
    """A service or organisation the local group works with."""

    name = blocks.CharBlock(label=_("Name"), max_length=150)
    description = blocks.TextBlock(label=_("What we do together"), required=False)
    url = LinkURLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "group"
        template = "blocks/partner_block.html"
        label = _("Partner")
        description = _("A municipal service or organisation the group works with.")


class PartnersBlock(blocks.StreamBlock):
    partner = PartnerBlock()
