"""How long candidates and contact requests are kept, and their deletion.

Defaults, changed in the settings (``OUTREACH_RETENTION_DAYS``): a contact
request is deleted 90 days after it was closed (an open one is kept: someone
still has to answer it), a candidate 365 days after her last change, whatever
her status (one who started training has her volunteer account by then). The
privacy statement reads the same figures (``cms.outreach.views``).
:func:`delete_expired` logs how many rows of each kind it deleted, never what
they held; the nightly task runs it (``cms.outreach.tasks``).
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from cms.outreach.models import Candidate, ContactRequest, RequestStatus

logger = logging.getLogger(__name__)

DEFAULT_DAYS = {"contact_request": 90, "candidate": 365}


def retention_days():
    """{kind: days kept}, the defaults overridden by ``OUTREACH_RETENTION_DAYS``."""
    return {**DEFAULT_DAYS, **getattr(settings, "OUTREACH_RETENTION_DAYS", {})}


def expired(now=None):
    """{kind: the rows past their retention}, as querysets."""
    now = now or timezone.now()
    days = retention_days()
    return {
        "contact_request": ContactRequest.objects.filter(
            status=RequestStatus.CLOSED,
            closed_at__lt=now - datetime.timedelta(days=days["contact_request"]),
        ),
        "candidate": Candidate.objects.filter(
            updated_at__lt=now - datetime.timedelta(days=days["candidate"])
        ),
    }


def delete_expired(now=None):
    """Delete every row past its retention; {kind: how many}. Logs counts only."""
    deleted = {}
    for kind, rows in expired(now).items():
        # Counted by the delete itself; the languages' join rows go with the candidates.
        _total, per_model = rows.delete()
        deleted[kind] = per_model.get(rows.model._meta.label, 0)
        logger.info("Outreach retention: %s %s rows deleted", deleted[kind], kind)
    return deleted
