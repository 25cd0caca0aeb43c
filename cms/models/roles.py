from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionRoles(models.Model):
    """What provisioning made for one section: its editors group and media collection.

    One row per section page in the Norwegian tree (``cms.provisioning``). The
    group and the collection keep the section's name; the row goes with the
    section, while the group and its people stay.
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
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        on_delete=models.CASCADE,
        related_name="section_roles",
    )

    class Meta:
        verbose_name = _("section roles")
        verbose_name_plural = _("section roles")

    def __str__(self):
        return str(self.editors)
