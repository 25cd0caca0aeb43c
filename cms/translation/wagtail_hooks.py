"""Translation in Wagtail's admin: wagtail-localize's views scoped, cascades, the status report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from cms.translation import localize, marks
from cms.translation import status as translation_status

# --- wagtail-localize's views of events --------------------------------------------
# wagtail-localize serves snippets outside the viewset, checking only its own
# or model-wide permissions. cms/translation/localize.py wraps each route that reaches an
# event; registered ahead of wagtail-localize's (order=-1), at the same paths.


@hooks.register("register_admin_urls", order=-1)
def register_scoped_localize_urls():
    return localize.urlpatterns()


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_to_translations(pages, action):
    """Moving, deleting or unpublishing a page does the same to its other-language copies.

    Every language's tree follows the Norwegian one (``cms.core.i18n``); without
    this, a moved Norwegian page would leave its aliases and translations at
    the old place, and a deleted one would leave its aliases showing stale
    text. Wagtail's own views do the cascade and list the copies on their
    confirmation pages; this is ``wagtail.contrib.simple_translation``'s rule
    for synchronised trees: translations only when unpublishing (aliases
    follow their original by themselves).
    """
    if action == "unpublish":
        return {
            page: Page.objects.translation_of(page, inclusive=False).filter(alias_of__isnull=True)
            for page in pages
        }
    if action in ("move", "delete"):
        return {page: Page.objects.translation_of(page, inclusive=False) for page in pages}
    return None


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "oversettelser/",
            translation_status.TranslationStatusView.as_view(),
            name="cms_translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_status.may_see(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse("cms_translation_status"), icon_name="globe", order=50
    )


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    panels.append(translation_status.TranslationPanel(request.user))


@hooks.register("register_log_actions")
def register_demo_translation_log_action(actions):
    actions.register_action(marks.DEMO_LOG_ACTION, marks.DEMO_LOG_LABEL, marks.DEMO_LOG_LABEL)
