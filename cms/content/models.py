"""The network's plain content: standard pages, news articles and the footer's settings.

The news index, which lists and feeds the articles, is a routable page in
``cms.content.pages``.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from cms.core.mixins import BodyPageMixin
from cms.core.page_permissions import WalledPermissionsMixin
from cms.core.visibility import KnownRestrictionsMixin

#: Route names of a news index's feeds, which no article may take as its slug.
FEED_ROUTES = ("rss", "atom")


class StandardPage(KnownRestrictionsMixin, WalledPermissionsMixin, BodyPageMixin, Page):
    """A plain page: about us, contact, the accessibility statement and the like."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + BodyPageMixin.search_fields
    parent_page_types = [
        "home.HomePage",
        "cms.MunicipalityPage",
        "cms.AssociationPage",
        "cms.StandardPage",
        "cms.VolunteerAreaPage",
    ]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class NewsPage(KnownRestrictionsMixin, WalledPermissionsMixin, BodyPageMixin, Page):
    """A news article with a date, an introduction and an optional image."""

    date = models.DateField(_("date"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the article and in news lists."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [*BodyPageMixin.search_fields, index.FilterField("date")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        # The index's feed routes come before its children: this article would be lost.
        if self.slug in FEED_ROUTES:
            raise ValidationError(
                {"slug": _("This address is taken by the news feed. Choose another slug.")}
            )

    def news_index(self):
        """The live index listing this article, whose feeds ``<head>`` links to."""
        index_page = apps.get_model("cms", "NewsIndexPage")
        return index_page.objects.parent_of(self).live().first()


@register_setting(icon="site")
class NetworkSettings(BaseSiteSetting):
    """Contact details and key pages of the national network, shown in every footer."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=150, default="Bydelsmødre Norge"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Norwegian law requires a link to it on every page."),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")
        ),
        FieldPanel("about_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("network settings")
