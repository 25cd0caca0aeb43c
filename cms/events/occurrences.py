"""The dates of an event, one row each, expanded from its rule for the calendar's queries."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.events import recurrence
from cms.events.models import Audience, Event


class EventOccurrenceQuerySet(models.QuerySet):
    def public(self):
        """Occurrences of events anyone may see."""
        return self.filter(event__live=True).exclude(event__audience=Audience.VOLUNTEERS)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())


class EventOccurrence(models.Model):
    """One date of an event, expanded from its rule and kept for the calendar's queries."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "event_id"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        indexes = [models.Index(fields=["event", "start"], name="occurrence_event_start_idx")]

    def __str__(self):
        return f"{self.event} {recurrence.local(self.start):%Y-%m-%d %H:%M}"

    @property
    def local_date(self):
        """The day it starts, in Oslo."""
        return recurrence.local(self.start).date()

    @property
    def spans_days(self):
        """Whether it ends on a later day than it starts, in Oslo."""
        return recurrence.local(self.end).date() != self.local_date
