"""Local roles, Wagtail style: every section gets its editors and media, by itself.

``provision(section)`` makes, or brings up to date, for a MunicipalityPage or
AssociationPage in the Norwegian tree:

- a group "<section> – redaktører" that may reach the admin and add, edit,
  publish, lock and unlock pages in the section and below, in the Norwegian
  tree and in every translated copy of the section (each locale has its own
  tree);
- a media collection "<section>" where the group may add, edit and choose
  images and documents, and the right to choose from the shared "Felles";
- the link between them (``SectionRoles``), and an entry in the section's
  history (Wagtail's audit log) naming every change.

It is idempotent: a second run changes nothing and says so. Saving a section
(in the admin, by code, as a copy or as a translation) provisions it once the
transaction commits; ``manage.py provision_sections`` runs it for every
section and also makes the network roles. Wagtail's permission models do the
actual work: events follow the page rights (``cms.permissions``), and images
and documents follow the collection rights.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from cms.i18n import source_of
from cms.models import AssociationPage, MunicipalityPage, SectionRoles

#: What a section's editors may do on its pages (and so on its events).
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")

#: What a section's editors may do in its media collection.
EDITOR_MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)

#: What every section's editors may do in the shared collection.
SHARED_MEDIA_PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))

SHARED_COLLECTION = "Felles"

#: The audit log's name for a provisioning entry (registered in wagtail_hooks).
LOG_ACTION = "cms.provision_section"

NATIONAL_EDITORS = "Nasjonal redaksjon"
TRANSLATORS = "Oversettere"
VOLUNTEERS = "Frivillige"


def group_name(section):
    return f"{section.title} – redaktører"


def _permissions():
    """The permissions provisioning gives a section's group, in one query: (app, codename) → it."""
    wanted = [
        ("wagtailadmin", "access_admin"),
        *(("wagtailcore", codename) for codename in EDITOR_PAGE_PERMISSIONS),
        *EDITOR_MEDIA_PERMISSIONS,
    ]
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(query).select_related("content_type")
    }


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def shared_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SHARED_COLLECTION).first()
    return collection or root.add_child(name=SHARED_COLLECTION)


def is_section(page):
    return isinstance(page.specific, MunicipalityPage | AssociationPage)


def provision(section, *, user=None):
    """Bring a section's group, collection and rights up to date; the changes, as text."""
    source = source_of(section.specific)
    if not is_section(source):
        return []
    changes = []
    permissions = _permissions()
    with transaction.atomic():
        roles = _roles(source, changes)
        group, collection = roles.editors, roles.collection
        access = permissions["wagtailadmin", "access_admin"]
        if not group.permissions.filter(pk=access.pk).exists():
            group.permissions.add(access)
            changes.append(f"gave “{group.name}” access to the admin")
        for page in source.get_translations(inclusive=True).select_related("locale"):
            for codename in EDITOR_PAGE_PERMISSIONS:
                _, created = GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permissions["wagtailcore", codename]
                )
                if created:
                    changes.append(
                        f"gave “{group.name}” {codename} on “{page.title}” "
                        f"({page.locale.language_code})"
                    )
        for target, media_permissions in (
            (collection, EDITOR_MEDIA_PERMISSIONS),
            (shared_collection(), SHARED_MEDIA_PERMISSIONS),
        ):
            for app_label, codename in media_permissions:
                _, created = GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=target, permission=permissions[app_label, codename]
                )
                if created:
                    changes.append(f"gave “{group.name}” {codename} in “{target.name}”")
        if changes:
            log(instance=source, action=LOG_ACTION, user=user, data={"changes": changes})
    return changes


def provision_on_commit(sender, instance, raw=False, **kwargs):
    """post_save receiver: provision the section once the page is really stored."""
    if raw:  # loading fixtures
        return
    page_id = instance.pk
    transaction.on_commit(lambda: _provision_by_id(page_id))


