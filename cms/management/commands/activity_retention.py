"""Fold activity entries older than each section's retention into monthly counts.

``manage.py activity_retention`` does it now and says how many entries it
removed per section; ``--schedule`` instead puts the nightly task on the
queue (``cms.activity.tasks``), unless a run is already waiting.
"""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from cms.activity.retention import fold_old_entries
from cms.activity.tasks import schedule_next


class Command(BaseCommand):
    help = "Fold activity entries older than each section's retention period into monthly counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Put the nightly run on the task queue instead of running now.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            when = schedule_next()
            if when is None:
                self.stdout.write("Nothing scheduled: a run is waiting, or the queue cannot wait.")
            else:
                self.stdout.write(f"The activity retention runs next at {when:%Y-%m-%d %H:%M}.")
            return
        removed = fold_old_entries()
        titles = dict(Page.objects.filter(pk__in=removed).values_list("pk", "title"))
        for section_id, count in removed.items():
            self.stdout.write(f"{titles.get(section_id, section_id)}: {count} entries folded")
        self.stdout.write(f"Done: {sum(removed.values())} entries folded into monthly counts.")
