"""Who may do what with the training programme: modules and their local variants.

National editors write the modules (Django's model permissions on
``CurriculumModule``); translators translate them into their own languages;
a section's editors add local variants for their own section only, by the
same section rule as for events.
"""

from django.contrib.auth.backends import ModelBackend
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy, ModelPermissionPolicy
from wagtail.permissions import policy_registry

from cms.core.groups import can_act
from cms.curriculum.models import CurriculumModule, LocalModuleVariant
from cms.sections.scopes import TRANSLATOR_ACTIONS, editable_section_pages, translator_locale_ids


class SectionOwnedPermissionPolicy(BasePermissionPolicy):
    """For things a section owns and nobody translates: local variants of modules.

    The same rule as for events without the languages: whoever edits the
    section (``editable_sections``) may add, change, view and delete them.
    """

    ACTIONS = frozenset({"add", "change", "delete", "view"})
    permission_cache_name = "_section_owned_ids_cache"

    def get_all_permissions_for_user(self, user):
        if not can_act(user):
            return frozenset()
        return frozenset(editable_section_pages(user).values_list("pk", flat=True))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, {action})

    def user_has_any_permission(self, user, actions):
        if not (can_act(user) and self.ACTIONS.intersection(actions)):
            return False
        return user.is_superuser or bool(self.get_cached_permissions_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (can_act(user) and self.ACTIONS.intersection(actions)):
            return False
        return user.is_superuser or instance.section_id in self.get_cached_permissions_for_user(
            user
        )

    def user_may_use_section(self, user, section):
        return self.user_has_permission_for_instance(user, "change", _SectionRef(section.pk))

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not (can_act(user) and self.ACTIONS.intersection(actions)):
            return objects.none()
        if user.is_superuser:
            return objects
        return objects.filter(section__in=editable_section_pages(user))

    def users_with_any_permission(self, actions):
        return policy_registry.get_by_type(Page).users_with_permission("change")

    def users_with_any_permission_for_instance(self, actions, instance):
        return policy_registry.get_by_type(Page).users_with_permission_for_instance(
            "change", instance.section
        )


class _SectionRef:
    def __init__(self, section_id):
        self.section_id = section_id


#: The policy for ``LocalModuleVariant``; registered in cms/curriculum/wagtail_hooks.py.
local_variant_policy = SectionOwnedPermissionPolicy(LocalModuleVariant)


class CurriculumPermissionPolicy(ModelPermissionPolicy):
    """Modules: Django's model permissions (national editors), and translators' languages.

    A translator may edit and publish a module's translation into one of her
    languages (:data:`TRANSLATOR_ACTIONS`), never a Norwegian original or
    another language's. Model permissions are read from Django's own backend,
    not through ``user.has_perm``, where :class:`TranslatorModuleBackend`
    answers with this policy.
    """

    def _model_rights(self, user, actions):
        if not can_act(user):
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


#: The policy for ``CurriculumModule``; registered in cms/curriculum/wagtail_hooks.py.
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
