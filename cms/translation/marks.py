"""How the admin tells a translation nobody has reviewed: the demo's translations.

The demo (``cms.demo.translations``) translates through wagtail-localize, as a
translator would. Three marks say its texts are not a native speaker's work:

- each string's "Translated with …" line in wagtail-localize's translation
  editor names ``DEMO_TOOL`` until a translator edits the string (her edit
  replaces it with her own "Translated manually");
- the translation status report (``cms.translation.overview.cells``) says
  ``DEMO_LOG_LABEL`` in each cell whose copy still holds such a string;
- the translated page, event or module has a ``DEMO_LOG_ACTION`` entry in its
  history and in the site history report.
"""

from django.utils.translation import gettext_lazy as _

#: What the translation editor shows of every demo string ("Translated with …").
#: Stored with each string, so it is written in Norwegian and in English.
DEMO_TOOL = "demooversettelse, ikke gjennomgått / demo translation, not reviewed"

DEMO_LOG_ACTION = "cms.demo_translation"
DEMO_LOG_LABEL = _("Demo translation, not reviewed by a native speaker")
