"""The nightly retention of the activity log, on the task queue (django-tasks).

``apply_retention`` folds old entries into monthly counts
(``cms.activity.retention``) and, where the queue can wait (the database
backend of production), puts its own next run on it for the coming night.
``manage.py activity_retention --schedule`` starts the chain; ``make
serve-prod`` runs it at every start, and a run already waiting is not doubled.
"""

from django_tasks import task

from cms.activity.retention import fold_old_entries
from cms.platform import nightly

#: The time of the night the retention runs, local time.
NIGHTLY_HOUR = 3
NIGHTLY_MINUTE = 15


@task()
def apply_retention():
    removed = fold_old_entries()
    schedule_next()
    return {str(section_id): count for section_id, count in removed.items()}


def next_run(now=None):
    """The next night's run, as an aware datetime."""
    return nightly.next_run(NIGHTLY_HOUR, NIGHTLY_MINUTE, now)


def schedule_next():
    """Put the next run on the queue (``cms.platform.nightly``); when it runs, or None."""
    return nightly.schedule(apply_retention, NIGHTLY_HOUR, NIGHTLY_MINUTE)