def _provision_by_id(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        provision(page)


def _roles(source, changes):
    """The section's SectionRoles, made or renamed to match the section's title."""
    roles = (
        SectionRoles.objects.select_related("editors", "collection").filter(section=source).first()
    )
    if roles is None:
        group = _free_group(source)
        collection = _free_collection(source)
        roles = SectionRoles.objects.create(section=source, editors=group, collection=collection)
        changes.append(f"linked the group “{group.name}” and the collection “{collection.name}”")
        return roles
    wanted = group_name(source)
    if roles.editors.name != wanted and not Group.objects.filter(name=wanted).exists():
        changes.append(f"renamed the group “{roles.editors.name}” to “{wanted}”")
        roles.editors.name = wanted
        roles.editors.save(update_fields=["name"])
    if roles.collection.name != source.title:
        changes.append(f"renamed the collection “{roles.collection.name}” to “{source.title}”")
        roles.collection.name = source.title
        roles.collection.save(update_fields=["name"])
    return roles


def _free_group(source):
    """The section's group: an unlinked one of its name, or a new one.

    Two sections may share a title (a "Sentrum" district in two
    municipalities); the second gets its parent's name in brackets.
    """
    for name in (group_name(source), f"{source.title} ({source.get_parent().title}) – redaktører"):
        group, _created = Group.objects.get_or_create(name=name)
        if not SectionRoles.objects.filter(editors=group).exists():
            return group
    return Group.objects.create(name=f"{group_name(source)} {source.pk}")


def _free_collection(source):
    root = Collection.get_first_root_node()
    taken = SectionRoles.objects.values("collection")
    existing = root.get_children().filter(name=source.title).exclude(pk__in=taken).first()
    return existing or root.add_child(name=source.title)


def _give(group, permissions, changes):
    """Add the model permissions ``group`` lacks, and say which."""
    have = set(group.permissions.values_list("pk", flat=True))
    for permission in permissions:
        if permission.pk not in have:
            group.permissions.add(permission)
            changes.append(f"gave “{group.name}” {permission.codename}")


def provision_network_roles(*, user=None):
    """The network's own groups; the changes, as text, each also in its group's history.

    National editors edit every page in every language (so every event) and
    all media; translators may submit translations; volunteers get no admin
    access at all (the private area uses the group).
    """
    changes = []
    access = _permission("wagtailadmin", "access_admin")
    national, created = Group.objects.get_or_create(name=NATIONAL_EDITORS)
    if created:
        changes.append(f"created the group “{NATIONAL_EDITORS}”")
    _give(
        national,
        [
            access,
            *(
                _permission("cms", f"{action}_eventcategory")
                for action in ("add", "change", "delete")
            ),
        ],
        changes,
    )
    root_page = Page.get_first_root_node()
    for codename in (*EDITOR_PAGE_PERMISSIONS, "delete_page"):
        _, created = GroupPagePermission.objects.get_or_create(
            group=national, page=root_page, permission=_permission("wagtailcore", codename)
        )
        if created:
            changes.append(f"gave “{NATIONAL_EDITORS}” {codename} on every page")
    root_collection = Collection.get_first_root_node()
    for app_label, codename in (
        *EDITOR_MEDIA_PERMISSIONS,
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "delete_document"),
    ):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=national,
            collection=root_collection,
            permission=_permission(app_label, codename),
        )
        if created:
            changes.append(f"gave “{NATIONAL_EDITORS}” {codename} in every collection")
    translators, created = Group.objects.get_or_create(name=TRANSLATORS)
    if created:
        changes.append(f"created the group “{TRANSLATORS}”")
    _give(translators, [access, _permission("wagtail_localize", "submit_translation")], changes)
    volunteers, created = Group.objects.get_or_create(name=VOLUNTEERS)
    if created:
        changes.append(f"created the group “{VOLUNTEERS}”")
    for group in (national, translators, volunteers):
        own = [change for change in changes if f"“{group.name}”" in change]
        if own:
            log(instance=group, action=LOG_ACTION, user=user, data={"changes": own})
    if not root_collection.get_children().filter(name=SHARED_COLLECTION).exists():
        changes.append(f"created the collection “{SHARED_COLLECTION}”")
    shared_collection()
    return changes


def provision_all(*, user=None):
    """The network roles and every section in the Norwegian tree: {what: changes}."""
    report = {"network roles": provision_network_roles(user=user)}
    sections = (
        Page.objects.type(MunicipalityPage, AssociationPage)
        .filter(locale=Locale.get_default())
        .order_by("path")
        .specific()
    )
    for section in sections:
        report[section.title] = provision(section, user=user)
    return report
