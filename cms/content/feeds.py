"""News as RSS 2.0 and Atom feeds, for feed readers to subscribe to.

Every news index serves its news at ``rss/`` and ``atom/`` (routes of
``NewsIndexPage``). A section's index feeds the section's articles; the
network's index, the front page's child, feeds every public article of the
site. A feed is built like the index's list: from the Norwegian tree, each
article swapped for its translation in the reader's language where there is
one (``cms.core.i18n.localized``), live and public pages only, in a fixed number
of queries however long it is.

The routes are served through the page, so a private index (in a volunteer
area) is guarded like any private page (``cms.privacy.serving.guard_private_page``)
and only public feeds may be kept by shared caches.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from cms.content.models import NewsPage
from cms.core.i18n import localized, source_of
from cms.core.visibility import public
from cms.privacy import restrictions as privacy

#: Articles in one feed, the newest.
FEED_LENGTH = 20

#: Seconds a reader or a shared cache may keep a public feed.
FEED_MAX_AGE = 300

#: The tagging entity of item ids (RFC 4151): a domain the network held on that date.
TAG_AUTHORITY = "bydelsmodre.no,2025"

#: Characters XML 1.0 cannot carry. Word pastes a soft line break as a
#: vertical tab, and Django's feed refuses the whole feed for one (a 500).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    """``value`` with each character XML cannot carry as a space."""
    return NOT_XML.sub(" ", value) if value else value


@dataclass(frozen=True)
class Channel:
    """What a feed is about, and its articles in the reader's language."""

    title: str
    link: str
    feed_url: str
    description: str
    news: list


def is_network_index(parent):
    """Whether a news index under ``parent`` is the network's: the front page's child.

    A language's front page is the one page at the top of its tree, right below
    Wagtail's root (depth 2), so the page's type need not be asked.
    """
    return parent.depth == 2


def feed_news(index, parent):
    """The live public Norwegian articles ``index`` (a child of ``parent``) feeds, newest first."""
    source = source_of(index)
    if is_network_index(parent):
        # The whole site's news, but never the volunteer area's, even if a
        # restriction there went missing.
        news = NewsPage.objects.descendant_of(source_of(parent))
        for path in privacy.area_paths():
            news = news.exclude(path__startswith=path)
    else:
        news = NewsPage.objects.child_of(source)
    return public(news.live()).order_by("-date", "-pk")[:FEED_LENGTH]


def news_feed_view(request, index, feed_class):
    """``index``'s news as ``feed_class``; kept a few minutes by caches if it is public."""
    response = feed_class()(request, index=index)
    if index.feed_is_public and not index.get_view_restrictions().exists():
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def published(date):
    """A news date as the moment it starts in the site's time zone (``TIME_ZONE``)."""
    start = datetime.datetime.combine(date, datetime.time.min)
    return timezone.make_aware(start, timezone.get_default_timezone())


class NewsRssFeed(Feed):
    """A news index's articles as RSS 2.0."""

    feed_type = Rss201rev2Feed
    #: The index's route serving this format.
    route = "rss"

    def get_object(self, request, index):
        parent = index.get_parent()
        link = index.get_full_url(request)
        return Channel(
            # "Aktuelt – Nordre Follo": the index's title alone says not whose news it is.
            title=xml_text(f"{index.title} – {parent.title}"),
            link=link,
            feed_url=link + index.reverse_subpage(self.route),
            description=xml_text(index.intro or index.search_description or index.title),
            news=[
                (page, page.get_full_url(request)) for page in localized(feed_news(index, parent))
            ],
        )

    def title(self, channel):
        return channel.title

    def link(self, channel):
        return channel.link

    def feed_url(self, channel):
        return channel.feed_url

    def description(self, channel):
        return channel.description

    def ttl(self, channel):
        return FEED_MAX_AGE // 60

    def items(self, channel):
        return channel.news

    def item_title(self, item):
        page, _url = item
        return xml_text(page.title)

    def item_description(self, item):
        page, _url = item
        return xml_text(page.intro or page.search_description)

    def item_link(self, item):
        _page, url = item
        return url

    def item_guid(self, item):
        # The same in every language and after a move or a new slug, as the
        # events' iCal UIDs: translations share the translation key.
        page, _url = item
        return f"tag:{TAG_AUTHORITY}:news/{page.translation_key}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        page, _url = item
        return published(page.date)

    def item_updateddate(self, item):
        # Atom needs one for every entry; an article dated ahead of its
        # publication was not updated before it came out.
        page, _url = item
        date = published(page.date)
        return max(page.last_published_at, date) if page.last_published_at else date


class NewsAtomFeed(NewsRssFeed):
    """A news index's articles as Atom."""

    feed_type = Atom1Feed
    route = "atom"

    def subtitle(self, channel):
        return channel.description
