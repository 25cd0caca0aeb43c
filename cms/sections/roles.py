"""The network's own roles: national editors, translators, volunteers.

``provision_network_roles`` makes the groups every section's provisioning
(``cms.sections.provisioning``) leaves out: the national editors, who edit
every page in every language, the translators (every language, or one each),
and the volunteers, who get no admin access at all. ``provision_all`` runs it
and then every section; ``manage.py provision_sections`` calls it.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    WorkflowPage,
)

from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS, audience_changes
from cms.sections.models import TranslatorRole, norwegian_sections
from cms.sections.provisioning import (
    EDITOR_MEDIA_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    LOG_ACTION,
    SHARED_COLLECTION,
    TRANSLATOR_PAGE_PERMISSIONS,
    WAGTAIL_DEFAULT_WORKFLOW,
    give,
    grant_pages,
    permission_named,
    provision,
    shared_collection,
)


def provision_network_roles(*, user=None):
    """The network's own groups; the changes, as text, each also in its group's history.

    National editors edit every page in every language (so every event) and
    all media, translate into every language and manage every section's
    people (``cms.change_sectionroles``). "Oversettere" translate into every
    language, "Oversettere – somali" and the like into one (``TranslatorRole``).
    Volunteers get no admin access at all (the private area uses the group).
    """
    changes = []
    access = permission_named("wagtailadmin", "access_admin")
    submit = permission_named("wagtail_localize", "submit_translation")
    national = _group(NATIONAL_EDITORS, changes)
    give(
        national,
        [
            access,
            submit,
            permission_named("cms", "change_sectionroles"),
            *(
                permission_named("cms", f"{action}_eventcategory")
                for action in ("add", "change", "delete")
            ),
            # The national curriculum (sections add local notes, cms.curriculum.permissions).
            *(
                permission_named("cms", f"{action}_curriculummodule")
                for action in ("add", "change", "delete", "publish", "lock", "unlock")
            ),
        ],
        changes,
    )
    root_page = Page.get_first_root_node()
    for codename in (*EDITOR_PAGE_PERMISSIONS, "delete_page"):
        _, created = GroupPagePermission.objects.get_or_create(
            group=national, page=root_page, permission=permission_named("wagtailcore", codename)
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
            permission=permission_named(app_label, codename),
        )
        if created:
            changes.append(f"gave “{NATIONAL_EDITORS}” {codename} in every collection")
    languages = Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code")
    _translate_into(national, languages, changes)
    translators = _group(TRANSLATORS, changes)
    give(translators, [access, submit], changes)
    _translate_into(translators, languages, changes)
    groups = [national, translators]
    for locale in languages:
        group = _group(translator_group_name(locale), changes)
        give(group, [access, submit], changes)
        _translate_into(group, [locale], changes)
        groups.append(group)
    groups.append(_group(VOLUNTEERS, changes))
    # Wagtail's own migration puts "Moderators approval" on the root, for the
    # "Moderators" group nobody here is in: editors would submit pages into a
    # queue no one reads. Sections choose approval themselves instead.
    default_link = (
        WorkflowPage.objects.filter(page=root_page, workflow__name=WAGTAIL_DEFAULT_WORKFLOW)
        .select_related("workflow")
        .first()
    )
    if default_link is not None:
        default_link.delete()
        change = (
            f"took the workflow “{WAGTAIL_DEFAULT_WORKFLOW}” off the root: "
            "sections choose approval themselves"
        )
        changes.append(change)
        log(
            instance=default_link.workflow,
            action=LOG_ACTION,
            user=user,
            data={"changes": [change]},
        )
    for group in groups:
        own = [change for change in changes if f"“{group.name}”" in change]
        if own:
            log(instance=group, action=LOG_ACTION, user=user, data={"changes": own})
    if not root_collection.get_children().filter(name=SHARED_COLLECTION).exists():
        changes.append(f"created the collection “{SHARED_COLLECTION}”")
    shared_collection()
    changes += audience_changes(sender=TranslatorRole)
    return changes


def translator_group_name(locale):
    with translation.override(Locale.get_default().language_code):
        language = dict(settings.LANGUAGES).get(locale.language_code, locale.language_code)
        return f"{TRANSLATORS} – {str(language).lower()}"


def _group(name, changes):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        changes.append(f"created the group “{name}”")
    return group


def _translate_into(group, locales, changes):
    """Let ``group`` translate into ``locales``: the language rule, and edit rights there.

    Each language has its own page tree; the group may edit and publish
    there (the translated pages) and nowhere else. A language whose tree
    does not exist yet gets the rights when its first page is made
    (``provision_translation_trees``).
    """
    role, _created = TranslatorRole.objects.get_or_create(group=group)
    have = set(role.locales.values_list("pk", flat=True))
    for locale in locales:
        if locale.pk not in have:
            role.locales.add(locale)
            changes.append(f"let “{group.name}” translate into {locale.language_code}")
    if group.name == NATIONAL_EDITORS:
        return  # national editors have rights on the whole tree already
    roots = Page.objects.filter(depth=2, locale__in=locales).select_related("locale")
    grant_pages(
        group,
        roots,
        [permission_named("wagtailcore", codename) for codename in TRANSLATOR_PAGE_PERMISSIONS],
        changes,
    )


def provision_translation_trees(sender=None, instance=None, created=False, raw=False, **kwargs):
    """post_save receiver for home pages: a new language's tree gets its translators' rights."""
    if raw or not created:
        return
    user = get_active_log_context().user
    transaction.on_commit(lambda: _provision_translation_trees(user))


def _provision_translation_trees(user=None):
    for role in TranslatorRole.objects.select_related("group").prefetch_related("locales"):
        changes = []
        _translate_into(role.group, list(role.locales.all()), changes)
        if changes:
            log(instance=role.group, action=LOG_ACTION, user=user, data={"changes": changes})


def provision_all(*, user=None):
    """The network roles and every section in the Norwegian tree: {what: changes}."""
    report = {"network roles": provision_network_roles(user=user)}
    for section in norwegian_sections().order_by("path").specific():
        report[section.title] = provision(section, user=user)
    return report
