"""Template tags for the site chrome: menu, language switcher, content language."""

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


def _default_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def site_root(context):
    """The front page in the active language, or the Norwegian one where none exists."""
    root = _default_root(context.get("request"))
    return root.localized.specific if root else None


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Top-level pages marked “show in menus”, each in the active language if translated."""
    root = _default_root(context.get("request"))
    if root is None:
        return []
    return [page.localized for page in root.get_children().live().public().in_menu()]


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per site language: its name in itself, and a link where the page exists.

    ``url`` is ``None`` for a language the page has not been translated into,
    so the switcher can say so instead of linking to a page that is not there.
    """
    request = context.get("request")
    current = get_language()
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
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        translation = translations.get(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "name": info["name_translated"],
                "dir": "rtl" if info["bidi"] else "ltr",
                "url": translation.get_url(request) if translation else None,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def content_language(context, page):
    """Language and direction of the page's own content, if it differs from the UI's.

    Under /so/ a page that has no Somali translation yet is shown in Norwegian;
    marking its content with ``lang="nb"`` lets screen readers pronounce it right.
    """
    if not isinstance(page, Page):
        return None
    code = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
    if code == get_language():
        return None
    info = get_language_info(code)
    return {"code": code, "dir": "rtl" if info["bidi"] else "ltr", "name": info["name_translated"]}


@register.simple_tag
def local_date(value):
    """A ``<time>`` element with the date in the visitor's language and format.

    The date may sit inside content shown in another language (a Norwegian page
    under /ar/), so it carries its own ``lang`` and lets the browser pick its
    direction from the month name (``dir="auto"``).
    """
    if not value:
        return ""
    return format_html(
        '<time datetime="{}" lang="{}" dir="auto">{}</time>',
        value.isoformat(),
        get_language(),
        date_format(value, "DATE_FORMAT"),
    )
