"""Events shown on other concepts' pages: a section's or the network's next events."""

from django import template

from cms.events.calendar import upcoming_in
from cms.navigation import chrome

register = template.Library()


@register.simple_tag
def upcoming_events(section=None, count=3):
    """The next public occurrences of ``section`` and the sections below it, or the network's."""
    return upcoming_in(section, count)


@register.simple_tag(takes_context=True)
def calendar_page(context):
    """The calendar page in the reader's language (a Link), or None if the site has none."""
    return chrome.for_request(context.get("request")).calendar
