"""What search engines read: the sitemap and robots.txt."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

urlpatterns = [
    # Live public pages only: Wagtail's sitemap uses .public(), and
    # cms.privacy keeps restrictions on every translation.
    path("sitemap.xml", sitemap),
]
