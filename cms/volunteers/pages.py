"""The volunteers' private area: a page whose routes are the training, progress and profile.

``VolunteerAreaPage`` (``/frivillig/``) is restricted with Wagtail's page
privacy to the volunteers and the people who work with them; every page below
it inherits the restriction, and ``cms.privacy`` keeps it on every translation.
Its routes are served through the page, so they are private the same way;
the activity log's views are the activity package's (``cms.activity.views``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.activity import views as activity_views
from cms.core.mixins import BodyPageMixin
from cms.core.visibility import KnownRestrictionsMixin
from cms.volunteers import views


class VolunteerAreaPage(KnownRestrictionsMixin, RoutablePageMixin, BodyPageMixin, Page):
    """The private area for volunteers: training, internal events and news."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # Private content stays out of the site search index for everyone but
    # its audience; see cms.privacy.
    search_fields = Page.search_fields + BodyPageMixin.search_fields
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cms.StandardPage", "cms.NewsIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("volunteer area")
        verbose_name_plural = _("volunteer areas")

    @path("")
    def index(self, request):
        return views.index_view(request, self)

    @path("opplaering/")
    def programme(self, request):
        return views.programme_view(request, self)

    @path("opplaering/<int:module_id>/")
    def module(self, request, module_id):
        return views.module_view(request, self, module_id)

    @path("opplaering/<int:module_id>/utskrift/")
    def module_print(self, request, module_id):
        return views.module_view(request, self, module_id, printable=True)

    @path("fremdrift/")
    def progress(self, request):
        return views.progress_view(request, self)

    @path("fremdrift/kursbevis/")
    def certificate(self, request):
        return views.certificate_view(request, self)

    @path("aktivitet/")
    def activity(self, request):
        return activity_views.log_view(request, self, views.profile_of(request))

    @path("aktivitet/<int:entry_id>/")
    def activity_edit(self, request, entry_id):
        return activity_views.edit_view(request, self, views.profile_of(request), entry_id)

    @path("aktivitet/<int:entry_id>/slett/")
    def activity_delete(self, request, entry_id):
        return activity_views.delete_view(request, self, views.profile_of(request), entry_id)

    @path("profil/")
    def profile(self, request):
        return views.profile_view(request, self)

    @path("profil/mine-data/")
    def profile_data(self, request):
        return views.data_view(request, self)
