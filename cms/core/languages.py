from django.db import models
from django.utils.translation import gettext_lazy as _


class SpokenLanguage(models.Model):
    """A language a local group or an event can offer, such as Somali or Dari.

    This is the language people speak, not a locale of the website: a group
    often speaks languages the site is not translated into.
    """

    code = models.SlugField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("ISO 639 code, for example “so” for Somali or “prs” for Dari."),
    )
    name = models.CharField(_("name in Norwegian"), max_length=80)
    name_local = models.CharField(
        _("name in the language itself"),
        max_length=80,
        blank=True,
        help_text=_("For example “Soomaali” or “العربية”."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")

    def __str__(self):
        return self.name
