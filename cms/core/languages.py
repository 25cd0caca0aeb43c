from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

#: English names of spoken languages Django does not know (``LANG_INFO``), so
#: they too can be named in the reader's language through the catalogs.
ENGLISH_NAMES = {"prs": gettext_noop("Dari"), "ku": gettext_noop("Kurdish")}

#: Unicode's first-strong isolate and its end: plain text's ``<bdi>``.
FSI, PDI = "\u2068", "\u2069"


def isolate(text):
    """``text`` between FSI and PDI: isolated in plain text, where no ``<bdi>`` can go."""
    return f"{FSI}{text}{PDI}"


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

    @property
    def reader_name(self):
        """The language's name in the reader's language.

        Norwegian readers get the stored name; others the catalogs' name for
        it (Django's own catalogs name most languages), else the stored one.
        """
        if get_language() == settings.LANGUAGE_CODE:
            return self.name
        english = LANG_INFO.get(self.code, {}).get("name") or ENGLISH_NAMES.get(self.code)
        return gettext(english) if english else self.name

    @property
    def reader_label(self):
        """Its name in the reader's language, with the language's own name beside it.

        Plain text, for where no markup goes (an ``<option>``): the own name
        sits between Unicode isolates (FSI … PDI), so "الصومالية – Soomaali"
        keeps its dash between the two names on an Arabic page.
        """
        if self.name_local and self.name_local != self.reader_name:
            return f"{self.reader_name} – {isolate(self.name_local)}"
        return self.reader_name
