"""Events: what a section arranges and when it happens.

An ``Event`` is a snippet owned by one section, written in Norwegian and
translated with wagtail-localize; its schedule, place, section and audience are
synchronised, so a translator cannot move it. Its dates are rows of
``EventOccurrence`` (``cms.events.occurrences``), expanded in Oslo time
(``cms.events.recurrence``), so the calendar filters and pages them in the database.
"""

import datetime
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.fields import DateListField
from cms.core.i18n import source_of
from cms.core.validators import safe_rich_text
from cms.events import recurrence
from cms.events.choices import Audience, EventStatus, Repeat
from cms.sections.models import SECTION_MODELS

#: Fields that change when an event happens.
SCHEDULE_FIELDS = frozenset(
    {"start", "end", "all_day", "repeat", "repeat_interval", "repeat_until", "excluded_dates"}
)

#: What a translator writes; the rest is the Norwegian event's, so a
#: translator cannot move, reschedule or cancel it.
TRANSLATED_FIELDS = ("title", "description", "registration_info")
SYNCHRONISED_FIELDS = (  # noqa: SIM905 - a list literal takes a line per field
    "category section start end all_day repeat repeat_interval repeat_until "
    "excluded_dates place_name address languages audience childcare free_of_charge "
    "step_free interpreter registration_url capacity status"
).split()


class EventCategory(TranslatableMixin, models.Model):
    """A kind of event: temakveld, treningsgruppe, kurs …

    A snippet, so the national editors can add a kind without a code change.
    The slug is what the calendar's links use (``?kategori=kurs``).
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in the calendar's links, for example “temakveld”."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug"),
        ]

    def __str__(self):
        return self.name


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events anyone may see: live, and not for volunteers only."""
        return self.filter(live=True).exclude(audience=Audience.VOLUNTEERS)


