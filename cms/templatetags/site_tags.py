"""Template tags for the site chrome: menu, language switcher, content language."""

import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from cms.core.cache import content
from cms.core.groups import in_audience
from cms.core.languages import isolate
from cms.discovery import seo
from cms.events.models import Event
from cms.navigation import chrome as navigation
from cms.platform import locales
from cms.privacy import restrictions
from cms.privacy.media import is_private
from cms.privacy.serving import may_see

register = template.Library()


def _language_name(code):
    """The language's name in the visitor's language, from our own catalogs.

    Django's ``name_translated`` spells Norwegian "Bokmal" and misses Somali and
    Tigrinya, so the names in settings.LANGUAGES (gettext_lazy) are the source.
    """
    return str(dict(settings.LANGUAGES).get(code, code))


def _default_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def chrome(context):
    """The site's chrome in the active language (``cms.navigation.chrome``): kept, no query."""
    return navigation.for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def site_root(context):
    """The front page in the active language, or the Norwegian one where none exists (a Link)."""
    return navigation.for_request(context.get("request")).front


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Top-level pages marked “show in menus”, each in the active language if translated."""
    return navigation.for_request(context.get("request")).menu


@register.simple_tag(takes_context=True)
def front_sections(context):
    """The local groups the front page lists, each with its districts (``chrome.Section``)."""
    return navigation.for_request(context.get("request")).front_sections()


@register.simple_tag(takes_context=True)
def section_source(context, page):
    """The Norwegian section behind a section's page in any language (its ``pk`` and ``path``)."""
    return navigation.for_request(context.get("request")).section(page)


@register.simple_tag(takes_context=True)
def section_districts(context, page):
    """A municipality's districts, each in the reader's language if translated (Links)."""
    section = navigation.for_request(context.get("request")).section(page)
    return section.districts if section else ()


@register.simple_tag(takes_context=True)
def section_association(context, page):
    """The association a municipality's group founded, in the reader's language, or None."""
    section = navigation.for_request(context.get("request")).section(page)
    return section.association if section else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per site language: its name in itself, and a link where the page exists.

    ``url`` is ``None`` for a language the page does not exist in, so the
    switcher can say so instead of linking to a page that is not there.
    ``translated`` is false where the language's page is an alias showing the
    Norwegian text (``cms.translation.trees.sync_translation_trees``): the switcher links
    to it, for that language's navigation, and says it is not translated.
    """
    request = context.get("request")
    current = get_language()
    # A route below the page (an event, a filtered calendar) keeps its place.
    suffix = context.get("language_link_suffix", "")
    written_in = _subpage_languages(context)
    # The same for every reader of this address: kept per content generation.
    languages = ",".join(sorted(written_in)) if written_in is not None else "-"
    where = f"{request.scheme}://{request.get_host()}" if request is not None else "-"
    if "?" in suffix:
        # A filtered calendar: as many addresses as visitors care to type.
        found = _language_urls(request, page, suffix, written_in)
    else:
        found = content.keep(
            f"language-links:{getattr(page, 'pk', '-')}:{where}:{suffix}:{languages}",
            lambda: _language_urls(request, page, suffix, written_in),
        )
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "dir": _direction(code),
            "url": url,
            "translated": translated,
            "is_current": code == current,
        }
        for code, url, translated in found
    ]


def _language_urls(request, page, suffix, written_in):
    """``(code, url or None, translated)`` for each site language."""
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    elif request is not None:
        # Pages outside Wagtail's tree (error pages): offer each language's front page.
        root = _default_root(request)
        if root is not None:
            for translation in (
                root.get_translations(inclusive=True).live().select_related("locale")
            ):
                translations[translation.locale.language_code] = translation
    found = []
    for code, _name in settings.LANGUAGES:
        translation = translations.get(code)
        translated = translation is not None and translation.alias_of_id is None
        if written_in is not None:
            translated = translation is not None and code in written_in
        url = translation.get_url(request) + suffix if translation else None
        found.append((code, url, translated))
    return found


def _subpage_languages(context):
    """The language codes a route's own content is written in (an event's), or None.

    An event's page exists under every language's calendar, but it is
    translated only where the event is.
    """

    subpage = context.get("subpage")
    if not isinstance(subpage, Event):
        return None
    return seo.languages_of_event(context.get("request"), context.get("source_event", subpage))


def _direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def _language_attrs(code):
    return format_html(' lang="{}" dir="{}"', code, _direction(code))


def _page_language(context, page):
    """The language ``page``'s text is written in.

    An alias made by the tree sync (``cms.translation.trees.sync_translation_trees``) lives
    in another language's tree but shows its Norwegian original's text; every
    language here follows the default one, so that needs no query.
    """
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return get_language()
    if getattr(page, "alias_of_id", None) is not None:
        return settings.LANGUAGE_CODE
    return locales.by_id().get(locale_id, settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def lang_attrs(context, page):
    """`` lang="nb" dir="ltr"`` on an element showing a page's own text, if the
    page is in another language than the visitor's (a Norwegian section card on
    the Arabic front page); nothing where the languages match.

    Put on the elements that hold content, not around them, so that headings and
    labels from the UI catalog keep the visitor's language.
    """
    code = _page_language(context, page)
    return _language_attrs(code) if code != get_language() else ""


@register.simple_tag(takes_context=True)
def ui_lang_attrs(context, page):
    """The visitor's ``lang`` and ``dir``, for a UI label inside an element that
    carries the page's other language (the phase badge in a Norwegian header)."""
    code = get_language()
    return _language_attrs(code) if _page_language(context, page) != code else ""


