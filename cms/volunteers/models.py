"""The volunteers' profiles, consents and training attendance.

The private area they log in to is ``cms.volunteers.pages.VolunteerAreaPage``.
A ``VolunteerProfile`` is personal data: it never reaches a public page. The
one public trace of it is the language directory of a section, built only
from profiles whose owner consented (``consent_language_listing``), and only
as language names.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.curriculum.models import Programme


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
