"""E-mail through the task queue: no request waits for a mail server, no failed send is lost.

``QueuedEmailBackend`` is Django's ``EMAIL_BACKEND``: every message Django
sends (password links, invitations, Wagtail's workflow notifications, the
coordinators' notifications) becomes a :func:`deliver` task holding the
finished message. The task worker (``manage.py db_worker``, beside gunicorn
in ``make serve-prod``) sends it with ``EMAIL_DELIVERY_BACKEND`` (SMTP from
``EMAIL_URL`` or ``EMAIL_HOST``…, the console in development). A send that
fails is tried again later, ``RETRY_MINUTES`` apart; after the last try the
task fails and stays in the queue's table with its error, and the log says so.
The log names how many recipients, never who, nor what the message said.

Written here because neither Django nor django-tasks has a mail backend for
a task queue (django-mailer and django-celery-email need their own runner).
"""

import base64
import datetime
import email
import email.message
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

#: Minutes to wait before each new try of a failed send (so 4 tries in all).
RETRY_MINUTES = (1, 10, 60)


class QueuedEmailBackend(BaseEmailBackend):
    """Puts each message on the task queue; :func:`deliver` sends it."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = message.message().as_bytes(linesep="\r\n")
            try:
                deliver.enqueue(
                    sender=message.from_email,
                    recipients=recipients,
                    raw=base64.b64encode(raw).decode("ascii"),
                )
            except DatabaseError:
                if not self.fail_silently:
                    raise
                logger.exception("E-mail to %s recipient(s) could not be queued", len(recipients))
                continue
            queued += 1
        return queued


class _ParsedMessage(email.message.Message):
    """A parsed message that takes ``linesep`` as Django's own messages do (its SMTP backend)."""

    def as_bytes(self, unixfrom=False, policy=None, linesep=None):
        policy = policy or self.policy
        if linesep is not None:
            policy = policy.clone(linesep=linesep)
        return super().as_bytes(unixfrom, policy)


class RawEmailMessage(EmailMessage):
    """A message already made, sent as it is by any of Django's backends."""

    def __init__(self, sender, recipients, raw):
        super().__init__(from_email=sender, to=recipients)
        self.raw = raw

    def message(self, **kwargs):
        return email.message_from_bytes(self.raw, _class=_ParsedMessage)


@task()
def deliver(sender, recipients, raw, attempt=1):
    """Send one queued message; on failure, queue the next try (or fail for good)."""
    message = RawEmailMessage(sender, recipients, base64.b64decode(raw))
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        retry = _retry(sender, recipients, raw, attempt)
        if retry is None:
            logger.error(
                "E-mail to %s recipient(s) not sent after %s tries: %s",
                len(recipients),
                attempt,
                type(error).__name__,
            )
            raise
        logger.warning(
            "E-mail to %s recipient(s) not sent (%s); try %s at %s",
            len(recipients),
            type(error).__name__,
            attempt + 1,
            retry.isoformat(),
        )
        return {"sent": False, "next_try": retry.isoformat()}
    logger.info("E-mail sent to %s recipient(s)", len(recipients))
    return {"sent": True, "tries": attempt}


def _retry(sender, recipients, raw, attempt):
    """Queue the next try of a failed send and say when, or None after the last try.

    A backend that cannot wait (the immediate one of development) does not try again.
    """
    if attempt > len(RETRY_MINUTES) or not default_task_backend.supports_defer:
        return None
    when = timezone.now() + datetime.timedelta(minutes=RETRY_MINUTES[attempt - 1])
    deliver.using(run_after=when).enqueue(
        sender=sender, recipients=recipients, raw=raw, attempt=attempt + 1
    )
    return when
