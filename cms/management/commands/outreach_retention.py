"""Delete candidates and contact requests past their retention (``cms.outreach.retention``).

``manage.py outreach_retention`` does it now and says how many of each kind
it deleted; ``--schedule`` instead puts the nightly task, and the
coordinators' daily digest at 07:00, on the queue (``cms.outreach.tasks``),
unless a run of each is already waiting.
"""

from django.core.management.base import BaseCommand

from cms.outreach.retention import delete_expired
from cms.outreach.tasks import schedule_digests, schedule_next


class Command(BaseCommand):
    help = "Delete candidates and contact requests kept longer than their retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Put the nightly run and the daily digest on the task queue instead.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            when = schedule_next()
            if when is None:
                self.stdout.write("Nothing scheduled: a run is waiting, or the queue cannot wait.")
            else:
                self.stdout.write(f"The outreach retention runs next at {when:%Y-%m-%d %H:%M}.")
            digest = schedule_digests()
            if digest is not None:
                self.stdout.write(f"The daily digest goes out next at {digest:%Y-%m-%d %H:%M}.")
            return
        deleted = delete_expired()
        self.stdout.write(
            f"Done: {deleted['contact_request']} contact requests and "
            f"{deleted['candidate']} candidates deleted."
        )
