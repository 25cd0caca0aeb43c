"""What keeps private content private: the volunteer area, training material, images.

Wagtail's own privacy does the work, and this module keeps it complete:

- **Who may see it.** The *private audience* is the volunteers ("Frivillige"),
  the national editors, translators, and every section's editors and
  coordinators (they write and translate the material). ``sync_private_area``
  puts exactly these groups on a ``PageViewRestriction`` of every
  ``VolunteerAreaPage`` (in every language) and on the
  ``CollectionViewRestriction`` of the training collection; provisioning calls
  it whenever a section's groups change.
- **Translations.** Wagtail does not copy a restriction set on a page after it
  was translated, and ``.public()`` then counts the translation as public. So
  a restriction on a Norwegian page is copied to all its translations and
  aliases whenever it changes (``sync_translations``, on signals), and a new
  translation gets its source's restrictions.
- **Every request to a private page** passes :func:`guard_private_page` (a
  ``before_serve_page`` hook) first: a page inside a volunteer area is private
  even if its restriction was lost, anonymous visitors go to the login page
  and come back, and a logged-in person outside the audience gets a polite
  403 page instead of Wagtail's login redirect (which would loop).
  Responses are marked ``Cache-Control: private, no-store``.
- **Documents** are always served through Django (``WAGTAILDOCS_SERVE_METHOD``),
  which checks the collection's restriction; :func:`serve_document` marks a
  private one's response uncacheable. The media server never serves
  ``documents/`` or ``original_images/`` (``config/urls.py``).
- **Images** in the training collection are shown in the private area through
  :func:`private_image_view`, a route of the area page that checks the
  collection; their rendition URLs are never written into a page, and every
  rendition file name carries a random token (``cms.platform.storage``).
"""

import logging
import mimetypes

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
)

from cms.models import VolunteerAreaPage
from cms.provisioning import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS, top_collection

#: The collection for training material: documents and images only the
#: private audience may see.
TRAINING_COLLECTION = "Opplæringsmateriell"

logger = logging.getLogger(__name__)

#: Filters a private image may be shown with: no one can make the server
#: render arbitrary sizes.
PRIVATE_IMAGE_FILTERS = frozenset(
    {"width-400", "width-800", "width-960", "fill-320x180", "fill-400x300", "fill-800x450"}
)


def audience_groups():
    """The groups that see the private area: a queryset of ``Group``."""
    return Group.objects.filter(
        Q(name__in=[VOLUNTEERS, NATIONAL_EDITORS, TRANSLATORS])
        | Q(name__startswith=f"{TRANSLATORS} – ")
        | Q(section_roles__isnull=False)
        | Q(coordinated_section__isnull=False)
    )


def in_audience(user):
    """Whether ``user`` may see the private area (cached on the user for the request)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_cms_in_private_audience", None)
    if cached is None:
        cached = audience_groups().filter(user=user).exists()
        user._cms_in_private_audience = cached
    return cached


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
        for area in VolunteerAreaPage.objects.all():
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
#: in cms/apps.py), so all app processes see a change at once.
AREA_PATHS_KEY = "privacy:area-paths"
RESTRICTED_COLLECTIONS_KEY = "privacy:restricted-collections"


def _cached(key, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, None)
    return value


def forget(**kwargs):
    """Signal receiver: areas or collection restrictions changed; compute them again."""
    cache.delete_many([AREA_PATHS_KEY, RESTRICTED_COLLECTIONS_KEY])


def area_paths():
    """The tree paths of every volunteer area, in every language."""
    return _cached(
        AREA_PATHS_KEY, lambda: tuple(VolunteerAreaPage.objects.values_list("path", flat=True))
    )


def in_private_area(page):
    """Whether ``page`` is a volunteer area or below one, or an alias of such a page."""
    paths = area_paths()
    pages = [page] if page.alias_of_id is None else [page, page.alias_of]
    return any(each.path.startswith(path) for each in pages for path in paths)


# --- Serving -------------------------------------------------------------------


def forbidden(request):
    """The polite answer for a logged-in person outside a page's audience."""
    response = render(request, "accounts/forbidden.html", status=403)
    add_never_cache_headers(response)
    return response


