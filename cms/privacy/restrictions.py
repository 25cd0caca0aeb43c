"""What keeps private content private: the volunteer area, training material, images.

Wagtail's own privacy does the work, and this module keeps it complete:

- **Who may see it.** The *private audience* is the volunteers ("Frivillige"),
  the national editors, translators, and every section's editors and
  coordinators (they write and translate the material). ``sync_private_area``
  puts exactly these groups on a ``PageViewRestriction`` of every
  ``VolunteerAreaPage`` (in every language) and on the
  ``CollectionViewRestriction`` of the training collection, again whenever
  provisioning says the audience changed (``cms.core.groups.audience_changed``).
- **Translations.** Wagtail does not copy a restriction set on a page after it
  was translated, and ``.public()`` then counts the translation as public. So
  a restriction on a Norwegian page is copied to all its translations and
  aliases whenever it changes (``sync_translations``, on signals), and a new
  translation gets its source's restrictions.
- **Every request to a private page** passes
  ``cms.privacy.serving.guard_private_page`` (a ``before_serve_page`` hook)
  first: a page inside a volunteer area is private even if its restriction
  was lost, anonymous visitors go to the login page and come back, and a
  logged-in person outside the audience gets a polite 403 page instead of
  Wagtail's login redirect (which would loop).
  Responses are marked ``Cache-Control: private, no-store``.
- **Documents** are always served through Django (``WAGTAILDOCS_SERVE_METHOD``),
  which checks the collection's restriction; ``serving.serve_document`` marks a
  private one's response uncacheable. The media server never serves
  ``documents/`` or ``original_images/`` (``config/urls.py``).
- **Files** of images and documents in restricted collections (originals and
  renditions) live in the private storage, outside ``MEDIA_ROOT``, and are
  served only by ``serving.serve_private_media`` after the same check
  (``cms.privacy.media`` keeps them there as collections change); every
  rendition file name carries a random token (``cms.platform.storage``).
"""

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
)

from cms.core.cache import cached, content
from cms.core.groups import audience_groups
from cms.sections.provisioning import top_collection

#: The collection for training material: documents and images only the
#: private audience may see.
TRAINING_COLLECTION = "Opplæringsmateriell"


def _areas():
    # Named by label: the area is a page of the volunteers' package, above this one.
    return apps.get_model("cms", "VolunteerAreaPage").objects


# --- Keeping the restrictions in place ----------------------------------------------


def training_collection():
    return top_collection(TRAINING_COLLECTION)


