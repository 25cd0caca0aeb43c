"""The nightly deletion of old candidates and contact requests (``cms.outreach.retention``).

A chain on the task queue like the activity log's (``cms.platform.nightly``):
``manage.py outreach_retention --schedule`` starts it, ``make serve-prod``
runs that at every start, and a run already waiting is not doubled.
"""

from django_tasks import task

from cms.outreach.retention import delete_expired
from cms.platform import nightly

#: The time of the night the deletion runs, local time.
NIGHTLY_HOUR = 3
NIGHTLY_MINUTE = 30


@task()
def apply_retention():
    deleted = delete_expired()
    schedule_next()
    return deleted


def schedule_next():
    """Put the next run on the queue; when it runs, or None."""
    return nightly.schedule(apply_retention, NIGHTLY_HOUR, NIGHTLY_MINUTE)
