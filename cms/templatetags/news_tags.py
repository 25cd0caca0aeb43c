"""News shown on other concepts' pages: a section's latest articles, and the feeds to link."""

from django import template
from wagtail.models import Page

from cms.content.models import NewsPage
from cms.content.pages import NewsIndexPage
from cms.core.i18n import localized
from cms.core.visibility import public
from cms.sections.models import is_section

register = template.Library()


def _source_index(section):
    """The live index below a section in the Norwegian tree, which owns its news; kept on it."""
    if not hasattr(section, "_source_news_index"):
        section._source_news_index = NewsIndexPage.objects.child_of(section.source).live().first()
    return section._source_news_index


@register.simple_tag
def news_index_for(page):
    """The live news index whose feeds ``page`` links to, in the reader's language, or None.

    An index is its own; an article's is the one listing it; a language's
    front page has its own tree's index below it, and a section the one below
    it in the Norwegian tree, shown in the reader's language.
    """
    if not isinstance(page, Page):
        return None  # a view with no page: search, login, errors
    if isinstance(page, NewsIndexPage):
        return page
    if isinstance(page, NewsPage):
        return page.news_index()
    if page.depth == 2:
        return NewsIndexPage.objects.child_of(page).live().first()
    if not is_section(page):
        return None  # only the front pages and the sections list their news
    if not hasattr(page, "_news_index"):
        # Kept on the page: its news list and its <head> both ask.
        index = _source_index(page)
        page._news_index = index.localized if index else None
    return page._news_index


@register.simple_tag
def latest_news(page, count=3):
    """The newest articles of the news index below a section, each in the reader's language."""
    index = _source_index(page)
    if index is None:
        return []
    news = (
        public(NewsPage.objects.child_of(index).live())
        .select_related("image")
        .order_by("-date", "-pk")[:count]
    )
    return localized(news, select_related=["image"])