def _restrict(restrictions, owner_field, owner, groups, changes, label):
    """Give ``owner`` one groups restriction naming exactly ``groups``."""
    restriction = restrictions.filter(
        **{owner_field: owner}, restriction_type=BaseViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = restrictions.model(
            **{owner_field: owner}, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.save()
        changes.append(f"made {label} private")
    have = set(restriction.groups.values_list("pk", flat=True))
    wanted = {group.pk for group in groups}
    if have != wanted:
        restriction.groups.set(groups)
        changes.append(f"let {len(wanted)} groups see {label}")
    # Any other kind of restriction (a shared password, any logged-in user)
    # would let more people in than the audience: it goes.
    others = restrictions.filter(**{owner_field: owner}).exclude(pk=restriction.pk)
    if others.exists():
        others.delete()
        changes.append(f"removed other restrictions on {label}")


def sync_private_area():
    """Every volunteer area and the training collection: visible to the audience only.

    Idempotent; returns the changes as text.
    """
    changes = []
    groups = list(audience_groups())
    with transaction.atomic():
        for area in _areas().all():
            _restrict(
                PageViewRestriction.objects, "page", area, groups, changes, f"“{area.url_path}”"
            )
        collection = training_collection()
        _restrict(
            CollectionViewRestriction.objects,
            "collection",
            collection,
            groups,
            changes,
            f"the collection “{collection.name}”",
        )
    return changes


def sync_translations(page):
    """Give every translation and alias of ``page`` (a Norwegian page) its restrictions.

    Its effective ones: its own and those it inherits, since an alias or a
    translation may sit where nothing above it is restricted.
    """
    source_restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    copies = Page.objects.filter(
        Q(translation_key=page.translation_key) | Q(alias_of=page)
    ).exclude(pk=page.pk)
    for copy in copies:
        PageViewRestriction.objects.filter(page=copy).delete()
        for restriction in source_restrictions:
            new = PageViewRestriction.objects.create(
                page=copy,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            new.groups.set(restriction.groups.all())


def _is_source(page):
    return page.locale_id == Locale.get_default().pk and page.alias_of_id is None


def restriction_changed(sender, instance, **kwargs):
    """post_save/post_delete/m2m_changed receiver for ``PageViewRestriction``."""
    if kwargs.get("action") not in (None, "post_add", "post_remove", "post_clear"):
        return
    page = Page.objects.filter(pk=getattr(instance, "page_id", None)).first()
    if page is None:
        return  # the page itself is being deleted, or a group changed
    if _is_source(page):
        transaction.on_commit(lambda: _sync_if_still_there(page))


def _sync_if_still_there(page):
    # A deleted page's translations keep their restrictions: they are not
    # made public because their source went away.
    if Page.objects.filter(pk=page.pk).exists():
        sync_translations(page)


def page_created(sender, instance, created=False, raw=False, **kwargs):
    """post_save receiver for pages: a new translation or alias gets its source's restrictions."""
    if raw or not created or not isinstance(instance, Page) or _is_source(instance):
        return
    page_id = instance.pk

    def copy():
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return
        source = page.alias_of or page.get_translation_or_none(Locale.get_default())
        if source is not None and source.get_view_restrictions().exists():
            sync_translations(source)

    transaction.on_commit(copy)


def area_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save receiver for volunteer areas: private from the first save."""
    if not raw and created:
        transaction.on_commit(sync_private_area)


#: Cache keys of what every page view and image asks: where the areas are,
#: which collections are private. Dropped on any change (``forget``, signals
#: in cms/privacy/signals.py), so all app processes see a change at once.
AREA_PATHS_KEY = "privacy:area-paths"
RESTRICTED_COLLECTIONS_KEY = "privacy:restricted-collections"


def forget(**kwargs):
    """Signal receiver: areas or collection restrictions changed; compute them again."""
    cache.delete_many([AREA_PATHS_KEY, RESTRICTED_COLLECTIONS_KEY])


def area_paths():
    """The tree paths of every volunteer area, in every language."""
    return cached(AREA_PATHS_KEY, lambda: tuple(_areas().values_list("path", flat=True)))


def in_private_area(page):
    """Whether ``page`` is a volunteer area or below one, or an alias of such a page."""
    if any(page.path.startswith(path) for path in area_paths()):
        return True
    return page.alias_of_id is not None and page.alias_of_id in _private_page_ids()


def _private_page_ids():
    """Ids of the pages in volunteer areas, kept per content generation (a handful a language).

    An alias elsewhere in the tree is private if its original is one of
    them; this answers that without reading the original.
    """
    return content.keep("privacy:private-pages", _read_private_page_ids)


def _read_private_page_ids():
    below = Q()
    for path in area_paths():
        below |= Q(path__startswith=path)
    if not below:
        return frozenset()
    return frozenset(Page.objects.filter(below).values_list("pk", flat=True))


def restricted_collection_ids():
    """Ids of the collections with a view restriction, and of those below them."""
    return cached(RESTRICTED_COLLECTIONS_KEY, _restricted_collection_ids)


def _restricted_collection_ids():
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    if not below:
        return frozenset()
    return frozenset(Collection.objects.filter(below).values_list("pk", flat=True))


def volunteer_area():
    """The live volunteer area in the reader's language (Norwegian if not translated), or None."""
    area = _areas().live().filter(locale=Locale.get_default()).first()
    return area.localized if area else None
