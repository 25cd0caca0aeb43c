"""The walls' hooks: the page chooser's listings, the admin API, the bulk actions."""

from wagtail import hooks

from cms.walls import views
from cms.walls.api import (
    WalledDocumentsAdminAPIViewSet,
    WalledImagesAdminAPIViewSet,
    WalledPagesAdminAPIViewSet,
)
from cms.walls.bulk_actions import WALLED_BULK_ACTIONS, WalledSnippetDeleteBulkAction

hooks.register("construct_page_chooser_queryset", views.hide_unseen_pages_from_chooser)


@hooks.register("construct_admin_api", order=1)
def wall_admin_api(router):
    # After Wagtail's own hooks (order 0), so these replace its endpoints.
    router.register_endpoint("pages", WalledPagesAdminAPIViewSet)
    router.register_endpoint("images", WalledImagesAdminAPIViewSet)
    router.register_endpoint("documents", WalledDocumentsAdminAPIViewSet)


# Later than Wagtail's own (order 0), so these win for the same models and actions.
for action_class in (*WALLED_BULK_ACTIONS, WalledSnippetDeleteBulkAction):
    hooks.register("register_bulk_action", action_class, order=1)


# --- Chooser widgets in forms -------------------------------------------------------
