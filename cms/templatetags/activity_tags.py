"""What the volunteers' work shows in public: this year's conversations, rounded, if enough."""

from django import template
from django.utils import timezone

from cms.activity.stats import public_figure
from cms.core.cache import content
from cms.navigation import chrome

register = template.Library()

#: The figure is counted again at most this often (and with any content change).
FIGURE_SECONDS = 60 * 60


@register.inclusion_tag("includes/activity_figure.html", takes_context=True)
def activity_figure(context, page=None):
    """This year's figure for a section's page (``page``) or the whole network (no page)."""
    path = None
    if page is not None:
        section = chrome.for_request(context.get("request")).section(page)
        if section is None:
            return {"figure": None}
        path = section.path
    year = timezone.localdate().year
    figure = content.keep(
        f"activity-figure:{path or 'network'}:{year}",
        lambda: public_figure(path, year) or {},
        seconds=FIGURE_SECONDS,
    )
    return {"figure": figure or None}
