"""Serving private content: the guards before every private page and document.

See ``cms.privacy.restrictions`` for who the audience is and how the
restrictions are kept in place. Here every request to a private page passes
:func:`guard_private_page` first, documents pass :func:`guard_private_document`
and :func:`serve_document`, and a private image is only ever shown through
the volunteer area's route (:func:`private_image_url`).
"""

import logging

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.models import BaseViewRestriction

from cms.core.groups import in_audience
from cms.privacy.restrictions import in_private_area, restricted_collection_ids, volunteer_area

logger = logging.getLogger(__name__)

#: Filters a private image may be shown with: no one can make the server
#: render arbitrary sizes.
PRIVATE_IMAGE_FILTERS = frozenset(
    {"width-400", "width-800", "width-960", "fill-320x180", "fill-400x300", "fill-800x450"}
)


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
