"""Restore a backup made by ``manage.py backup``, replacing the database and media.

Afterwards the pages, events and documents (with their files' checksums) are
compared with the backup's manifest; any difference is an error.
"""

from django.core.management.base import BaseCommand, CommandError

from cms.platform.backup import BackupError, restore


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
        self.stdout.write("Restored and checked: pages, events and documents match the backup.")
