from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class HomePage(Page):
    """The network's front page: who we are, where to find a local group, latest news."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("The first thing a visitor reads: what Bydelsmødre is, in two sentences."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    #: How many news articles the front page shows.
    news_count = 3

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.MunicipalityPage", "cms.StandardPage", "cms.NewsIndexPage"]

    class Meta:
        verbose_name = _("front page")

    def get_context(self, request, *args, **kwargs):
        from cms.models import MunicipalityPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        sections = list(MunicipalityPage.objects.child_of(self).live().public().order_by("title"))
        districts = {}
        for district in (
            MunicipalityPage.objects.descendant_of(self)
            .live()
            .public()
            .filter(depth=self.depth + 2)
            .order_by("title")
        ):
            districts.setdefault(district.path[: -Page.steplen], []).append(district)
        context["sections"] = [(section, districts.get(section.path, [])) for section in sections]
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")[: self.news_count]
        )
        return context
