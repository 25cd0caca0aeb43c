"""Template tags for what search engines read in a page's <head> (see cms.discovery.seo)."""

from django import template
from wagtail.models import Page

from cms.core.cache import content
from cms.discovery import seo
from cms.events.models import Event

register = template.Library()


@register.simple_tag(takes_context=True)
def head_links(context, page):
    """The canonical URL and hreflang alternates of ``page``; ``None`` for anything else.

    A route below the page that is a page of its own (an event in the
    calendar) names its path in ``language_link_suffix``, as for the language
    switcher; a query string there (calendar filters) is left out, so the
    filtered listings point to the calendar itself.
    """
    if not isinstance(page, Page):
        return None
    suffix = context.get("language_link_suffix", "").partition("?")[0]
    written_in = None
    subpage = context.get("subpage")
    if isinstance(subpage, Event):
        # An event is written in Norwegian and its translations only.
        source = context.get("source_event", subpage)
        written_in = seo.languages_of_event(context.get("request"), source)
    request = context.get("request")
    if request is None:
        return seo.head_links(page, request, suffix, written_in)
    # The same for every reader of this address: kept per content generation.
    languages = ",".join(sorted(written_in)) if written_in is not None else "-"
    return content.keep(
        f"head-links:{page.pk}:{request.scheme}://{request.get_host()}:{suffix}:{languages}",
        lambda: seo.head_links(page, request, suffix, written_in),
    )
