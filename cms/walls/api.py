"""The admin API's endpoints, walled: only what the user may choose, and bounded offsets."""

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from cms.platform.pagination import BoundedPagination


class WalledPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """``/admin/api/main/pages/``: Wagtail's takes any ``?offset=`` to the database (a 500)."""

    pagination_class = BoundedPagination


class WalledImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """``/admin/api/main/images/``: Wagtail's lists every collection's images."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_image_model())
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class WalledDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """``/admin/api/main/documents/``: Wagtail's lists every collection's documents."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        allowed = policy_registry.get_by_type(
            get_document_model()
        ).instances_user_has_any_permission_for(self.request.user, ["choose"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))
