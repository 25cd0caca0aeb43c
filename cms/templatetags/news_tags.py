"""News shown on other concepts' pages: a section's latest articles, and the feeds to link."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from cms.content.models import NewsPage
from cms.content.pages import NewsIndexPage
from cms.core.cache import content
from cms.core.i18n import localized
from cms.core.visibility import public
from cms.navigation import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def news_index_for(context, page):
    """The live news index whose feeds ``page`` links to, in the reader's language, or None.

    An index is its own; an article's is the one listing it; a language's
    front page has its own tree's index below it, and a section the one below
    it in the Norwegian tree, shown in the reader's language. A
    ``NewsIndexLink``: its ``url``, ``title``, ``rss``, ``atom`` and
    ``feed_is_public``.
    """
    if not isinstance(page, Page):
        return None  # a view with no page: search, login, errors
    request = context.get("request")
    if isinstance(page, NewsPage):
        page = page.news_index()
        if page is None:
            return None
    if isinstance(page, NewsIndexPage):
        return chrome.NewsIndexLink.of(page, request)
    shown = chrome.for_request(request)
    if page.depth == 2:
        if shown.front is not None and shown.front.pk == page.pk:
            return shown.front_news
        index = NewsIndexPage.objects.child_of(page).live().first()
        return chrome.NewsIndexLink.of(index, request) if index else None
    section = shown.section(page)
    return section.news if section else None


@register.simple_tag(takes_context=True)
def network_news(context, count=3):
    """The newest articles of the whole network, each in the reader's language."""
    root_path = chrome.for_request(context.get("request")).root_path
    if not root_path:
        return []
    return content.keep(
        f"network-news:{root_path}:{count}:{get_language()}",
        lambda: _newest(NewsPage.objects.filter(path__startswith=root_path), count),
    )


@register.simple_tag(takes_context=True)
def latest_news(context, page, count=3):
    """The newest articles of the news index below a section, each in the reader's language."""
    index = news_index_for(context, page)
    if index is None:
        return []
    below = NewsPage.objects.filter(
        path__startswith=index.source_path, depth=len(index.source_path) // Page.steplen + 1
    )
    return content.keep(
        f"latest-news:{index.source_path}:{count}:{get_language()}",
        lambda: _newest(below, count),
    )


def _newest(news, count):
    """The ``count`` newest live, public articles of ``news``, each in the reader's language."""
    news = public(news.live()).select_related("image").order_by("-date", "-pk")[:count]
    return localized(news, select_related=["image"])
