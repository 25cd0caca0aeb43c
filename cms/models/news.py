from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.i18n import localized, source_of

from .mixins import BodyPageMixin


class NewsIndexPage(Page):
    """Lists the news below it, newest first: for the network or for one section."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    #: News items shown on one page of the list.
    page_size = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = [
        "home.HomePage",
        "cms.MunicipalityPage",
        "cms.AssociationPage",
        "cms.VolunteerAreaPage",
    ]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.child_of(source_of(self))
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")
        )
        listing = Paginator(news, self.page_size).get_page(request.GET.get("side"))
        listing.object_list = localized(listing.object_list, select_related=["image"])
        context["news"] = listing
        return context


class NewsPage(BodyPageMixin, Page):
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
