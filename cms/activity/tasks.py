"""The nightly retention of the activity log, on the task queue (django-tasks).

``apply_retention`` folds old entries into monthly counts
(``cms.activity.retention``) and, where the queue can wait (the database
backend of production), puts its own next run on it for the coming night.
``manage.py activity_retention --schedule`` starts the chain; ``make
serve-prod`` runs it at every start, and a run already waiting is not doubled.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.activity.retention import fold_old_entries

logger = logging.getLogger(__name__)

#: The hour of the night the retention runs, local time.
NIGHTLY_HOUR = 3


@task()
def apply_retention():
    removed = fold_old_entries()
    schedule_next()
    return {str(section_id): count for section_id, count in removed.items()}


def next_run(now=None):
    """The next night's run, as an aware datetime."""
    now = timezone.localtime(now)
    run = now.replace(hour=NIGHTLY_HOUR, minute=15, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def schedule_next():
    """Put the next run on the queue, unless the backend cannot wait or one is waiting.

    Returns when it will run, or None.
    """
    if not default_task_backend.supports_defer:
        return None
    if _waiting():
        return None
    when = next_run()
    apply_retention.using(run_after=when).enqueue()
    logger.info("Activity retention: next run at %s", when.isoformat())
    return when


def _waiting():
    """Whether a run is already on the database queue (the only deferring backend used)."""
    return DBTaskResult.objects.filter(
        task_path=apply_retention.module_path, status=TaskResultStatus.READY
    ).exists()
