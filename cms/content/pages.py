"""The news index: the list of a section's (or the network's) news, and its feeds."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.content import feeds
from cms.content.models import FEED_ROUTES, NewsPage
from cms.core.i18n import localized, source_of
from cms.core.page_permissions import WalledPermissionsMixin
from cms.core.visibility import KnownRestrictionsMixin, public
from cms.privacy.restrictions import in_private_area


class NewsIndexPage(KnownRestrictionsMixin, WalledPermissionsMixin, RoutablePageMixin, Page):
    """Lists the news below it, newest first: for the network or for one section.

    The same news as feeds at ``rss/`` and ``atom/`` (``cms.content.feeds``); the
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
    feed_routes = FEED_ROUTES

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
        return feeds.news_feed_view(request, self, feeds.NewsRssFeed)

    @path("atom/")
    def atom(self, request):
        return feeds.news_feed_view(request, self, feeds.NewsAtomFeed)

    def news_index(self):
        """This index, whose feeds ``<head>`` links to (as ``SectionMixin.news_index``)."""
        return self

    @property
    def feed_is_public(self):
        """Whether a feed reader may read this index's feeds: not in a volunteer area."""
        return not in_private_area(self)
