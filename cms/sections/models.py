"""Sections: the places where the network works, and the associations they found.

A section is a MunicipalityPage (a municipality, or a district under one, such
as Oslo → Stovner) or an AssociationPage. Their local roles (``SectionRoles``) and
the languages translators work in (``TranslatorRole``) are here too; what
other concepts show on a section's page (events, news, languages) comes
through their template tags, so this module knows nothing of them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import PartnersBlock
from cms.core.mixins import BodyPageMixin
from cms.core.page_permissions import WalledPermissionsMixin
from cms.core.validators import validate_org_number
from cms.core.visibility import KnownRestrictionsMixin


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
    """What the two kinds of section page are (historical migrations name it as a base).

    What a section's page shows of its neighbours, in the reader's language,
    is the chrome's (``cms.navigation.chrome.Section``).
    """


class MunicipalityPage(KnownRestrictionsMixin, SectionMixin, BodyPageMixin, Page):
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


class AssociationPage(
    KnownRestrictionsMixin, WalledPermissionsMixin, SectionMixin, BodyPageMixin, Page
):
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


class SectionRoles(models.Model):
    """What provisioning made for one section: its groups, media collection and workflow.

    One row per section page in the Norwegian tree (``cms.sections.provisioning``). The
    groups and the collection keep the section's name; the row goes with the
    section, while the groups and their people stay.
    """

    section = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="section_roles",
    )
    editors = models.OneToOneField(
        "auth.Group",
        verbose_name=_("editors group"),
        on_delete=models.CASCADE,
        related_name="section_roles",
    )
    coordinators = models.OneToOneField(
        "auth.Group",
        verbose_name=_("coordinators group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_section",
        help_text=_("Edit and publish like the editors, approve their pages, manage the people."),
    )
    municipality_contacts = models.OneToOneField(
        "auth.Group",
        verbose_name=_("municipality contacts group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_section",
        help_text=_(
            "The funding municipality's contacts: they read the section's activity report "
            "and nothing else."
        ),
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        on_delete=models.CASCADE,
        related_name="section_roles",
    )
    requires_approval = models.BooleanField(
        _("requires approval"),
        default=False,
        help_text=_(
            "Editors submit their pages and events; a coordinator or a national editor "
            "publishes them."
        ),
    )
    handed_over_at = models.DateTimeField(
        _("handed over"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the section was handed over to its own board. From then on the groups "
            "of the sections above it no longer edit its pages, events and media."
        ),
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow",
        verbose_name=_("approval workflow"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="section_roles",
    )

    class Meta:
        verbose_name = _("section roles")
        verbose_name_plural = _("section roles")

    def __str__(self):
        return str(self.editors)


class NotificationPreferences(models.Model):
    """Which e-mails a section's coordinator wants (``cms.sections.notifications``).

    Without a row she gets every kind at once; she turns each off, or asks
    for one e-mail a day instead (``cms.outreach.digest``), in her account
    settings in the admin, beside Wagtail's own workflow notifications.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    new_candidates = models.BooleanField(
        _("a woman wants to become a bydelsmor in my section"), default=True
    )
    new_requests = models.BooleanField(
        _("someone asks for a bydelsmor in my section"), default=True
    )
    deletion_requests = models.BooleanField(
        _("a volunteer of my section asks for her data to be deleted"), default=True
    )
    daily_digest = models.BooleanField(
        _("one e-mail a day with all of it, instead of one each time"), default=False
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class TranslatorRole(models.Model):
    """The languages a group's members may translate into, and no others.

    A translator's languages are those of every group she is in
    (``cms.sections.scopes.translator_locale_ids``). Provisioning makes
    "Oversettere" (every language) and one group per language ("Oversettere – somali" …).
    """

    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="translator_role",
    )
    locales = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        related_name="translator_roles",
        blank=True,
    )

    class Meta:
        verbose_name = _("translator role")
        verbose_name_plural = _("translator roles")

    def __str__(self):
        return str(self.group)


#: The page models that are sections, by label (as page choosers name them).
SECTION_MODELS = ("cms.MunicipalityPage", "cms.AssociationPage")


def section_pages(pages=None):
    """The one definition of "a section": municipalities, districts, associations.

    ``pages`` (a page queryset, every page by default) narrowed to the
    sections, in every language tree.
    """
    return (Page.objects.all() if pages is None else pages).type(MunicipalityPage, AssociationPage)


def norwegian_sections():
    """The sections of the Norwegian tree, which own the events, roles and volunteers."""
    return section_pages().filter(locale=Locale.get_default())


def is_section(page):
    return isinstance(page.specific, MunicipalityPage | AssociationPage)
