"""Fold activity entries older than each section's retention into monthly counts.

``manage.py activity_retention`` does it now and says how many entries it
removed per section; ``--schedule`` instead puts the nightly task on the
queue (``cms.activity.tasks``), unless a run is already waiting.
"""

from wagtail.models import Page

from cms.activity.retention import fold_old_entries
from cms.activity.tasks import schedule_next
from cms.platform.nightly import ScheduledCommand


class Command(ScheduledCommand):
    help = "Fold activity entries older than each section's retention period into monthly counts."
    schedules = [("The activity retention runs next at {when}.", schedule_next)]

    def run(self):
        removed = fold_old_entries()
        titles = dict(Page.objects.filter(pk__in=removed).values_list("pk", "title"))
        for section_id, count in removed.items():
            self.stdout.write(f"{titles.get(section_id, section_id)}: {count} entries folded")
        self.stdout.write(f"Done: {sum(removed.values())} entries folded into monthly counts.")
