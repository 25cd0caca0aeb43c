"""The training programme: curriculum modules, and sections' local variants of them.

Volunteers go through about 17 (or 10) course evenings. Each evening is a
``CurriculumModule``: a snippet the national editors write in Norwegian and
translators translate with wagtail-localize. A section adds its own notes and
material to a national module with a ``LocalModuleVariant``, which only its
own editors can change (``cms.curriculum.permissions.local_variant_policy``).

Modules are shown only inside the volunteers' private area (``cms.volunteers.views``):
they have no public URL, and their material is documents in the private
training collection (``cms.privacy``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class Theme(models.TextChoices):
    """The themes of the programme, in the order the programme usually takes them."""

    ROLE = "rollen", _("The role of a neighbourhood mother")
    PARENTHOOD = "foreldreskap", _("Parenthood")
    HEALTH = "helse", _("Health")
    WORK = "arbeid", _("Work and education")
    SOCIETY = "samfunnsliv", _("Society")
    SERVICES = "kommunens-tjenester", _("The municipality's services")
    METHOD = "samtalemetodikk", _("The conversation method")


#: The themes' order on the programme page.
THEME_ORDER = {value: index for index, value in enumerate(Theme.values)}


class Programme(models.TextChoices):
    """The two variants of the programme a group can run."""

    LONG = "17", _("17 evenings")
    SHORT = "10", _("10 evenings")


class ProgrammePhase(models.IntegerChoices):
    START = 1, _("Start: the group and the role")
    KNOWLEDGE = 2, _("Knowledge: society and services")
    PRACTICE = 3, _("Practice: conversations and bridge building")


class MaterialKind(models.TextChoices):
    MATERIAL = "material", _("Material")
    WORKSHEET = "worksheet", _("Worksheet")


class CurriculumModuleQuerySet(models.QuerySet):
    def in_programme(self, programme):
        """The live Norwegian modules of ``programme`` (a ``Programme`` value), in order."""
        modules = self.filter(live=True, locale=Locale.get_default())
        if programme == Programme.SHORT:
            modules = modules.filter(in_short_programme=True)
        else:
            modules = modules.filter(in_long_programme=True)
        return modules.order_by("order", "pk")


class CurriculumModule(
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One evening of the training programme: what it is for, what it covers, its material."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    order = models.PositiveSmallIntegerField(
        _("order in the programme"),
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Evening 1, 2, 3 … in the 17-evening programme."),
    )
    in_long_programme = models.BooleanField(_("in the 17-evening programme"), default=True)
    in_short_programme = models.BooleanField(_("in the 10-evening programme"), default=False)
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=ProgrammePhase.choices, default=ProgrammePhase.START
    )
    purpose = models.TextField(
        _("purpose"),
        max_length=1000,
        help_text=_("Why the evening matters to a neighbourhood mother, in two sentences."),
    )
    topics = models.TextField(
        _("topics"),
        blank=True,
        max_length=2000,
        help_text=_("One topic per line."),
    )
    learning_goals = RichTextField(
        _("learning goals"),
        blank=True,
        features=["bold", "italic", "ol", "ul"],
        help_text=_("What the volunteer knows or can do after the evening."),
    )
    body = RichTextField(_("content"), blank=True, features=RICH_TEXT_FEATURES)
    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=150,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    taught_by = models.CharField(
        _("who teaches it"),
        max_length=200,
        blank=True,
        help_text=_("A role, for example “helsesykepleier fra helsestasjonen”."),
    )
    services = RichTextField(
        _("municipal services"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("The services the evening introduces, with links to them."),
    )

    objects = CurriculumModuleQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("theme"), FieldPanel("phase")]),
                FieldRowPanel([FieldPanel("order"), FieldPanel("duration")]),
                FieldRowPanel([FieldPanel("in_long_programme"), FieldPanel("in_short_programme")]),
            ],
            heading=_("Place in the programme"),
        ),
        FieldPanel("purpose"),
        FieldPanel("topics"),
        FieldPanel("learning_goals"),
        FieldPanel("body"),
        FieldPanel("taught_by"),
        FieldPanel("services"),
        InlinePanel("materials", label=_("Material and worksheets")),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("purpose"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("live"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("purpose"),
        TranslatableField("topics"),
        TranslatableField("learning_goals"),
        TranslatableField("body"),
        TranslatableField("taught_by"),
        TranslatableField("services"),
        SynchronizedField("theme", overridable=False),
        SynchronizedField("order", overridable=False),
        SynchronizedField("in_long_programme", overridable=False),
        SynchronizedField("in_short_programme", overridable=False),
        SynchronizedField("phase", overridable=False),
        SynchronizedField("duration", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["order", "pk"]
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")

    def __str__(self):
        return self.title

    def topic_list(self):
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Material(Orderable):
    """A document given out at an evening: a handout, slides, or a worksheet."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MaterialKind.choices, default=MaterialKind.MATERIAL
    )

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.document.title


class CurriculumMaterial(Material):
    """A document that belongs to a module: a handout, slides, or a worksheet.

    Material belongs to the Norwegian module and is shown with every
    translation of it; ``language`` says which language the document itself
    is in, so a volunteer reading in Arabic sees the Arabic handout first.
    """

    module = ParentalKey(CurriculumModule, on_delete=models.CASCADE, related_name="materials")
    language = models.CharField(
        _("language of the document"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nb",
        help_text=_("The language the document is written in."),
    )

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("kind"), FieldPanel("language")])]


class LocalModuleVariant(ClusterableModel):
    """A section's own notes and material for a national module.

    Shown under the national module to the section's volunteers; edited only by
    the section's own editors.
    """

    module = models.ForeignKey(
        CurriculumModule,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="local_variants",
        limit_choices_to={"locale__language_code": "nb"},
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="local_module_variants",
    )
    notes = RichTextField(
        _("local notes"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What is different here: who teaches it, where, local services."),
    )

    panels = [
        FieldPanel("module"),
        FieldPanel("section"),
        FieldPanel("notes"),
        InlinePanel("materials", label=_("Local material")),
    ]

    class Meta:
        verbose_name = _("local variant of a module")
        verbose_name_plural = _("local variants of modules")
        constraints = [
            models.UniqueConstraint(fields=["module", "section"], name="unique_local_variant"),
        ]

    def __str__(self):
        return f"{self.module} – {self.section}"


class LocalMaterial(Material):
    variant = ParentalKey(LocalModuleVariant, on_delete=models.CASCADE, related_name="materials")

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("kind")])]
