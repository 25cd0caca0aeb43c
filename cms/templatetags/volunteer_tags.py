"""What the volunteers' work shows in public: the languages a section's group speaks."""

from django import template

from cms.volunteers.profiles import section_languages

register = template.Library()


@register.simple_tag
def spoken_languages(section):
    """The group's languages: its own list and consenting volunteers', never who speaks them."""
    return section_languages(section)
