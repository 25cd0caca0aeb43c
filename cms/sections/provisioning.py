"""Local roles, Wagtail style: every section gets its editors and media, by itself.

``provision(section)`` makes, or brings up to date, for a MunicipalityPage or
AssociationPage in the Norwegian tree:

- a group "<section> – redaktører" that may reach the admin and add, edit,
  publish, lock and unlock pages in the section and below, in the Norwegian
  tree and in every translated copy of the section (each locale has its own
  tree);
- a group "<section> – koordinatorer" with the same rights, who also manage
  the section's people (``cms.sections.admin``) and approve its pages;
- a group "<section> – kommunekontakter" for the funding municipality's
  contacts, who reach the admin for the section's activity report only
  (``cms.activity``);
- a media collection "<section>" where both groups may add, edit and choose
  images and documents, and the right to choose from the shared "Felles";
- if the section requires approval, a Wagtail workflow on it whose one task
  the coordinators and national editors approve, and no publish right for
  the editors;
- the links between them (``SectionRoles``), and an entry in the section's
  history (Wagtail's audit log) naming every change.

It is idempotent: a second run changes nothing and says so. Saving a section
(in the admin, by code, as a copy or as a translation) provisions it once the
transaction commits; ``manage.py provision_sections`` runs it for every
section and also makes the network roles. Wagtail's permission models do the
actual work: events follow the page rights (``cms.events.permissions``), and images
and documents follow the collection rights.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.core.groups import NATIONAL_EDITORS, audience_changes
from cms.core.i18n import source_of
from cms.sections.models import SectionRoles, is_section

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

#: The workflow Wagtail's migrations put on the root page.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

#: What translators may do in the page tree of each language they translate into.
TRANSLATOR_PAGE_PERMISSIONS = ("change_page", "publish_page")

#: The audit log's name for a provisioning entry (registered in wagtail_hooks).
LOG_ACTION = "cms.provision_section"


EDITORS = "redaktører"
COORDINATORS = "koordinatorer"
MUNICIPALITY_CONTACTS = "kommunekontakter"


def group_name(section, suffix=EDITORS):
    return f"{section.title} – {suffix}"


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


def permission_named(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def top_collection(name):
    """The collection ``name`` just below the root, made if it is missing."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


def shared_collection():
    return top_collection(SHARED_COLLECTION)


def provision(section, *, user=None):
    """Bring a section's groups, collection, rights and workflow up to date; the changes."""
    source = source_of(section.specific)
    if not is_section(source):
        return []
    changes = []
    permissions = _permissions()
    with transaction.atomic():
        roles = _roles(source, changes)
        pages = list(source.get_translations(inclusive=True).select_related("locale"))
        publish = permissions["wagtailcore", "publish_page"]
        shared = shared_collection()
        for group in (roles.editors, roles.coordinators):
            give(group, [permissions["wagtailadmin", "access_admin"]], changes)
            codenames = EDITOR_PAGE_PERMISSIONS
            if group == roles.editors and roles.requires_approval:
                codenames = tuple(c for c in codenames if c != "publish_page")
            grant_pages(group, pages, [permissions["wagtailcore", c] for c in codenames], changes)
            for target, media_permissions in (
                (roles.collection, EDITOR_MEDIA_PERMISSIONS),
                (shared, SHARED_MEDIA_PERMISSIONS),
            ):
                _grant(
                    GroupCollectionPermission,
                    group,
                    "collection",
                    [target],
                    [permissions[key] for key in media_permissions],
                    changes,
                    lambda grant: (
                        f"gave “{grant.group.name}” {grant.permission.codename} "
                        f"in “{grant.collection.name}”"
                    ),
                )
        if roles.requires_approval:
            # Editors submit; only the approvers (coordinators, national editors) publish.
            taken = GroupPagePermission.objects.filter(
                group=roles.editors, page__in=pages, permission=publish
            )
            for grant in taken.select_related("page__locale"):
                changes.append(
                    f"took publish_page on “{grant.page.title}” "
                    f"({grant.page.locale.language_code}) from “{roles.editors.name}”"
                )
            taken.delete()
        # The municipality's contacts reach the admin for the activity report
        # (cms.activity), and nothing else: no pages, no media, no private area.
        give(roles.municipality_contacts, [permissions["wagtailadmin", "access_admin"]], changes)
        _workflow(roles, source, pages, changes)
        if any(change.startswith("linked the group") for change in changes):
            # The section's new groups see the volunteers' private area.
            changes += audience_changes(sender=SectionRoles)
        if changes:
            log(instance=source, action=LOG_ACTION, user=user, data={"changes": changes})
    return changes


def grant_pages(group, pages, permissions, changes):
    _grant(
        GroupPagePermission,
        group,
        "page",
        pages,
        permissions,
        changes,
        lambda grant: (
            f"gave “{grant.group.name}” {grant.permission.codename} on “{grant.page.title}” "
            f"({grant.page.locale.language_code})"
        ),
    )


def _grant(model, group, field, targets, permissions, changes, describe):
    """Give ``group`` each permission it lacks on each target (pages or collections).

    One query reads what it has and one writes what is missing, however many
    translations a section has: this runs after every save of a section.
    """
    have = set(
        model.objects.filter(group=group, **{f"{field}__in": targets}).values_list(
            f"{field}_id", "permission_id"
        )
    )
    missing = [
        model(group=group, permission=permission, **{field: target})
        for target in targets
        for permission in permissions
        if (target.pk, permission.pk) not in have
    ]
    model.objects.bulk_create(missing)
    changes.extend(describe(grant) for grant in missing)


