"""Indexes on the file names of images, renditions and documents.

The checked view for private files (``cms.privacy.serving.serve_private_media``)
finds the image or document a file belongs to by its name; without an index
that reads every rendition row (20 ms with 20,000 renditions on SQLite,
bench/media.py). Wagtail's tables are not this app's, so the indexes are
plain SQL, the same on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    "cms_rendition_file_lookup": "wagtailimages_rendition",
    "cms_image_file_lookup": "wagtailimages_image",
    "cms_document_file_lookup": "wagtaildocs_document",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0013_notification_preferences"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} (file)"
                for name, table in INDEXES.items()
            ],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        )
    ]
