from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.page_permissions import WalledPermissionsMixin

from .mixins import BodyPageMixin


class StandardPage(WalledPermissionsMixin, BodyPageMixin, Page):
    """A plain page: about us, contact, the accessibility statement and the like."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + BodyPageMixin.search_fields
    parent_page_types = [
        "home.HomePage",
        "cms.MunicipalityPage",
        "cms.AssociationPage",
        "cms.StandardPage",
        "cms.VolunteerAreaPage",
    ]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