@register.inclusion_tag("includes/language_notice.html", takes_context=True)
def language_notice(context, page):
    """A notice above a page shown in another language than the visitor's.

    Under /so/ a page with no Somali translation yet is shown in Norwegian:
    the notice says so in Somali, naming the language it is shown in (the
    language switcher lists the translations there are).
    """
    if not isinstance(page, Page):
        return {}
    # A route below the page showing something of its own (an event in the
    # calendar) is in that thing's language, not the calendar page's.
    code = _page_language(context, context.get("subpage") or page)
    if code == get_language():
        return {}
    return {"content_language": _language_name(code)}


@register.simple_tag
def local_date(value, weekday=False):
    """A ``<time>`` element with the date in the visitor's language and format.

    The date may sit inside content shown in another language (a Norwegian page
    under /ar/), so it carries its own ``lang`` and lets the browser pick its
    direction from the month name (``dir="auto"``).
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)  # Oslo's date, not UTC's
    return format_html(
        '<time datetime="{}" lang="{}" dir="auto">{}</time>',
        value.isoformat(),
        get_language(),
        _with_weekday(value) if weekday else date_format(value, "DATE_FORMAT"),
    )


@register.simple_tag
def spoken_language(language):
    """A spoken language's name in the reader's language, its own name beside it.

    "الصومالية (Soomaali)" under /ar/, "somali (Soomaali)" under /nb/: each
    name isolated (``<bdi>``), so the brackets land where the reader expects,
    and the own name in its own ``lang`` for screen readers and fonts.
    """
    name = format_html("<bdi>{}</bdi>", language.reader_name)
    if not language.name_local or language.name_local == language.reader_name:
        return name
    return format_html('{} (<bdi lang="{}">{}</bdi>)', name, language.code, language.name_local)


def _with_weekday(value):
    # Django has no locale format with the weekday; the name before the date
    # reads right in every language the site has ("onsdag 17. mars 2027").
    return f"{date_format(value, 'l')} {date_format(value, 'DATE_FORMAT')}"


@register.simple_tag(takes_context=True)
def site_image(context, image, filter_spec, **attributes):
    """An ``<img>`` for any page, which never shows a private image to anyone else.

    A public image is shown by its rendition, as Wagtail's ``{% image %}``
    does. An image in a restricted collection (training material) is shown
    only to who may see it, by its private rendition's address, which checks
    her again (``cms.privacy``); everyone else gets nothing, not even an address.
    """

    if image is None:
        return ""
    if is_private(image):
        request = context.get("request")
        if request is None or not may_see(request, image):
            return ""
    return image.get_rendition(filter_spec).img_tag(attributes)


@register.simple_tag(takes_context=True)
def volunteer_area(context):
    """The volunteer area in the reader's language, for someone who may enter it; else None."""

    request = context.get("request")
    if request is None or not in_audience(request.user):
        return None
    return restrictions.volunteer_area()


@register.filter
def isolated(value):
    """``value`` between Unicode isolates (FSI … PDI), for a name inside a translated sentence.

    A ``blocktranslate`` variable cannot be wrapped in markup: "في Nordre
    Follo." would otherwise take its full stop to the wrong end.
    """
    return isolate(value)
