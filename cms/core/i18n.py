"""Pages in the reader's language, falling back to Norwegian, in flat queries.

wagtail-localize translates one page at a time, so an English section often has
no English children yet. Lists are therefore read from the Norwegian tree (the
default locale's), and each entry is swapped for its live translation in the
active language where one exists: a reader under /en/ sees every local group,
in English where it has been translated and in Norwegian where not.
"""

from wagtail.models import Locale

from cms.core.visibility import public


def source_of(page):
    """The page in the default locale, or the page itself if it has none."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def localized(pages, select_related=()):
    """``pages`` (of one model) as a list, each in the active language if translated.

    One query for the whole list (none if every page is already in the active
    language), instead of ``page.localized`` once per page.
    """
    pages = list(pages)
    active = Locale.get_active()
    keys = [page.translation_key for page in pages if page.locale_id != active.pk]
    if not keys:
        return pages
    translations = public(
        type(pages[0]).objects.filter(translation_key__in=keys, locale=active).live()
    ).select_related(*select_related)
    by_key = {translation.translation_key: translation for translation in translations}
    return [by_key.get(page.translation_key, page) for page in pages]
