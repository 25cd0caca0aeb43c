"""The kinds of event the network arranges, in Norwegian and English.

Editors can add more as snippets; this only gives every new site the seven
the network uses today. Other languages fall back to Norwegian until a
translator translates them.
"""

import uuid

from django.conf import settings
from django.db import migrations

CATEGORIES = [
    ("temakveld", "Temakveld", "Theme evening"),
    ("treningsgruppe", "Treningsgruppe", "Exercise group"),
    ("samtalegruppe", "Samtalegruppe", "Conversation group"),
    ("kurs", "Kurs", "Course"),
    ("fest", "Fest", "Party"),
    ("opplaering", "Opplæring", "Training"),
    ("informasjonsmote", "Informasjonsmøte", "Information meeting"),
]


def create_categories(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    EventCategory = apps.get_model("cms", "EventCategory")
    norwegian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    english = Locale.objects.filter(language_code="en").first()
    for slug, name, english_name in CATEGORIES:
        if EventCategory.objects.filter(locale=norwegian, slug=slug).exists():
            continue
        key = uuid.uuid4()
        EventCategory.objects.create(locale=norwegian, translation_key=key, slug=slug, name=name)
        if english:
            EventCategory.objects.create(
                locale=english, translation_key=key, slug=slug, name=english_name
            )


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_events")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
