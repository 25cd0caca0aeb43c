"""The outreach's daily tasks: deleting old rows at night, the coordinators' digest at seven.

Each a chain on the task queue like the activity log's (``cms.platform.nightly``):
``manage.py outreach_retention --schedule`` starts both, ``make serve-prod``
runs that at every start, and a run already waiting is not doubled.
"""

from django_tasks import task

from cms.outreach.digest import send_daily_digests
from cms.outreach.retention import delete_expired
from cms.platform import nightly

#: The time of the night the deletion runs, local time.
NIGHTLY_HOUR = 3
NIGHTLY_MINUTE = 30
#: When the coordinators' daily digest goes out, local time.
DIGEST_HOUR = 7


@task()
def apply_retention():
    deleted = delete_expired()
    schedule_next()
    return deleted


def schedule_next():
    """Put the next run on the queue; when it runs, or None."""
    return nightly.schedule(apply_retention, NIGHTLY_HOUR, NIGHTLY_MINUTE)


@task()
def send_digests():
    sent = send_daily_digests()
    schedule_digests()
    return sent


def schedule_digests():
    """Put the next digest run on the queue; when it runs, or None."""
    return nightly.schedule(send_digests, DIGEST_HOUR, 0)
