"""The closed lists an event chooses from: its audience, status and repetition."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.events import recurrence


class Audience(models.TextChoices):
    OPEN = "open", _("Open to all")
    WOMEN = "women", _("Women only")
    VOLUNTEERS = "volunteers", _("Volunteers only")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")


class Repeat(models.TextChoices):
    NEVER = "", _("Does not repeat")
    WEEKLY = recurrence.WEEKLY, _("Every week, on the same weekday")
    MONTHLY = (
        recurrence.MONTHLY,
        _("Every month, on the same weekday (for example the first Monday)"),
    )
