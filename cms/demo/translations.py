"""The demo content translated the way a translator would: through wagtail-localize.

``data/translations.toml`` names what is translated and into which languages;
``data/translations/<language>.po`` holds each Norwegian segment as
wagtail-localize cuts it (msgid) and its translation (msgstr). The loader makes
the translation source of each object, stores every segment's translation as a
translator's would be (``StringTranslation``), and lets wagtail-localize build
and publish the translated page, event or module. A translator then finds each
one in the translation editor, marked as a demo translation nobody has
reviewed (``cms.translation.marks``).

The catalogs are matched on the Norwegian text alone: wagtail-localize's own
import (``Translation.import_po``) also needs each segment's context, which for
a body block holds the block's random id and so changes with every database.
"""

from functools import cache

import polib
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.curriculum.models import CurriculumModule
from cms.demo.data import DATA_DIR, read
from cms.events.models import Event
from cms.translation.marks import DEMO_LOG_ACTION, DEMO_TOOL


class MissingDemoTranslation(Exception):
    """A catalog has no translation of a segment of the objects it is for."""


@cache
def catalog(code):
    """``{Norwegian segment: translation}`` of ``data/translations/<code>.po``."""
    entries = polib.pofile(str(DATA_DIR / "translations" / f"{code}.po"))
    return {entry.msgid: entry.msgstr for entry in entries if entry.msgstr}


def _home():
    return Site.objects.get(is_default_site=True).root_page.specific


def pages():
    """The pages ``translations.toml`` names, parents first."""
    home = _home()
    return [
        Page.objects.get(url_path=home.url_path + path.lstrip("/"), locale=home.locale).specific
        for path in read("translations")["pages"]
    ]


def snippets():
    """The events and modules ``translations.toml`` names."""
    spec = read("translations")
    norwegian = _home().locale
    found = [
        Event.objects.get(locale=norwegian, title=event["title"], section__slug=event["section"])
        for event in spec["events"]
    ]
    found.extend(
        CurriculumModule.objects.get(locale=norwegian, title=title) for title in spec["modules"]
    )
    return found


def _segments(source, locale):
    """``(segment, text)`` for every string of ``source`` in ``locale``'s catalog.

    A page's slug stays the Norwegian one, so an address differs between
    languages only by its prefix (``/ar/nordre-follo/``).
    """
    texts = catalog(locale.language_code)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments.order_by("order"):
        if segment.context.path == "slug":
            yield segment, segment.string.data
            continue
        try:
            yield segment, texts[segment.string.data]
        except KeyError as missing:
            raise MissingDemoTranslation(
                f"{locale.language_code}.po has no translation of {segment.string.data!r}"
            ) from missing


def _translated(instance, locale):
    """Its translation into ``locale`` that is more than an alias of the Norwegian page."""
    found = instance.get_translations().filter(locale=locale)
    if isinstance(instance, Page):
        found = found.filter(alias_of__isnull=True)
    return found.exists()


def translate(progress, instance, locale):
    """``instance`` translated into ``locale`` and published, unless it already is."""
    if _translated(instance, locale):
        return
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    for segment, text in _segments(source, locale):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": DEMO_TOOL,
            },
        )
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    # wagtail-localize publishes when the transaction commits; the demo is one
    # transaction (and a test's never commits), so it publishes here instead.
    translation.save_target(publish=False)
    copy = source.get_translated_instance(locale)
    copy.get_latest_revision().publish()
    log(instance=copy, action=DEMO_LOG_ACTION)
    progress.made(f"Translated “{instance}” into {locale.language_code} (demo translation).")


def load(progress, objects):
    """Each of ``objects`` (``pages()`` or ``snippets()``) in every language of the demo."""
    for code in read("translations")["languages"]:
        locale = Locale.objects.get(language_code=code)
        for instance in objects:
            translate(progress, instance, locale)
