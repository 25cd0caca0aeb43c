"""What a bydelsmor does after her training: conversations, practical help, activities.

An ``ActivityEntry`` is one action a volunteer logged in the private area. It
holds no names, no contact details and no free text about the people she met:
only the date, the kind, the topics, the languages, how many people, which
service she referred them to, and how long it took. Entries belong to the
section: when a volunteer's data is deleted, ``volunteer`` becomes empty and
the entry stays as an anonymous count. After the section's retention period
the entries are folded into ``ActivityMonth`` rows (``cms.activity.retention``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: At most this many people reached in one action (a large activity).
MAX_PEOPLE = 500

#: The shortest retention a section can choose, in years.
RETENTION_MIN_YEARS = 1


class ActivityKind(models.TextChoices):
    CONVERSATION = "conversation", _("Conversation")
    PRACTICAL_HELP = "help", _("Practical help")
    ACTIVITY = "activity", _("Activity held")


class Topic(models.TextChoices):
    """What the conversations are about, in the network's own words (the seed's list)."""

    FAMILY = "family", _("Family life")
    SERVICES = "services", _("The municipality's services")
    EDUCATION = "education", _("Education and school")
    HEALTH = "health", _("Health")
    LEISURE = "leisure", _("Leisure activities")
    MONEY = "money", _("Money and finances")
    OTHER = "other", _("Other")


class Service(models.TextChoices):
    """Where she referred someone, or went along to."""

    HEALTH_STATION = "health_station", _("Health station")
    NAV = "nav", _("NAV")
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    MUNICIPALITY = "municipality", _("Municipality office")
    OTHER = "other", _("Other service")


class Duration(models.IntegerChoices):
    """How long it took, in minutes: a few steps, quick to choose on a phone."""

    QUARTER = 15, _("15 minutes")
    HALF_HOUR = 30, _("30 minutes")
    HOUR = 60, _("1 hour")
    HOUR_AND_HALF = 90, _("1½ hours")
    TWO_HOURS = 120, _("2 hours")
    THREE_HOURS = 180, _("3 hours")
    HALF_DAY = 240, _("Half a day")
    DAY = 450, _("A whole day")


class ActivityEntry(models.Model):
    """One action a volunteer logged: what, when, with how many, in which languages."""

    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="activity_entries",
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_entries",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("what"), max_length=12, choices=ActivityKind.choices)
    people = models.PositiveSmallIntegerField(
        _("people reached"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
    )
    minutes = models.PositiveSmallIntegerField(_("time spent"), choices=Duration.choices)
    languages = models.ManyToManyField(
        "cms.SpokenLanguage",
        verbose_name=_("languages used"),
        related_name="activity_entries",
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["section", "date"], name="activity_section_date"),
            models.Index(fields=["volunteer", "date"], name="activity_volunteer_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%Y-%m-%d})"


class EntryTopic(models.Model):
    """One topic of an entry (an entry has one or more)."""

    entry = models.ForeignKey(ActivityEntry, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "topic"], name="entry_topic_once"),
        ]

    def __str__(self):
        return self.get_topic_display()


class EntryService(models.Model):
    """A service an entry's people were referred or accompanied to (none or more)."""

    entry = models.ForeignKey(ActivityEntry, on_delete=models.CASCADE, related_name="service_rows")
    service = models.CharField(_("service"), max_length=16, choices=Service.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "service"], name="entry_service_once"),
        ]

    def __str__(self):
        return self.get_service_display()


class Dimension(models.TextChoices):
    """What an ``ActivityMonth`` row counts by."""

    KIND = "kind", _("What")
    TOPIC = "topic", _("Topic")
    LANGUAGE = "language", _("Language")
    SERVICE = "service", _("Service")


class ActivityMonth(models.Model):
    """A month's counts for a section, kept after its raw entries were removed.

    One row per section, month, kind of activity, dimension and value: how
    many entries, how many people they reached and how many minutes they took
    (a report on one kind reads that kind's rows). The entries of a
    month are folded into these rows by ``cms.activity.retention``; reports
    read both, so a report over an old period says the same as before.
    """

    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="activity_months",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    kind = models.CharField(_("what"), max_length=12, choices=ActivityKind.choices)
    dimension = models.CharField(_("counted by"), max_length=10, choices=Dimension.choices)
    value = models.CharField(_("value"), max_length=16)
    entries = models.PositiveIntegerField(_("entries"))
    people = models.PositiveIntegerField(_("people reached"))
    minutes = models.PositiveIntegerField(_("minutes"))

    class Meta:
        ordering = ["month", "kind", "dimension", "value"]
        verbose_name = _("month of activity")
        verbose_name_plural = _("months of activity")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "month", "kind", "dimension", "value"],
                name="activity_month_once",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.dimension}={self.value}: {self.entries}"


class ActivitySettings(models.Model):
    """A section's rules for the log: how long entries can be changed and kept."""

    section = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="activity_settings",
    )
    edit_days = models.PositiveSmallIntegerField(
        _("days an entry can be changed"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("After this many days a volunteer can no longer change or delete an entry."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years entries are kept"),
        default=5,
        validators=[MinValueValidator(RETENTION_MIN_YEARS), MaxValueValidator(10)],
        help_text=_("Older entries are removed; only the monthly counts are kept."),
    )
    public_figure = models.BooleanField(
        _("show this year's figure on the section's public page"),
        default=True,
        help_text=_("Only shown when the numbers are large enough to say nothing about anyone."),
    )

    class Meta:
        verbose_name = _("activity settings")
        verbose_name_plural = _("activity settings")

    def __str__(self):
        return str(self.section)

    @classmethod
    def for_section(cls, section_id):
        """The section's settings, or the defaults (unsaved) if it has none."""
        return cls.objects.filter(section_id=section_id).first() or cls(section_id=section_id)
