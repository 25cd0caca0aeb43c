"""Privacy's guards, checked before Wagtail's own (cms comes first in INSTALLED_APPS)."""

from wagtail import hooks

from cms.privacy import media, serving

hooks.register("before_serve_page", serving.guard_private_page)
hooks.register("before_serve_document", serving.guard_private_document)
hooks.register("after_bulk_action", media.bulk_action_done)
