from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.content.models import NewsPage
from cms.core.blocks import BodyBlock
from cms.core.i18n import localized, source_of
from cms.core.visibility import public
from cms.sections.models import MunicipalityPage


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
    #: How many coming events the front page shows (``{% upcoming_events %}``).
    events_count = 4

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.MunicipalityPage",
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.VolunteerAreaPage",
    ]

    class Meta:
        verbose_name = _("front page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built from the Norwegian tree so a translated front page lists every group.
        source = source_of(self)
        source_sections = list(
            public(MunicipalityPage.objects.child_of(source).live()).order_by("title")
        )
        source_districts = list(
            public(MunicipalityPage.objects.descendant_of(source).live())
            .filter(depth=source.depth + 2)
            .order_by("title")
        )
        # Grouped by the Norwegian parent's path: translations live in other trees.
        districts = {}
        shown_districts = localized(source_districts)
        for source_district, district in zip(source_districts, shown_districts, strict=True):
            districts.setdefault(source_district.path[: -Page.steplen], []).append(district)
        shown_sections = localized(source_sections)
        context["sections"] = [
            (section, districts.get(source_section.path, []))
            for source_section, section in zip(source_sections, shown_sections, strict=True)
        ]
        news = (
            public(NewsPage.objects.descendant_of(source).live())
            .select_related("image")
            .order_by("-date", "-pk")[: self.news_count]
        )
        context["latest_news"] = localized(news, select_related=["image"])
        return context