def _login(request):
    response = redirect_to_login(request.get_full_path(), "login")
    add_never_cache_headers(response)
    return response


def guard_private_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: refuse a private page to anyone outside its audience."""
    in_area = in_private_area(page)
    user = request.user
    if not user.is_authenticated:
        # Wagtail's own check sends them to the login page from a restricted
        # page; a page of the area whose restriction went missing is refused
        # all the same. (A public page costs no query here.)
        if in_area and not page.get_view_restrictions().exists():
            return _login(request)
        return None
    restrictions = page.get_view_restrictions()
    if not restrictions and not in_area:
        return None
    if in_area and not in_audience(user):
        return forbidden(request)
    if in_area and not restrictions:
        # Wagtail marks only restricted pages uncacheable: this one must be too.
        logger.warning("The private page %s has lost its view restriction.", page.url_path)
        response = page.serve(request, *serve_args, **serve_kwargs)
        add_never_cache_headers(response)
        return response
    return forbidden(request) if _refuses(restrictions, request) else None


def guard_private_document(document, request):
    """``before_serve_document`` hook: a logged-in outsider gets 403, not a login loop."""
    if not request.user.is_authenticated:
        return None  # Wagtail's check redirects to the login page
    restrictions = document.collection.get_view_restrictions()
    return forbidden(request) if _refuses(restrictions, request) else None


def _refuses(restrictions, request):
    """Whether a login or groups restriction keeps the logged-in ``request.user`` out."""
    return any(
        restriction.restriction_type in (BaseViewRestriction.GROUPS, BaseViewRestriction.LOGIN)
        and not restriction.accept_request(request)
        for restriction in restrictions
    )


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, with private documents kept out of every shared cache."""
    response = wagtail_serve_document(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).select_related("collection")
    document = document.first()
    if document is not None and document.collection.get_view_restrictions():
        add_never_cache_headers(response)
    return response


def private_image_view(request, image_id, filter_spec):
    """A training image, for the private audience: never by its rendition's URL.

    Served as a route of the volunteer area page, so the page's restriction
    has been checked already; the image's own collection is checked too, and
    only images in restricted collections are served here.
    """
    image = get_image_model().objects.filter(pk=image_id).select_related("collection").first()
    if image is None or filter_spec not in PRIVATE_IMAGE_FILTERS:
        raise Http404
    restrictions = image.collection.get_view_restrictions()
    if not restrictions:
        raise Http404  # public images have public renditions; nothing to do here
    if not all(restriction.accept_request(request) for restriction in restrictions):
        return forbidden(request)
    try:
        rendition = image.get_rendition(filter_spec)
    except (InvalidFilterSpecError, OSError) as error:
        raise Http404 from error
    response = FileResponse(rendition.file.open("rb"), content_type=_content_type(rendition))
    patch_cache_control(response, private=True, max_age=3600)
    return response


def restricted_collection_ids():
    """Ids of the collections with a view restriction, and of those below them."""
    return _cached(RESTRICTED_COLLECTIONS_KEY, _restricted_collection_ids)


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
    area = VolunteerAreaPage.objects.live().filter(locale=Locale.get_default()).first()
    return area.localized if area else None


def private_image_url(image, filter_spec):
    """Where ``image`` is shown if it is private: None if the image is public.

    The volunteer area's checked route in the active language; "" when the
    site has no volunteer area or the filter is not one it serves: such an
    image is not shown at all, never by its rendition's URL.
    """
    if image.collection_id not in restricted_collection_ids():
        return None
    area = volunteer_area()
    if area is None or filter_spec not in PRIVATE_IMAGE_FILTERS:
        return ""
    return area.url + area.reverse_subpage("image", args=(image.pk, filter_spec))


def _content_type(rendition):
    return mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
