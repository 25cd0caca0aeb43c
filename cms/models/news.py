from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from cms.core.i18n import localized, source_of
from cms.core.visibility import public
from cms.page_permissions import WalledPermissionsMixin

from .mixins import BodyPageMixin


class NewsIndexPage(WalledPermissionsMixin, RoutablePageMixin, Page):
    """Lists the news below it, newest first: for the network or for one section.

    The same news as feeds at ``rss/`` and ``atom/`` (``cms.feeds``); the
    network's index, the front page's child, feeds the public news of the whole site.
    """

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

    #: Route names of the feeds, which no article may take as its slug.
    feed_routes = ("rss", "atom")

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.child_of(source_of(self))
            .live()
            .select_related("image")
            .order_by("-date", "-pk")
        )
        if self.feed_is_public:
            news = public(news)
        # else: the index is in a volunteer area, whose guard let only its
        # audience this far; its articles are private like the index itself.
        listing = Paginator(news, self.page_size).get_page(request.GET.get("side"))
        listing.object_list = localized(listing.object_list, select_related=["image"])
        context["news"] = listing
        return context

    @path("rss/")
    def rss(self, request):
        from cms import feeds

        return feeds.news_feed_view(request, self, feeds.NewsRssFeed)

    @path("atom/")
    def atom(self, request):
        from cms import feeds

        return feeds.news_feed_view(request, self, feeds.NewsAtomFeed)

    def news_index(self):
        """This index, whose feeds ``<head>`` links to (as ``SectionMixin.news_index``)."""
        return self

    @property
    def feed_is_public(self):
        """Whether a feed reader may read this index's feeds: not in a volunteer area."""
        from cms.privacy import in_private_area

        return not in_private_area(self)


class NewsPage(WalledPermissionsMixin, BodyPageMixin, Page):
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
        if self.slug in NewsIndexPage.feed_routes:
            raise ValidationError(
                {"slug": _("This address is taken by the news feed. Choose another slug.")}
            )

    def news_index(self):
        """The live index listing this article, whose feeds ``<head>`` links to."""
        return NewsIndexPage.objects.parent_of(self).live().first()
