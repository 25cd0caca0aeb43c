"""Back up the database and the public and private media into a new folder below the given one.

On PostgreSQL the database goes through pg_dump (custom format); on SQLite
through SQLite's online backup. ``manage.py restore <folder>`` puts it back.
"""

from django.core.management.base import BaseCommand, CommandError

from cms.platform.backup import BackupError, backup


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser):
        parser.add_argument("destination", help="folder to write the backup folder into")

    def handle(self, *args, destination, **options):
        try:
            folder = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
