"""Who may translate what into which language: pages, events and modules alike."""

from wagtail.models import Locale, Page

from cms.core.groups import can_act
from cms.curriculum.models import CurriculumModule
from cms.curriculum.permissions import curriculum_permission_policy
from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from cms.sections.scopes import translator_locale_ids


def translatable_locales(user, instance, *, submitting=True):
    """The languages ``user`` may translate ``instance`` (a page or a snippet) into.

    A translator translates anything into her own languages (``TranslatorRole``).
    Someone who edits the thing itself works on its translations into every
    language (a section's editors edit its translated copies anyway), and
    starts new ones (``submitting``) if she may submit translations at all.
    Nobody else translates anything.
    """
    locales = Locale.objects.exclude(pk=instance.locale_id)
    if not can_act(user):
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
