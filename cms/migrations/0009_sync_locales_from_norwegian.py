"""Every language's page tree follows the Norwegian one (wagtail-localize's tree sync).

With a ``LocaleSynchronization`` from Norwegian, a page created in the
Norwegian tree gets an alias in every other language's tree at once: a Somali
reader finds the page under /so/, in Norwegian, with the Somali navigation and
a notice, until it is translated; translating it turns the alias into the
translation. Editors can change or remove this per language under
Settings → Locales. Existing pages are synchronised by
``manage.py sync_translation_trees`` (``make migrate`` runs it).
"""

from django.conf import settings
from django.db import migrations


def sync_from_norwegian(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    for locale in Locale.objects.exclude(pk=default.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_volunteer_area_curriculum"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(sync_from_norwegian, migrations.RunPython.noop)]
