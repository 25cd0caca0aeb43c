from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.coreutils import resolve_model_string
from wagtail.documents import urls as wagtaildocs_urls

from cms.discovery import api, languages, search, seo
from cms.outreach import views as outreach
from cms.platform import health, requestguard
from cms.privacy import serving
from cms.volunteers import accounts
from cms.walls import views as walls


def chosen_multiple_urlpatterns():
    """Each chooser's answer for several objects, at its own address, given only real ids.

    Wagtail's would take ``?id=abc`` to the database (cms.platform.requestguard).
    Read after ``wagtail.admin.urls`` is imported: it registers the choosers.
    """
    return [
        path(
            f"{viewset.url_prefix}/chosen-multiple/",
            never_cache(
                require_admin_access(requestguard.integer_ids(viewset.chosen_multiple_view))
            ),
        )
        for viewset in admin_viewsets.viewsets
        if isinstance(viewset, ChooserViewSet)
        and requestguard.has_integer_pk(resolve_model_string(viewset.model))
    ]


urlpatterns = [
    # Wagtail's views of one page that show too much, replaced at their own addresses.
    path("admin/", include(walls.urlpatterns)),
    path("admin/", include(chosen_multiple_urlpatterns())),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, marking private documents uncacheable.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        serving.serve_document,
    ),
    path("documents/", include(wagtaildocs_urls)),
    # The files of private images and documents, to who may see them (cms.privacy.media).
    path(
        f"{settings.PRIVATE_MEDIA_URL.strip('/')}/<path:path>",
        serving.serve_private_media,
        name="private_media",
    ),
    # /sitemap.xml and /robots.txt: public pages only (cms.discovery.seo).
    path("", include(seo.urlpatterns)),
    # The read-only JSON API for other sites: public content only (cms.discovery.api).
    path("api/", include(api.urlpatterns)),
    # For the load balancer and the front cache: 200 while pages can be served.
    path("health/", health.health_view, name="health"),
]


def media_urlpatterns():
    """Media for the development server: public image renditions only.

    Documents go through their view, which checks privacy; originals of images
    are never linked; private files are not in ``MEDIA_ROOT`` at all. A
    production web server serves ``/media/images/`` the same way and nothing
    else of ``MEDIA_ROOT`` (see the README).
    """
    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(
            rf"^{prefix}(?P<path>images/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


if settings.DEBUG:
    urlpatterns += media_urlpatterns()

# Pages: Norwegian Bokmål without a prefix, every other language under its own.
urlpatterns += i18n_patterns(
    path("", include(accounts.urlpatterns)),
    path("sok/", search.search_view, name="search"),
    path("vi-snakker/", languages.directory_view, name="language_directory"),
    path("", include(outreach.urlpatterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
