"""Sections: the places where the network works, and the associations they found.

A section is a MunicipalityPage (a municipality, or a district under one, such
as Oslo → Stovner) or an AssociationPage. Later work hangs local roles, media
and events on sections.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import PartnersBlock
from cms.core.i18n import localized, source_of
from cms.core.validators import validate_org_number
from cms.core.visibility import public
from cms.page_permissions import WalledPermissionsMixin

from .mixins import BodyPageMixin


class Phase(models.IntegerChoices):
    """The four phases of the Bydelsmødre concept in a place."""

    ESTABLISHING = 1, _("Phase 1: establishing")
    TRAINING = 2, _("Phase 2: training the first volunteers")
    ACTIVE = 3, _("Phase 3: active in the community")
    ASSOCIATION = 4, _("Phase 4: an independent association")


class GroupName(models.TextChoices):
    """What the local group calls itself."""

    BYDELSMODRE = "Bydelsmødre", "Bydelsmødre"
    BYGDEMODRE = "Bygdemødre", "Bygdemødre"
    BYDELSFEDRE = "Bydelsfedre", "Bydelsfedre"


class SectionMixin:
    """Behaviour shared by the two kinds of section page."""

    @cached_property
    def source(self):
        """This section in the Norwegian tree, which owns its events and lists."""
        return source_of(self)

    @cached_property
    def _source_news_index(self):
        from .news import NewsIndexPage

        return NewsIndexPage.objects.child_of(source_of(self)).live().first()

    def news_index(self):
        index = self._source_news_index
        return index.localized if index else None

    def upcoming_events(self, count=3):
        """The next public events of the section and the sections below it."""
        from cms.calendar import upcoming_in

        return upcoming_in(self.source, count)

    def spoken_languages(self):
        """The group's languages: its own list and consenting volunteers', never who speaks them."""
        from cms.volunteers import section_languages

        return section_languages(self)

    def calendar(self):
        from cms.calendar import calendar_page

        return calendar_page()

    def latest_news(self, count=3):
        """The section's newest articles, each in the reader's language if translated."""
        from .news import NewsPage

        if self._source_news_index is None:
            return []
        news = (
            public(NewsPage.objects.child_of(self._source_news_index).live())
            .select_related("image")
            .order_by("-date", "-pk")[:count]
        )
        return localized(news, select_related=["image"])


class MunicipalityPage(SectionMixin, BodyPageMixin, Page):
    """A municipality, or a district under a municipality, where the network works.

    Districts sit one level below their municipality (Oslo → Stovner); a
    district cannot hold further districts.
    """

    phase = models.PositiveSmallIntegerField(
        _("phase"),
        choices=Phase.choices,
        default=Phase.ESTABLISHING,
        help_text=_("Where the group is in the four phases of the concept."),
    )
    group_name = models.CharField(
        _("name of the group"),
        max_length=30,
        choices=GroupName.choices,
        default=GroupName.BYDELSMODRE,
    )
    coordinator_title = models.CharField(
        _("coordinator's role"),
        max_length=150,
        blank=True,
        help_text=_("A role, not a person's name: “Koordinator, Indre Østfold helsestasjon”."),
    )
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    coordinator_phone = models.CharField(
        _("coordinator's phone"),
        max_length=30,
        blank=True,
        help_text=_("The service's phone number, never a private number."),
    )
    languages = ParentalManyToManyField(
        "cms.SpokenLanguage",
        verbose_name=_("languages the group speaks"),
        blank=True,
        related_name="municipalities",
    )
    partners = StreamField(
        PartnersBlock(),
        blank=True,
        verbose_name=_("partner services"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("group_name"), FieldPanel("phase"), FieldPanel("languages")],
            heading=_("The group"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("coordinator_title"),
                FieldPanel("coordinator_email"),
                FieldPanel("coordinator_phone"),
            ],
            heading=_("Coordinator"),
        ),
        FieldPanel("body"),
        FieldPanel("partners"),
    ]
    search_fields = Page.search_fields + [
        *BodyPageMixin.search_fields,
        index.FilterField("phase"),
    ]
    override_translatable_fields = [SynchronizedField("coordinator_phone")]
    parent_page_types = ["home.HomePage", "cms.MunicipalityPage"]
    subpage_types = [
        "cms.MunicipalityPage",
        "cms.AssociationPage",
        "cms.StandardPage",
        "cms.NewsIndexPage",
    ]

    class Meta:
        verbose_name = _("municipality or district")
        verbose_name_plural = _("municipalities and districts")

    @classmethod
    def can_create_at(cls, parent):
        # A district lives under a municipality; a district has no districts.
        parent = parent.specific
        if isinstance(parent, MunicipalityPage) and parent.is_district:
            return False
        return super().can_create_at(parent)

    @property
    def is_district(self):
        return isinstance(self.get_parent().specific, MunicipalityPage)

    def districts(self):
        return localized(
            public(MunicipalityPage.objects.child_of(source_of(self)).live()).order_by("title")
        )

    def association(self):
        association = AssociationPage.objects.child_of(source_of(self)).live().first()
        return association.localized if association else None


class AssociationPage(WalledPermissionsMixin, SectionMixin, BodyPageMixin, Page):
    """The local volunteer association a group founds in phase four."""

    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Nine digits from Brønnøysundregistrene, without spaces."),
    )
    founded = models.DateField(_("founding date"), null=True, blank=True)
    board_title = models.CharField(
        _("board contact"),
        max_length=150,
        blank=True,
        help_text=_("A role, for example “Styreleder”."),
    )
    board_email = models.EmailField(_("board e-mail"), blank=True)
    board_phone = models.CharField(_("board phone"), max_length=30, blank=True)
    how_to_join = RichTextField(
        _("how to join"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("How a woman becomes a member or a volunteer."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("org_number"), FieldPanel("founded")],
            heading=_("The association"),
        ),
        MultiFieldPanel(
            [FieldPanel("board_title"), FieldPanel("board_email"), FieldPanel("board_phone")],
            heading=_("Board contact"),
        ),
        FieldPanel("how_to_join"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + BodyPageMixin.search_fields
    override_translatable_fields = [
        SynchronizedField("org_number"),
        SynchronizedField("board_phone"),
    ]
    parent_page_types = ["cms.MunicipalityPage"]
    subpage_types = ["cms.StandardPage", "cms.NewsIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    @property
    def formatted_org_number(self):
        """The organisation number as it is usually written: 974 760 673."""
        number = self.org_number
        return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 9 else number
