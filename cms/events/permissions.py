"""Who may do what with events: the rights come from the section pages.

An editor may add, edit, publish, lock or delete an event if and only if they
may edit the event's owning section page (a MunicipalityPage or an
AssociationPage) under Wagtail's page permissions, that is a
``GroupPagePermission`` on the section or one of its ancestors. There is no
parallel table of event rights and no Django model permission on ``Event``
is needed. Superusers, and editors with rights on the root of the tree, may
act on every event.

Everything else (the admin views, the event form, the chooser, the bulk
actions) asks :data:`event_permission_policy` or :func:`editable_sections`.
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from cms.core.groups import can_act
from cms.events.models import Event
from cms.sections.scopes import TRANSLATOR_ACTIONS, editable_section_pages, translator_locale_ids

#: The actions on an event; each needs edit permission on its section.
SECTION_ACTIONS = frozenset(
    {"add", "change", "delete", "publish", "unpublish", "lock", "unlock", "view"}
)

#: Actions that need the publish right on the section, not just edit: in a
#: section that requires approval, editors save drafts and coordinators publish.
PUBLISH_ACTIONS = frozenset({"publish", "unpublish"})


class EventPermissionPolicy(BasePermissionPolicy):
    """Events are governed by the rights on their section page, and by translators' languages.

    Every action in :data:`SECTION_ACTIONS` needs edit permission on the
    event's section, and publishing needs the publish permission there too.
    A translator may also edit and publish an event's translation into one of
    her languages (:data:`TRANSLATOR_ACTIONS`), whatever its section. Other
    actions are refused.
    """

    #: Attribute on the user where their rights are cached for the request.
    permission_cache_name = "_event_section_ids_cache"

    def get_all_permissions_for_user(self, user):
        """(sections they edit, sections they publish, locales they translate into), as ids.

        Sections in any locale: a translated event follows its source's section.
        """
        if not can_act(user):
            return frozenset(), frozenset(), frozenset()
        return (
            frozenset(editable_section_pages(user).values_list("pk", flat=True)),
            frozenset(editable_section_pages(user, "publish").values_list("pk", flat=True)),
            translator_locale_ids(user),
        )

    def _known(self, actions):
        return bool(SECTION_ACTIONS.intersection(actions))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions):
        actions = set(actions)
        if not (can_act(user) and self._known(actions)):
            return False
        if user.is_superuser:
            return True
        editable, publishable, locales = self.get_cached_permissions_for_user(user)
        return bool(
            (editable and not PUBLISH_ACTIONS.issuperset(actions))
            or (publishable and PUBLISH_ACTIONS.intersection(actions))
            or (locales and TRANSLATOR_ACTIONS.intersection(actions))
        )

    def user_may_use_section(self, user, section):
        """Whether ``user`` may own events with ``section``: add them there, or move them there."""
        return self._edits_section(user, section.pk)

    def user_edits_section_of(self, user, event):
        """Whether ``user`` may edit ``event``'s section: the section rule alone, not languages."""
        return self._edits_section(user, event.section_id)

    def _edits_section(self, user, section_id):
        if not can_act(user):
            return False
        return user.is_superuser or section_id in self.get_cached_permissions_for_user(user)[0]

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (can_act(user) and self._known(actions)):
            return False
        if user.is_superuser:
            return True
        editable, publishable, locales = self.get_cached_permissions_for_user(user)
        if instance.locale_id in locales and TRANSLATOR_ACTIONS.intersection(actions):
            return True
        if PUBLISH_ACTIONS.intersection(actions) and instance.section_id not in publishable:
            actions = set(actions) - PUBLISH_ACTIONS
        return bool(actions) and instance.section_id in editable

    def instances_user_has_any_permission_for(self, user, actions):
        events = self.model._default_manager.all()
        actions = set(actions)
        if not (can_act(user) and self._known(actions)):
            return events.none()
        if user.is_superuser:
            return events
        # Subqueries, so the listing stays one query however many sections.
        sections = "publish" if PUBLISH_ACTIONS.issuperset(actions & SECTION_ACTIONS) else "change"
        allowed = Q(section__in=editable_section_pages(user, sections))
        if TRANSLATOR_ACTIONS.intersection(actions):
            allowed |= Q(locale__in=translator_locale_ids(user))
        return events.filter(allowed)

    def users_with_any_permission(self, actions):
        """Users who may edit some page: a superset, as for Wagtail's own page policy."""
        if not self._known(actions):
            return self._page_policy().users_with_permission("change").none()
        return self._page_policy().users_with_permission("change")

    def users_with_any_permission_for_instance(self, actions, instance):
        if not self._known(actions):
            return self._page_policy().users_with_permission("change").none()
        return self._page_policy().users_with_permission_for_instance("change", instance.section)

    @staticmethod
    def _page_policy():
        return policy_registry.get_by_type(Page)


#: The policy for ``Event``; cms/events/wagtail_hooks.py registers it with Wagtail.
event_permission_policy = EventPermissionPolicy(Event)


class SectionEventBackend:
    """Django's model-wide event permissions, for everyone who edits a section.

    Wagtail's snippet views ask the event policy above, but wagtail-localize's
    translation editor asks Django (``user.has_perm("cms.change_event")``).
    This backend answers such questions with the same rule, so an editor can
    translate her own section's events without a Django permission that would
    reach every event; each view of one event checks the event itself
    (``cms/events/wagtail_hooks.py``, ``cms/translation/localize.py``).
    """

    def authenticate(self, request, **credentials):
        return None  # grants permissions only; never logs anyone in

    def has_perm(self, user, perm, obj=None):
        app_label, _dot, codename = perm.partition(".")
        action, _underscore, model_name = codename.partition("_")
        if app_label != Event._meta.app_label or model_name != Event._meta.model_name:
            return False
        if obj is not None:
            return isinstance(
                obj, Event
            ) and event_permission_policy.user_has_permission_for_instance(user, action, obj)
        return event_permission_policy.user_has_permission(user, action)
