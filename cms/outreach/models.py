"""Reaching people: women who want to become bydelsmødre, and requests for one.

A ``Candidate`` is a woman who filled in "Become a bydelsmor"; a
``ContactRequest`` is a family or a service asking for a bydelsmor who
speaks a language. Both are personal data for the section's coordinators
only: they never reach a public page, the search, the API, a feed or the page
cache. They hold only what the forms ask (``cms.outreach.forms``) and are
deleted by the retention task (``cms.outreach.retention``): a request some
time after it was closed, a candidate some time after her last change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.activity.models import Topic


class CandidateStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    INFO_MEETING = "info_meeting", _("Invited to an information meeting")
    TRAINING = "training", _("Started training")
    NOT_NOW = "not_now", _("Not now")


class HeardFrom(models.TextChoices):
    FRIEND = "friend", _("From a friend or family")
    BYDELSMOR = "bydelsmor", _("From a bydelsmor")
    SERVICE = "service", _("From a service (health station, NAV, school…)")
    EVENT = "event", _("At a meeting or an event")
    INTERNET = "internet", _("On the internet or social media")
    OTHER = "other", _("Other")


class Requester(models.TextChoices):
    FAMILY = "family", _("Myself or my family")
    SERVICE = "service", _("A service (health station, school, NAV…)")
    OTHER = "other", _("Someone else")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being followed up")
    CLOSED = "closed", _("Closed")


class Submission(models.Model):
    """What both forms keep: the section, how to reach the person, the reader's language."""

    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    #: The site language she wrote in: the coordinator answers in it if she can.
    language_code = models.CharField(_("written in"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    #: Who last changed the status (kept until the row is deleted).
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name


class Candidate(Submission):
    """A woman who wants to become a bydelsmor, until she starts or says "not now"."""

    languages = models.ManyToManyField(
        "cms.SpokenLanguage",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
    )
    other_languages = models.CharField(_("other languages"), max_length=200, blank=True)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=120, blank=True)
    heard_from = models.CharField(
        _("heard of us"), max_length=20, choices=HeardFrom.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.NEW
    )
    #: The account made from her in one step (``cms.outreach.admin``).
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Submission.Meta):
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        indexes = [models.Index(fields=["section", "status"], name="candidate_section_status")]


class ContactRequest(Submission):
    """A family or a service asking for a bydelsmor who speaks a language."""

    requester = models.CharField(_("who asks"), max_length=20, choices=Requester.choices)
    organisation = models.CharField(_("service or organisation"), max_length=120, blank=True)
    language = models.ForeignKey(
        "cms.SpokenLanguage",
        verbose_name=_("language"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    other_language = models.CharField(_("other language"), max_length=80, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta(Submission.Meta):
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        indexes = [models.Index(fields=["section", "status"], name="request_section_status")]

    def language_label(self):
        return self.language.name if self.language_id else self.other_language
