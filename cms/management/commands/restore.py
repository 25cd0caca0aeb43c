"""Restore a backup made by ``manage.py backup``, replacing the database and media.

Both media folders are replaced, the public and the private one. A backup
made before private media had a folder of its own leaves that folder as it
is, and has its private files in the public one: the restore says so, and
``manage.py settle_private_media`` moves them.
Afterwards the pages, events and documents (with their files' checksums) are
compared with the backup's manifest; any difference is an error.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.platform.backup import PRIVATE_MEDIA_ARCHIVE, BackupError, restore


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder (bydelsmodre-<time>)")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current database and media"
        )

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError("This replaces the database and the media files: add --yes.")
        try:
            differences = restore(folder)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        if differences:
            raise CommandError(f"Restored, but these differ from the backup: {differences}")
        if not (Path(folder) / PRIVATE_MEDIA_ARCHIVE).exists():
            self.stdout.write(
                "This backup has no private media: after `manage.py migrate`, "
                "`manage.py settle_private_media` moves its private files out of the media folder."
            )
        self.stdout.write("Restored and checked: pages, events and documents match the backup.")