def workflow_name(section):
    return f"{section.title} – godkjenning"


def _workflow(roles, source, pages, changes):
    """Wagtail's workflow on the section and its translations, if it requires approval.

    One group approval task, for the section's coordinators and the national
    editors. Without approval the section has no workflow link of its own and
    its editors publish directly.
    """
    if not roles.requires_approval:
        if roles.workflow is not None:
            unlinked, _ = WorkflowPage.objects.filter(
                page__in=pages, workflow=roles.workflow
            ).delete()
            if unlinked:
                changes.append(f"stopped the workflow “{roles.workflow.name}”: editors publish")
        return
    name = workflow_name(source)
    workflow = roles.workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        task = GroupApprovalTask.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        roles.workflow = workflow
        roles.save(update_fields=["workflow"])
        changes.append(f"created the workflow “{name}”")
    elif workflow.name != name or not workflow.active:
        changes.append(f"renamed or reactivated the workflow “{workflow.name}” as “{name}”")
        workflow.name, workflow.active = name, True
        workflow.save(update_fields=["name", "active"])
    approvers = [roles.coordinators, *Group.objects.filter(name=NATIONAL_EDITORS)]
    for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
        missing = [group for group in approvers if not task.groups.filter(pk=group.pk).exists()]
        if missing:
            task.groups.add(*missing)
            changes.append(
                f"let {', '.join(f'“{group.name}”' for group in missing)} approve in “{name}”"
            )
    linked = dict(WorkflowPage.objects.filter(page__in=pages).values_list("page", "workflow"))
    for page in pages:
        if linked.get(page.pk) != workflow.pk:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            changes.append(
                f"put “{page.title}” ({page.locale.language_code}) under the workflow “{name}”"
            )


def provision_on_commit(sender, instance, raw=False, **kwargs):
    """post_save receiver: provision the section once the page is really stored.

    The history names who saved it: Wagtail's admin views keep the user in
    the active log context, read here because the commit may come later.
    """
    if raw:  # loading fixtures
        return
    page_id = instance.pk
    user = get_active_log_context().user
    transaction.on_commit(lambda: _provision_by_id(page_id, user))


def _provision_by_id(page_id, user=None):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        provision(page, user=user)


def _roles(source, changes):
    """The section's SectionRoles, made or renamed to match the section's title."""
    roles = (
        SectionRoles.objects.select_related(
            "editors", "coordinators", "municipality_contacts", "collection", "workflow"
        )
        .filter(section=source)
        .first()
    )
    if roles is None:
        group = _free_group(source, EDITORS)
        collection = _free_collection(source)
        roles = SectionRoles.objects.create(section=source, editors=group, collection=collection)
        changes.append(f"linked the group “{group.name}” and the collection “{collection.name}”")
    if roles.coordinators is None:
        roles.coordinators = _free_group(source, COORDINATORS)
        roles.save(update_fields=["coordinators"])
        changes.append(f"linked the group “{roles.coordinators.name}”")
    if roles.municipality_contacts is None:
        roles.municipality_contacts = _free_group(source, MUNICIPALITY_CONTACTS)
        roles.save(update_fields=["municipality_contacts"])
        changes.append(f"linked the group “{roles.municipality_contacts.name}”")
    for group, suffix in (
        (roles.editors, EDITORS),
        (roles.coordinators, COORDINATORS),
        (roles.municipality_contacts, MUNICIPALITY_CONTACTS),
    ):
        wanted = group_name(source, suffix)
        if group.name != wanted and not Group.objects.filter(name=wanted).exists():
            changes.append(f"renamed the group “{group.name}” to “{wanted}”")
            group.name = wanted
            group.save(update_fields=["name"])
    if roles.collection.name != source.title:
        changes.append(f"renamed the collection “{roles.collection.name}” to “{source.title}”")
        roles.collection.name = source.title
        roles.collection.save(update_fields=["name"])
    return roles


def _free_group(source, suffix):
    """A group for the section: an unlinked one of its name, or a new one.

    Two sections may share a title (a "Sentrum" district in two
    municipalities); the second gets its parent's name in brackets.
    """
    linked = (
        Q(section_roles__isnull=False)
        | Q(coordinated_section__isnull=False)
        | Q(reported_section__isnull=False)
    )
    for name in (
        group_name(source, suffix),
        f"{source.title} ({source.get_parent().title}) – {suffix}",
    ):
        group, _created = Group.objects.get_or_create(name=name)
        if not Group.objects.filter(linked, pk=group.pk).exists():
            return group
    return Group.objects.create(name=f"{group_name(source, suffix)} {source.pk}")


def _free_collection(source):
    root = Collection.get_first_root_node()
    taken = SectionRoles.objects.values("collection")
    existing = root.get_children().filter(name=source.title).exclude(pk__in=taken).first()
    return existing or root.add_child(name=source.title)


def give(group, permissions, changes):
    """Add the model permissions ``group`` lacks, and say which."""
    have = set(group.permissions.values_list("pk", flat=True))
    for permission in permissions:
        if permission.pk not in have:
            group.permissions.add(permission)
            changes.append(f"gave “{group.name}” {permission.codename}")
