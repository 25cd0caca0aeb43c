"""Delete candidates and contact requests past their retention (``cms.outreach.retention``).

``manage.py outreach_retention`` does it now and says how many of each kind
it deleted; ``--schedule`` instead puts the nightly task, and the
coordinators' daily digest at 07:00, on the queue (``cms.outreach.tasks``),
unless a run of each is already waiting.
"""

from cms.outreach.retention import delete_expired
from cms.outreach.tasks import schedule_digests, schedule_next
from cms.platform.nightly import ScheduledCommand


class Command(ScheduledCommand):
    help = "Delete candidates and contact requests kept longer than their retention."
    schedules = [
        ("The outreach retention runs next at {when}.", schedule_next),
        ("The daily digest goes out next at {when}.", schedule_digests),
    ]

    def run(self):
        deleted = delete_expired()
        self.stdout.write(
            f"Done: {deleted['contact_request']} contact requests and "
            f"{deleted['candidate']} candidates deleted."
        )
