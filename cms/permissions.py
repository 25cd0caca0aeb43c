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

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail.permission_policies.base import BasePermissionPolicy, ModelPermissionPolicy
from wagtail.permissions import policy_registry

from cms.models import (
    AssociationPage,
    CurriculumModule,
    Event,
    LocalModuleVariant,
    MunicipalityPage,
)

#: The actions on an event; each needs edit permission on its section.
SECTION_ACTIONS = frozenset(
    {"add", "change", "delete", "publish", "unpublish", "lock", "unlock", "view"}
)

#: Actions that need the publish right on the section, not just edit: in a
#: section that requires approval, editors save drafts and coordinators publish.
PUBLISH_ACTIONS = frozenset({"publish", "unpublish"})

#: What a translator may do with an event translated into one of her languages.
TRANSLATOR_ACTIONS = frozenset({"change", "publish", "unpublish", "lock", "unlock", "view"})


def _can_act(user):
    return user.is_authenticated and user.is_active


def editable_sections(user, action="change"):
    """The section pages, in the default locale, that ``user`` may edit.

    "May edit" is Wagtail's own answer for pages: a ``change_page`` permission
    on the page or an ancestor (or ``add_page`` on a page the user owns),
    through the page permission policy. A queryset of ``Page`` (use
    ``.specific()`` for the section types), one query however many rights.
    """
    if not _can_act(user):
        return Page.objects.none()
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, action)
    return pages.type(MunicipalityPage, AssociationPage).filter(
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


def _editable_section_pages(user, action="change"):
    """Editable sections and their translations, so a translated event follows its source."""
    return Page.objects.filter(
        translation_key__in=editable_sections(user, action).values("translation_key")
    )


def translator_locale_ids(user):
    """The locales ``user`` translates into as a translator (``TranslatorRole``), as ids."""
    if not _can_act(user):
        return frozenset()
    cached = getattr(user, "_translator_locale_ids", None)
    if cached is None:
        locales = Locale.objects.exclude(pk=Locale.get_default().pk)
        if not user.is_superuser:
            locales = locales.filter(translator_roles__group__user=user)
        cached = frozenset(locales.values_list("pk", flat=True))
        user._translator_locale_ids = cached
    return cached


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
        if not _can_act(user):
            return frozenset(), frozenset(), frozenset()
        return (
            frozenset(_editable_section_pages(user).values_list("pk", flat=True)),
            frozenset(_editable_section_pages(user, "publish").values_list("pk", flat=True)),
            translator_locale_ids(user),
        )

    def _known(self, actions):
        return bool(SECTION_ACTIONS.intersection(actions))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions):
        actions = set(actions)
        if not (_can_act(user) and self._known(actions)):
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
        if not _can_act(user):
            return False
        return user.is_superuser or section_id in self.get_cached_permissions_for_user(user)[0]

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (_can_act(user) and self._known(actions)):
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
        if not (_can_act(user) and self._known(actions)):
            return events.none()
        if user.is_superuser:
            return events
        # Subqueries, so the listing stays one query however many sections.
        sections = "publish" if PUBLISH_ACTIONS.issuperset(actions & SECTION_ACTIONS) else "change"
        allowed = Q(section__in=_editable_section_pages(user, sections))
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


