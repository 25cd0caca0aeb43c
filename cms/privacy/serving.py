"""Serving private content: the guards before every private page, document and file.

See ``cms.privacy.restrictions`` for who the audience is and how the
restrictions are kept in place. Here every request to a private page passes
:func:`guard_private_page` first, documents pass :func:`guard_private_document`
and :func:`serve_document`, and the files of private images and documents
(kept apart by ``cms.privacy.media``) are served by :func:`serve_private_media`
only.
"""

import logging
import mimetypes

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import filepath_to_uri
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction
from wagtail.permissions import policy_registry

from cms.core.groups import can_act, in_audience
from cms.platform.storage import is_private_name
from cms.privacy.restrictions import in_private_area

logger = logging.getLogger(__name__)

#: How ``serve_private_media`` hands a file over (``PRIVATE_MEDIA_SERVE``).
SERVE_MODES = ("django", "x-accel-redirect", "x-sendfile")


def check_serve_mode(app_configs=None, **kwargs):
    """System check: ``PRIVATE_MEDIA_SERVE`` is a way this module knows, found at start-up."""
    if settings.PRIVATE_MEDIA_SERVE in SERVE_MODES:
        return []
    return [
        checks.Error(
            f"PRIVATE_MEDIA_SERVE is {settings.PRIVATE_MEDIA_SERVE!r}.",
            hint=f"Set it to one of: {', '.join(SERVE_MODES)} (README, private media).",
            id="cms.E110",
        )
    ]


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


# --- The files of private images and documents ------------------------------------------


def may_see(request, item):
    """Whether ``request``'s reader may see the image or document ``item``.

    The private area's rule: every restriction of its collection accepts her
    (a member of an allowed group; superusers always). An editor who may
    change or choose the item in the admin sees it there too.
    """
    restrictions = item.collection.get_view_restrictions()
    if all(restriction.accept_request(request) for restriction in restrictions):
        return True
    user = request.user
    policy = policy_registry.get_by_type(type(item))
    return can_act(user) and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], item
    )


def _owner(name):
    """(image or document, its ``FieldFile``) for the stored file ``name``, or (None, None)."""
    Image = get_image_model()
    rendition = (
        Image.get_rendition_model()
        .objects.filter(file=name)
        .select_related("image__collection")
        .first()
    )
    if rendition is not None:
        return rendition.image, rendition.file
    for model in (Image, get_document_model()):
        item = model.objects.filter(file=name).select_related("collection").first()
        if item is not None:
            return item, item.file
    return None, None


def _not_found():
    response = HttpResponse(status=404, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


def _deliver(file):
    """The response that gives ``file`` (a private one), as ``PRIVATE_MEDIA_SERVE`` says."""
    name, part = file.name, file.storage.part(file.name)
    if hasattr(part, "signed_url"):  # S3: the bucket sends it, for a minute
        return HttpResponseRedirect(part.signed_url(name))
    mode = settings.PRIVATE_MEDIA_SERVE
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # django-sendfile2 would set these headers too, but it reads the setting
    # Wagtail's document view reads (SENDFILE_BACKEND), which would send the
    # public documents through the private location as well.
    if mode == "x-accel-redirect":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_INTERNAL_URL + filepath_to_uri(name)
    elif mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = part.path(name)
    elif mode == "django":
        try:
            response = FileResponse(file.storage.open(name, "rb"), content_type=content_type)
        except FileNotFoundError:
            logger.warning("The private file %s is missing.", name)
            return _not_found()
    else:
        raise ImproperlyConfigured(f"PRIVATE_MEDIA_SERVE must be one of {', '.join(SERVE_MODES)}")
    if not content_type.startswith("image/"):
        response["Content-Disposition"] = "attachment"
    return response


def serve_private_media(request, path):
    """A private image's original or rendition, or a private document's file, to who may see it.

    Everyone else, and every name that is not a private file, gets the same
    404: the answer says nothing about what exists.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    item, file = _owner(path) if is_private_name(path) else (None, None)
    if item is None or not may_see(request, item):
        return _not_found()
    response = _deliver(file)
    add_never_cache_headers(response)  # private, no-store: no shared cache keeps it
    response["X-Content-Type-Options"] = "nosniff"
    return response
