"""Privacy's guards, checked before Wagtail's own (cms comes first in INSTALLED_APPS)."""

from wagtail import hooks

from cms.privacy import serving

hooks.register("before_serve_page", serving.guard_private_page)
hooks.register("before_serve_document", serving.guard_private_document)