class SectionOwnedPermissionPolicy(BasePermissionPolicy):
    """For things a section owns and nobody translates: local variants of modules.

    The same rule as for events without the languages: whoever edits the
    section (``editable_sections``) may add, change, view and delete them.
    """

    ACTIONS = frozenset({"add", "change", "delete", "view"})
    permission_cache_name = "_section_owned_ids_cache"

    def get_all_permissions_for_user(self, user):
        if not _can_act(user):
            return frozenset()
        return frozenset(_editable_section_pages(user).values_list("pk", flat=True))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions):
        if not (_can_act(user) and self.ACTIONS.intersection(actions)):
            return False
        return user.is_superuser or bool(self.get_cached_permissions_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (_can_act(user) and self.ACTIONS.intersection(actions)):
            return False
        return user.is_superuser or instance.section_id in self.get_cached_permissions_for_user(
            user
        )

    def user_may_use_section(self, user, section):
        return self.user_has_permission_for_instance(user, "change", _SectionRef(section.pk))

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not (_can_act(user) and self.ACTIONS.intersection(actions)):
            return objects.none()
        if user.is_superuser:
            return objects
        return objects.filter(section__in=_editable_section_pages(user))

    def users_with_any_permission(self, actions):
        return EventPermissionPolicy._page_policy().users_with_permission("change")

    def users_with_any_permission_for_instance(self, actions, instance):
        return EventPermissionPolicy._page_policy().users_with_permission_for_instance(
            "change", instance.section
        )


class _SectionRef:
    def __init__(self, section_id):
        self.section_id = section_id


#: The policy for ``LocalModuleVariant``; registered in cms/wagtail_hooks.py.
local_variant_policy = SectionOwnedPermissionPolicy(LocalModuleVariant)


def translatable_locales(user, instance, *, submitting=True):
    """The languages ``user`` may translate ``instance`` (a page or a snippet) into.

    A translator translates anything into her own languages (``TranslatorRole``).
    Someone who edits the thing itself works on its translations into every
    language (a section's editors edit its translated copies anyway), and
    starts new ones (``submitting``) if she may submit translations at all.
    Nobody else translates anything.
    """
    locales = Locale.objects.exclude(pk=instance.locale_id)
    if not _can_act(user):
        return locales.none()
    if user.is_superuser or (
        edits(user, instance)
        and (not submitting or user.has_perm("wagtail_localize.submit_translation"))
    ):
        return locales
    return locales.filter(pk__in=translator_locale_ids(user))


def edits(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    if isinstance(instance, Event):
        return event_permission_policy.user_edits_section_of(user, instance)
    if isinstance(instance, CurriculumModule):
        return curriculum_permission_policy.user_has_permission_for_instance(
            user, "change", instance
        )
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


#: The policy for ``Event``; cms/wagtail_hooks.py registers it with Wagtail.
event_permission_policy = EventPermissionPolicy(Event)


class SectionEventBackend:
    """Django's model-wide event permissions, for everyone who edits a section.

    Wagtail's snippet views ask the event policy above, but wagtail-localize's
    translation editor asks Django (``user.has_perm("cms.change_event")``).
    This backend answers such questions with the same rule, so an editor can
    translate her own section's events without a Django permission that would
    reach every event; each view of one event checks the event itself
    (``cms/wagtail_hooks.py``, ``cms/translation/localize.py``).
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


class CurriculumPermissionPolicy(ModelPermissionPolicy):
    """Modules: Django's model permissions (national editors), and translators' languages.

    A translator may edit and publish a module's translation into one of her
    languages (:data:`TRANSLATOR_ACTIONS`), never a Norwegian original or
    another language's. Model permissions are read from Django's own backend,
    not through ``user.has_perm``, where :class:`TranslatorModuleBackend`
    answers with this policy.
    """

    def _model_rights(self, user, actions):
        if not _can_act(user):
            return False
        if user.is_superuser:
            return True
        meta = self.model._meta
        backend = ModelBackend()
        return any(
            backend.has_perm(user, f"{meta.app_label}.{action}_{meta.model_name}")
            for action in actions
        )

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions):
        return self._model_rights(user, actions) or bool(
            TRANSLATOR_ACTIONS.intersection(actions) and translator_locale_ids(user)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self._model_rights(user, actions) or bool(
            TRANSLATOR_ACTIONS.intersection(actions)
            and instance.locale_id in translator_locale_ids(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        modules = self.model._default_manager.all()
        if self._model_rights(user, actions):
            return modules
        if TRANSLATOR_ACTIONS.intersection(actions):
            return modules.filter(locale__in=translator_locale_ids(user))
        return modules.none()


#: The policy for ``CurriculumModule``; registered in cms/wagtail_hooks.py.
curriculum_permission_policy = CurriculumPermissionPolicy(CurriculumModule)


class TranslatorModuleBackend:
    """Django's module permissions for translators, by the policy above.

    wagtail-localize's translation editor asks Django
    (``user.has_perm("cms.change_curriculummodule")``), as for events
    (:class:`SectionEventBackend`); each view of one module checks the
    module itself through the viewset's policy.
    """

    def authenticate(self, request, **credentials):
        return None  # grants permissions only; never logs anyone in

    def has_perm(self, user, perm, obj=None):
        meta = CurriculumModule._meta
        app_label, _dot, codename = perm.partition(".")
        action, _underscore, model_name = codename.partition("_")
        if app_label != meta.app_label or model_name != meta.model_name:
            return False
        if action not in TRANSLATOR_ACTIONS or not translator_locale_ids(user):
            return False
        return obj is None or (
            isinstance(obj, CurriculumModule) and obj.locale_id in translator_locale_ids(user)
        )
