"""Events in Wagtail's admin: their policy, viewsets, bulk delete, history and drafts panel."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.events.admin import EventDeleteBulkAction, EventDraftsPanel, EventViewSetGroup
from cms.events.audit import EventLogEntry
from cms.events.models import Event
from cms.events.permissions import event_permission_policy

# Registered before any view asks for the policy; asking first would make
# Wagtail create a fallback model-permission policy and refuse this one.
register_permission_policy(Event, event_permission_policy)

register_snippet(EventViewSetGroup)

# Later than Wagtail's own snippet delete action, so this one wins for events.
hooks.register("register_bulk_action", EventDeleteBulkAction, order=1)


@hooks.register("register_log_actions")
def register_event_log_model(actions):
    # Events' history in a log model of its own, filtered by section rights.
    actions.register_model(Event, EventLogEntry)


@hooks.register("construct_homepage_panels")
def add_event_drafts_panel(request, panels):
    panels.append(EventDraftsPanel(request.user))
