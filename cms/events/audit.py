from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permissions import policy_registry


class EventLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """Only the history of events the user may edit.

        Wagtail's generic log shows a model's entries to anyone with a
        model-wide right on it, and every section editor has those for events
        (``cms.events.permissions.SectionEventBackend``): the site history report
        would name every section's events, volunteer-only ones too.
        """
        if user.is_superuser:
            return self.all()
        # The policy registered for events (cms/events/wagtail_hooks.py), as Wagtail's
        # redirects app tells callers to ask, rather than importing it.
        policy = policy_registry.get_by_type(apps.get_model("cms", "Event"))
        editable = policy.instances_user_has_permission_for(user, "change")
        return self.filter(
            object_id__in=editable.annotate(key=Cast("pk", models.CharField())).values("key")
        )


class EventLogEntry(BaseLogEntry):
    """The history of events, kept apart so it follows the events' section rights."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = EventLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("event log entry")
        verbose_name_plural = _("event log entries")

    def __str__(self):
        return f"EventLogEntry {self.pk}: {self.action} on event {self.object_id}"
