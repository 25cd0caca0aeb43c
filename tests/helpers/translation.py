"""Helpers for the translation tests: wagtail-localize's URLs, forms and translations.

What the submit form offers, a page's or event's translation into one
language, a translation made as wagtail-localize's view makes it, and its
strings.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.sections.roles import translator_group_name


def language_group(language):
    return Group.objects.get(name=translator_group_name(language))


def submit_page_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def submit_event_url(event):
    return reverse("wagtail_localize:submit_snippet_translation", args=("cms", "event", event.pk))


def event_url(name, *args):
    return reverse(f"wagtailsnippets_cms_event:{name}", args=args)


def offered(response):
    """The languages the submit form lets the user choose (read at once: the queryset is lazy)."""
    assert response.status_code == 200
    return set(response.context["form"].fields["locales"].queryset)


def translation_of(instance, language):
    """``instance``'s translation into ``language``, or None.

    A page's alias in that language (the tree sync's stand-in, showing the
    Norwegian text) is not a translation.
    """
    translations = instance.get_translations().filter(locale=language)
    if isinstance(instance, Page):
        translations = translations.filter(alias_of__isnull=True)
    return translations.first()


def translate(instance, language, *, user=None, publish=True):
    """wagtail-localize's translation of ``instance`` into ``language``, made as the view does."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    target, _created = Translation.objects.get_or_create(source=source, target_locale=language)
    target.save_target(user=user, publish=publish)
    return target


def title_segment(target):
    return target.source.stringsegment_set.get(context__path="title")


def put_string(client, target, segment, value):
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[target.pk, segment.pk]),
        data=f"value={value}",
        content_type="application/x-www-form-urlencoded",
    )


def stored_strings(target):
    return set(
        StringTranslation.objects.filter(locale=target.target_locale).values_list("data", flat=True)
    )
