"""The URL configuration of the media tests: the site's with the development server's media route.

The media route goes in front of the site's own URLs, as ``DEBUG`` adds it
(``config.urls.media_urlpatterns``), so that the tests see what it serves.
"""

from config import urls as site_urls
from config.urls import media_urlpatterns

#: The development server's media route in front of the site, as with DEBUG.
urlpatterns = [*media_urlpatterns(), *site_urls.urlpatterns]
