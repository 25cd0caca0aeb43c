"""The demo's locales and the languages the bydelsmødre speak (``data/languages.toml``)."""

from django.conf import settings
from wagtail.models import Locale

from cms.core.languages import SpokenLanguage
from cms.demo.data import read

#: (code, Norwegian name, name in the language itself) of every spoken language;
#: the benchmarks make the same languages without running the loader.
SPOKEN_LANGUAGES = [
    (language["code"], language["name"], language["name_local"])
    for language in read("languages")["spoken"]
]


def locales():
    """A Wagtail locale for every content language of the settings."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def spoken_languages(progress):
    """The spoken languages, made where missing (an existing one keeps its names)."""
    for code, name, name_local in SPOKEN_LANGUAGES:
        _language, created = SpokenLanguage.objects.get_or_create(
            code=code, defaults={"name": name, "name_local": name_local}
        )
        progress.made(count=created)
