"""The calendar page, whose routes are the calendar, its feed and each event."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page

from cms.core.visibility import KnownRestrictionsMixin
from cms.events import views


class EventIndexPage(KnownRestrictionsMixin, RoutablePageMixin, Page):
    """The public calendar: upcoming events, filters, event pages and iCal feeds.

    Events are snippets, not pages, so their pages and feeds are routes here:
    ``<pk>/`` (an event), ``<pk>/ical/`` (its download) and ``ical/`` (the
    feed, filtered with the calendar's own GET parameters).
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    #: Occurrences shown on one page of the calendar.
    page_size = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    @path("")
    def calendar(self, request):
        return views.calendar_view(request, self)

    @path("ical/")
    def feed(self, request):
        return views.feed_view(request, self)

    @path("<int:event_id>/")
    def event(self, request, event_id):
        return views.event_view(request, self, event_id)

    @path("<int:event_id>/ical/")
    def event_ical(self, request, event_id):
        return views.event_ical_view(request, self, event_id)

    @classmethod
    def for_reader(cls):
        """The calendar page in the reader's language, or None if the site has none."""
        page = cls.objects.live().filter(locale=Locale.get_default()).first()
        return page.localized if page else None
