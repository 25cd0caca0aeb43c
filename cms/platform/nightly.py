"""Work that runs every night on the task queue (django-tasks), each task its own chain.

A nightly task ends by calling :func:`schedule` for itself: where the queue
can wait (the database backend of production) its next run is put on it for
the coming night, unless one is already waiting, so restarting the servers
never doubles a chain. With a backend that cannot wait (the immediate one of
development and tests) nothing is scheduled. django-tasks has no periodic
tasks of its own, hence this small helper.
"""

import datetime
import logging

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def next_run(hour, minute, now=None):
    """The next ``hour``:``minute`` of the local day, as an aware datetime after ``now``."""
    now = timezone.localtime(now)
    run = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def schedule(task, hour, minute):
    """Put ``task``'s next run on the queue, unless the backend cannot wait or one is waiting.

    Returns when it will run, or None.
    """
    if not default_task_backend.supports_defer:
        return None
    if waiting(task):
        return None
    when = next_run(hour, minute)
    task.using(run_after=when).enqueue()
    logger.info("%s: next run at %s", task.module_path, when.isoformat())
    return when


def waiting(task):
    """Whether a run of ``task`` is already on the database queue (the only deferring backend)."""
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


class ScheduledCommand(BaseCommand):
    """A command that does a nightly job now, or with ``--schedule`` puts its tasks on the queue.

    Subclasses give ``run()`` (the job, now) and ``schedules``: pairs of a
    message with ``{when}`` and the function that schedules one task.
    """

    #: [(message with ``{when}``, function returning when the task runs, or None)]
    schedules = ()

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Put the nightly run on the task queue instead of running now.",
        )

    def handle(self, *args, schedule=False, **options):
        if not schedule:
            self.run()
            return
        planned = [(message, function()) for message, function in self.schedules]
        for message, when in planned:
            if when is not None:
                self.stdout.write(message.format(when=f"{when:%Y-%m-%d %H:%M}"))
        if all(when is None for _message, when in planned):
            self.stdout.write("Nothing scheduled: a run is waiting, or the queue cannot wait.")

    def run(self):
        raise NotImplementedError
