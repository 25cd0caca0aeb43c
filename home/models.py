from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyBlock
from cms.core.visibility import KnownRestrictionsMixin


class HomePage(KnownRestrictionsMixin, Page):
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
