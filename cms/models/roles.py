from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionRoles(models.Model):
    """What provisioning made for one section: its groups, media collection and workflow.

    One row per section page in the Norwegian tree (``cms.provisioning``). The
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


class TranslatorRole(models.Model):
    """The languages a group's members may translate into, and no others.

    A translator's languages are those of every group she is in
    (``cms.translators``). Provisioning makes "Oversettere" (every language)
    and one group per language ("Oversettere – somali" …).
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
