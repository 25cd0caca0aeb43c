"""The API's pages of results, public and admin alike: an offset a database can take."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

#: The most the listing's ``offset`` may be: beyond it a database overflows.
MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's ``limit`` and ``offset``, with an offset a database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        digits = offset.isascii() and offset.isdigit()
        if digits and (len(offset) > len(str(MAX_OFFSET)) or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)
