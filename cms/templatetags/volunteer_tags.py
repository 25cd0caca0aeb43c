"""What the volunteers' work shows in public: the languages a section's group speaks."""

from django import template

from cms.navigation import chrome
from cms.volunteers.profiles import section_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def spoken_languages(context, page):
    """The group's languages: its own list and consenting volunteers', never who speaks them."""
    section = chrome.for_request(context.get("request")).section(page)
    if section is None:
        return []
    return section_languages(section.pk, municipality=section.is_municipality)
