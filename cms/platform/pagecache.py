"""The public page cache: whole HTML pages for anonymous visitors, shared by every app process.

Written here because wagtail-cache, the package that does this for Wagtail,
supports Wagtail up to 7 only, and Django's own cache middleware keys on the
``Cookie`` header (every visitor with an unrelated cookie would get a copy of
her own) and cannot drop everything at once.

- **What is kept.** A ``GET`` answered ``200`` with HTML, for a visitor with
  no session or messages cookie, when the response sets no cookie (a page
  with a CSRF token sets one), varies on nothing but the language and the
  cookies, and is not marked private or ``no-store``/``no-cache``: the
  private area, search results with private pages, documents and previews
  mark themselves so (``cms.privacy``). Keys hold the address (scheme, host,
  path, query string) and the active language, so each locale has its own.
- **When it is dropped.** Any saved, deleted or re-linked row of the content
  (pages, events, categories, images, documents, collections, restrictions,
  redirects, settings, volunteers' consents…) starts a new *generation*:
  every page in every process is built again. A menu or a footer on every
  page shows other pages' titles, so a narrower rule would keep stale copies;
  publishing is rare beside reading, so a whole new generation is cheap.
  The generation changes at once and again at commit (see
  :func:`content_changed`), and each entry is kept at most
  ``PAGE_CACHE_SECONDS``, because "coming events" lists age by themselves.
- Responses say ``X-Page-Cache: hit`` or ``miss`` when the cache took part.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from cms.core.cache import content
from cms.platform import frontcache

#: Apps whose rows a public page may show.
CONTENT_APPS = frozenset(
    {"cms", "home", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}
)

#: Models of those apps whose rows no public page shows, and which change as
#: editors work or pages render (logs, drafts, renditions made on first view).
#: Publishing a draft saves its page or snippet, which starts a generation.
BOOKKEEPING_MODELS = frozenset(
    {
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailcore.workflowstate",
        "wagtailimages.rendition",
        "cms.eventlogentry",
        # The volunteers' activity log: a public page shows it only as the
        # yearly figure, kept an hour by itself (cms.templatetags.activity_tags).
        "cms.activityentry",
        "cms.activityentry_languages",
        "cms.entrytopic",
        "cms.entryservice",
        "cms.activitymonth",
        # What the public forms send (cms.outreach): no public page shows it,
        # and a stream of posts must not empty the cache.
        "cms.candidate",
        "cms.candidate_languages",
        "cms.contactrequest",
        "cms.notificationpreferences",
    }
)

#: ``Vary`` headers the key already covers: the language is in the address or
#: the key, and no kept response was made with a session or messages cookie.
_COVERED_VARY = frozenset({"accept-language", "cookie"})


def content_changed(**kwargs):
    """Signal receiver: the content changed, so every kept page goes, here and in front."""
    content.changed()
    frontcache.content_changed()


def row_changed(sender, action=None, **kwargs):
    """post_save, post_delete and m2m_changed receiver: content rows start a new generation."""
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed is sent before and after; after is enough
    label = sender._meta.label_lower
    if sender._meta.app_label in CONTENT_APPS and label not in BOOKKEEPING_MODELS:
        content_changed()


def _may_use_cache(request):
    return (
        request.method == "GET"
        and not getattr(request, "is_dummy", False)  # Wagtail's previews
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(("/admin/", "/documents/"))
    )


def _may_keep(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= _COVERED_VARY:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _key(request, generation):
    address = f"{get_language()} {request.build_absolute_uri()}"
    return f"pages:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Answer anonymous visitors' public pages from the shared cache.

    Comes after ``LocaleMiddleware`` (the language is known) and before
    everything that reads the session or the user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not _may_use_cache(request):
            return self.get_response(request)
        generation = content.current()
        if generation is None:  # the cache is unreachable (cms.platform.cache)
            return self.get_response(request)
        key = _key(request, generation)
        kept = cache.get(key)
        if kept is not None:
            return _rebuild(kept)
        response = self.get_response(request)
        if _may_keep(request, response):
            # A shared cache in front must not hand this anonymous copy to
            # someone who sends a login cookie.
            patch_vary_headers(response, ("Cookie",))
            response["X-Page-Cache"] = "miss"
            cache.set(key, _freeze(response), seconds)
        return response


def _freeze(response):
    headers = [(name, value) for name, value in response.items() if name != "X-Page-Cache"]
    return response.status_code, headers, response.content


def _rebuild(kept):
    status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