class Event(
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """Something a section arranges: a theme evening, an exercise group, a course."""

    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("The municipality, district or association that arranges the event."),
    )
    start = models.DateTimeField(_("starts"), help_text=_("Norwegian time."))
    end = models.DateTimeField(_("ends"), help_text=_("Norwegian time."))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the dates are shown; the times are ignored."),
    )
    repeat = models.CharField(
        _("repeats"), max_length=10, choices=Repeat.choices, default=Repeat.NEVER, blank=True
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 is every week or month, 2 every other, and so on."),
    )
    repeat_until = models.DateField(
        _("repeats until"),
        null=True,
        blank=True,
        help_text=_("The last date the event can happen. Needed when it repeats."),
    )
    excluded_dates = DateListField(
        _("except on"),
        help_text=_("Dates the event does not happen, one per line: 24.12.2026."),
    )
    place_name = models.CharField(
        _("place"), max_length=200, help_text=_("For example “Stovner bibliotek”.")
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street address and town: the map link uses it."),
    )
    languages = ParentalManyToManyField(
        "cms.SpokenLanguage",
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="events",
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.OPEN
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    interpreter = models.BooleanField(_("interpreter present"), default=False)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_info = models.CharField(
        _("how to register"),
        max_length=300,
        blank=True,
        help_text=_("For example “Send an SMS to the coordinator by Monday”."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leave empty if there is no limit."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        help_text=_("Cancel an event instead of deleting it, so people see it is off."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
        PageChooserPanel("section", page_type=list(SECTION_MODELS)),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_until"),
                FieldPanel("excluded_dates"),
            ],
            heading=_("Repetition"),
        ),
        MultiFieldPanel([FieldPanel("place_name"), FieldPanel("address")], heading=_("Where")),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("languages"),
                FieldRowPanel([FieldPanel("childcare"), FieldPanel("free_of_charge")]),
                FieldRowPanel([FieldPanel("step_free"), FieldPanel("interpreter")]),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_info"),
                FieldPanel("capacity"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("description"),
        FieldPanel("image"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("place_name"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("section"),
        index.FilterField("audience"),
        index.FilterField("live"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        *(TranslatableField(name) for name in TRANSLATED_FIELDS),
        *(SynchronizedField(name, overridable=False) for name in SYNCHRONISED_FIELDS),
        SynchronizedField("image"),  # a translation may show another picture
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["live", "audience"], name="event_public_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.all_day:
            self.start = recurrence.aware(
                datetime.datetime.combine(recurrence.local(self.start).date(), datetime.time())
            )
            self.end = recurrence.aware(
                datetime.datetime.combine(recurrence.local(self.end).date(), datetime.time(23, 59))
            )
        for name in ("start", "end"):
            value = getattr(self, name)
            if value and not recurrence.FIRST_YEAR <= value.year <= recurrence.LAST_YEAR:
                errors[name] = _("Check the year: the calendar takes %(first)s to %(last)s.") % {
                    "first": recurrence.FIRST_YEAR,
                    "last": recurrence.LAST_YEAR,
                }
        if errors:
            raise ValidationError(errors)
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event ends before it starts.")
        if self.repeat:
            errors.update(self._clean_repetition())
        if self.section_id:
            # The Norwegian section owns events, also when its English copy was chosen.
            self.section = source_of(self.section)
            if not self._owner_is_section():
                errors["section"] = _("Choose a municipality, a district or an association.")
        if errors:
            raise ValidationError(errors)

    def _clean_repetition(self):
        if not self.repeat_until:
            return {"repeat_until": _("A repeating event needs a last date.")}
        if not (self.start and self.end):
            return {}  # the missing time has its own error
        first = recurrence.local(self.start).date()
        if self.repeat_until < first:
            return {"repeat_until": _("The last date is before the event starts.")}
        if self.repeat_until > recurrence.latest_until(first):
            return {
                "repeat_until": _("An event can repeat for at most %(years)s years.")
                % {"years": recurrence.MAX_YEARS}
            }
        if self.end and recurrence.local(self.end).date() != first:
            return {"end": _("A repeating event starts and ends on the same day.")}
        dates = {start.date() for start, _end in self._expand(excluded=())}
        strays = [day for day in self.excluded_dates if day not in dates]
        if strays:
            return {
                "excluded_dates": _("The event does not happen on %(dates)s.")
                % {"dates": ", ".join(date_format(day, "d.m.Y") for day in strays)}
            }
        return {}

    def _owner_is_section(self):
        return self.section.specific_class._meta.label in SECTION_MODELS

    def save(self, *args, **kwargs):
        # Also what a translation, a revision or an import writes, unlike Draftail's check.
        self.description = safe_rich_text(self.description)
        with transaction.atomic():
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or set(update_fields) & SCHEDULE_FIELDS:
                self.refresh_occurrences()
            if update_fields is None or "section" in update_fields:
                self._move_translations()

    def _move_translations(self):
        """Give the translations their source's section at once.

        wagtail-localize copies synchronised fields only when a translation is
        synced; until then a moved event's translations would stay with, and
        be editable by, the section it left.
        """
        if self.locale_id != self._default_locale_id():
            return
        Event.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).exclude(
            section_id=self.section_id
        ).update(section_id=self.section_id)

    def _expand(self, excluded=None):
        return recurrence.expand(
            self.start,
            self.end,
            self.repeat,
            self.repeat_interval,
            self.repeat_until,
            self.excluded_dates if excluded is None else excluded,
        )

    def occurrence_times(self):
        """Every (start, end) of the event, aware, in order."""
        return self._expand()

    def refresh_occurrences(self):
        """Store the event's occurrences anew; translations share their source's."""
        if self.locale_id != self._default_locale_id():
            return
        self.occurrences.all().delete()
        self.occurrences.bulk_create(
            self.occurrences.model(event=self, start=start, end=end)
            for start, end in self.occurrence_times()
        )

    @staticmethod
    def _default_locale_id():
        return Locale.get_default().pk

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def schedule_text(self):
        """“Every Wednesday”, “The first Monday of every month”, or '' for a single event."""
        if not self.repeat:
            return ""
        return recurrence.describe(self.start, self.repeat, self.repeat_interval)

    def map_url(self):
        """A link to the address on OpenStreetMap, or '' without an address."""
        if not self.address:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address})

    def get_preview_template(self, request, mode_name):
        return "cms/event_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["event"] = self
        # Unsaved rows: the preview shows the form's schedule, not the stored one.
        context["occurrences"] = [
            self.occurrences.model(event=self, start=start, end=end)
            for start, end in self.occurrence_times()[:10]
        ]
        return context
