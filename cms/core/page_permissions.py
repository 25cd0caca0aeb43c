"""Wagtail's page permissions, with the one rule Wagtail cannot say: a wall.

Wagtail's page rights run down the tree with no way to stop them: a group
with ``change_page`` on a municipality edits everything below it. That is
right until phase four, when the municipality hands its association over to
the association's own board (``cms.sections.handover``): from then on the groups of the
sections above must no longer edit or publish the association's pages, its
events or anything else that follows the page rights, while the board's
groups and the network's roles (national editors, translators) go on as
before. Wagtail has no "deny" grant, so this module adds the one kind of
deny the network needs:

- A *wall* stands at every translation of a section whose ``SectionRoles`` has
  ``handed_over_at`` set.
- A grant held by a section's group (some section's editors or coordinators)
  stops at a wall strictly below the page it is on, unless the group is the
  walled section's own. Grants held by other groups (the network's roles) pass.

:class:`SectionPagePermissionPolicy` (registered for ``Page`` in
``cms/sections/wagtail_hooks.py``) applies the rule in every check and queryset that
Wagtail and this project make through the policy registry, and
:class:`WalledPermissionsMixin` makes each page's ``permissions_for_user``
tester apply it too: Wagtail's own tester only compares paths.

Models are named by label at call time: page models import this module.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy


def _walls():
    """{path of a walled page: ids of the groups it lets through}, in every language tree."""
    roles = apps.get_model("cms", "SectionRoles").objects.filter(handed_over_at__isnull=False)
    own = {}
    for key, editors, coordinators in roles.values_list(
        "section__translation_key", "editors_id", "coordinators_id"
    ):
        own[key] = {editors, coordinators} - {None}
    if not own:
        return {}
    return {
        path: own[key]
        for path, key in Page.objects.filter(translation_key__in=own).values_list(
            "path", "translation_key"
        )
    }


def _section_group_ids():
    roles = apps.get_model("cms", "SectionRoles").objects.values_list(
        "editors_id", "coordinators_id"
    )
    return {group for pair in roles for group in pair if group is not None}


def walled_paths(grant, walls, section_groups):
    """The walls below ``grant``'s page that stop it: none for a network role's grant."""
    if grant.group_id not in section_groups:
        return ()
    base = grant.page.path
    return tuple(
        path
        for path, own_groups in walls.items()
        if path != base and path.startswith(base) and grant.group_id not in own_groups
    )


def covers(grant, page):
    """Whether ``grant`` (with its ``walled_paths``) reaches ``page``."""
    return page.path.startswith(grant.page.path) and not any(
        page.path.startswith(wall) for wall in getattr(grant, "walled_paths", ())
    )


class SectionPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, where a section group's grant stops at a handed-over section."""

    def get_all_permissions_for_user(self, user):
        grants = list(super().get_all_permissions_for_user(user))
        if not grants:
            return grants
        walls = _walls()
        section_groups = _section_group_ids() if walls else set()
        for grant in grants:
            grant.walled_paths = walled_paths(grant, walls, section_groups)
        return grants

    def user_has_any_permission_for_instance(self, user, actions, instance):
        base_permission = self._base_user_has_permission(user)
        if base_permission is not None:
            return base_permission
        permissions = set()
        add = self._get_permission_codename("add")
        for grant in self.get_cached_permissions_for_user(user):
            if covers(grant, instance):
                permissions.add(grant.permission.codename)
                if grant.permission.codename == add and instance.owner_id == user.pk:
                    permissions.add(self._get_permission_codename("change"))
        return bool(self._get_permission_codenames(actions) & permissions)

    def instances_user_has_any_permission_for(self, user, actions):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        manager = self.model._default_manager
        pages = manager.none()
        add = self._get_permission_codename("add")
        codenames = self._get_permission_codenames(actions)
        for grant in self.get_cached_permissions_for_user(user):
            below = manager.descendant_of(grant.page, inclusive=True)
            for wall in grant.walled_paths:
                below = below.exclude(path__startswith=wall)
            if grant.permission.codename == add and "add" not in actions and "change" in actions:
                pages |= below.filter(owner=user)
            elif grant.permission.codename in codenames:
                pages |= below
        return pages

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        # Wagtail's own answer, without the groups whose grants stop at a wall.
        walls = _walls()
        section_groups = _section_group_ids() if walls else set()
        codenames = self._get_permission_codenames(actions)
        add = self._get_permission_codename("add")
        groups, add_groups = set(), set()
        grants = GroupPagePermission.objects.filter(
            page__in=instance.get_ancestors(inclusive=True)
        ).select_related("page", "permission")
        for grant in grants:
            grant.walled_paths = walled_paths(grant, walls, section_groups)
            if not covers(grant, instance):
                continue
            if grant.permission.codename in codenames:
                groups.add(grant.group_id)
            elif grant.permission.codename == add and "change" in actions and "add" not in actions:
                add_groups.add(grant.group_id)
        query = Q(groups__in=groups)
        if include_superusers:
            query |= Q(is_superuser=True)
        if add_groups:
            query |= Q(groups__in=add_groups, pk=instance.owner_id)
        return get_user_model()._default_manager.filter(query, is_active=True).distinct()


class WalledPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, reading only the grants that reach this page past any wall."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            self.permissions = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in self.permission_policy.get_cached_permissions_for_user(user)
                if covers(grant, page)
            }


class WalledPermissionsMixin:
    """For page types that can sit in a handed-over section: test rights past the walls.

    Wagtail asks ``page.permissions_for_user`` everywhere in the admin and
    casts a plain ``Page`` to the specific class (without a query) when the
    class overrides it.
    """

    def permissions_for_user(self, user):
        return WalledPagePermissionTester(user, self)
