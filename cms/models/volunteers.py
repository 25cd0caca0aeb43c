"""The volunteers' private area, their profiles, consents and training attendance.

``VolunteerAreaPage`` (``/frivillig/``) is restricted with Wagtail's page
privacy to the volunteers and the people who work with them; every page below
it inherits the restriction, and ``cms.privacy`` keeps it on every translation.
Its routes (the programme, a module, progress, the certificate, the profile)
are served through the page, so they are private the same way.

A ``VolunteerProfile`` is personal data: it never reaches a public page. The
one public trace of it is the language directory of a section, built only
from profiles whose owner consented (``consent_language_listing``), and only
as language names.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from .curriculum import Programme
from .mixins import BodyPageMixin


class VolunteerAreaPage(RoutablePageMixin, BodyPageMixin, Page):
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
        from cms import volunteers

        return volunteers.index_view(request, self)

    @path("opplaering/")
    def programme(self, request):
        from cms import volunteers

        return volunteers.programme_view(request, self)

    @path("opplaering/<int:module_id>/")
    def module(self, request, module_id):
        from cms import volunteers

        return volunteers.module_view(request, self, module_id)

    @path("opplaering/<int:module_id>/utskrift/")
    def module_print(self, request, module_id):
        from cms import volunteers

        return volunteers.module_view(request, self, module_id, printable=True)

    @path("fremdrift/")
    def progress(self, request):
        from cms import volunteers

        return volunteers.progress_view(request, self)

    @path("fremdrift/kursbevis/")
    def certificate(self, request):
        from cms import volunteers

        return volunteers.certificate_view(request, self)

    @path("profil/")
    def profile(self, request):
        from cms import volunteers

        return volunteers.profile_view(request, self)

    @path("profil/mine-data/")
    def profile_data(self, request):
        from cms import volunteers

        return volunteers.data_view(request, self)

    @re_path(r"^bilde/(?P<image_id>\d+)/(?P<filter_spec>[a-z0-9_.-]{1,60})/$")
    def image(self, request, image_id, filter_spec):
        from cms import privacy

        return privacy.private_image_view(request, int(image_id), filter_spec)


class VolunteerProfile(models.Model):
    """A volunteer's own details: where she belongs, what she speaks, what she consents to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    programme = models.CharField(
        _("programme"), max_length=2, choices=Programme.choices, default=Programme.LONG
    )
    languages = models.ManyToManyField(
        "cms.SpokenLanguage",
        verbose_name=_("languages I speak"),
        blank=True,
        related_name="volunteers",
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text=_("Only your coordinator sees it."),
    )
    consent_photo = models.BooleanField(
        _("photos of me may be shown on the public site"), default=False
    )
    consent_language_listing = models.BooleanField(
        _("my languages may be listed, without my name, on my group's public page"),
        default=False,
    )
    deletion_requested_at = models.DateTimeField(_("asked for deletion"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class ConsentKind(models.TextChoices):
    PHOTO = "photo", _("Photos on the public site")
    LANGUAGE_LISTING = "language_listing", _("Languages listed on the group's public page")


#: Which profile field holds the current state of each consent.
CONSENT_FIELDS = {
    ConsentKind.PHOTO: "consent_photo",
    ConsentKind.LANGUAGE_LISTING: "consent_language_listing",
}


class ConsentRecord(models.Model):
    """One consent given or withdrawn: what, by whom, when. Never changed afterwards."""

    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="consent_records"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    given = models.BooleanField(_("given"))
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        state = _("given") if self.given else _("withdrawn")
        return f"{self.get_kind_display()}: {state}"


class Attendance(models.Model):
    """A volunteer came to a module's evening.

    When a volunteer's data is deleted, ``volunteer`` becomes empty and the row
    stays: the section keeps anonymous counts of who attended what.
    """

    module = models.ForeignKey(
        "cms.CurriculumModule",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="training_attendance",
    )
    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
    )
    date = models.DateField(_("date of the evening"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "volunteer"],
                condition=models.Q(volunteer__isnull=False),
                name="attended_module_once",
            ),
        ]

    def __str__(self):
        return f"{self.module} ({self.date})"
