"""E-mail through the task queue (cms.platform.mail), to a real SMTP server on 127.0.0.1.

Django's test set-up puts its locmem backend in EMAIL_BACKEND; these tests put
the project's queue back, as every settings module has it.
"""

import datetime
import io
import logging
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from cms.platform.mail import RETRY_MINUTES, deliver
from tests.servers import SmtpServer, free_port

QUEUED = "cms.platform.mail.QueuedEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SENDER = "Bydelsmødre <ikke-svar@bydelsmor.no>"


@pytest.fixture
def smtp_server():
    with SmtpServer() as server:
        yield server


def _to_smtp(port, **settings):
    return override_settings(
        EMAIL_BACKEND=QUEUED,
        EMAIL_DELIVERY_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
        **settings,
    )


def _subject(message):
    return str(make_header(decode_header(message["Subject"])))


def _send(subject="Ny kandidat i Nordre Follo"):
    return mail.send_mail(
        subject, "Hei! Æ, ø og å kommer fram.", SENDER, ["koordinator@example.no"]
    )


@pytest.fixture(autouse=True)
def _worker_keeps_the_tests_connection(monkeypatch):
    """The worker checks its connection between tasks and closes one inside a transaction.

    Here that is the test's own (PostgreSQL: "the connection is closed"); the
    worker beside gunicorn has one of its own.
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _work_off_the_queue():
    """What the worker beside gunicorn does: run every task whose time has come, then stop."""
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=io.StringIO()
    )


def test_a_message_reaches_a_real_smtp_server_through_the_queue(db, smtp_server):
    with _to_smtp(smtp_server.port):
        sent = _send()

    assert sent == 1
    (message,) = smtp_server.messages
    assert smtp_server.envelopes == [("ikke-svar@bydelsmor.no", ["koordinator@example.no"])]
    assert message["To"] == "koordinator@example.no"
    assert _subject(message) == "Ny kandidat i Nordre Follo"
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert "Æ, ø og å kommer fram." in body


def test_sending_only_queues_the_message_for_the_worker(db, smtp_server):
    """On the database queue nothing is sent in the request; the worker sends it."""
    with _to_smtp(smtp_server.port, TASKS=DATABASE_QUEUE):
        assert _send() == 1
        assert smtp_server.messages == []
        waiting = DBTaskResult.objects.get()
        assert waiting.task_path == deliver.module_path
        assert waiting.status == TaskResultStatus.READY

        _work_off_the_queue()

    assert [_subject(message) for message in smtp_server.messages] == ["Ny kandidat i Nordre Follo"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_failed_send_is_tried_again_later_and_logged_without_addresses(db, caplog):
    """The mail server is down: the message waits for its next try, the log says so."""
    closed = free_port()
    caplog.set_level(logging.WARNING, logger="cms.platform.mail")
    with _to_smtp(closed, TASKS=DATABASE_QUEUE):
        _send()
        before = timezone.now()
        _work_off_the_queue()

    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [result.status for result in results] == [
        TaskResultStatus.SUCCESSFUL,  # the first try, which queued the second
        TaskResultStatus.READY,
    ]
    retry = results[1]
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = retry.run_after - before
    assert datetime.timedelta(minutes=RETRY_MINUTES[0]) <= wait
    assert wait < datetime.timedelta(minutes=RETRY_MINUTES[0], seconds=30)
    assert "try 2" in caplog.text
    assert "koordinator@example.no" not in caplog.text


def test_the_last_try_fails_the_task_and_says_so_in_the_log(db, caplog):
    closed = free_port()
    caplog.set_level(logging.ERROR, logger="cms.platform.mail")
    with _to_smtp(closed, TASKS=DATABASE_QUEUE):
        _send()
        DBTaskResult.objects.update(
            args_kwargs={
                **DBTaskResult.objects.get().args_kwargs,
                "kwargs": {
                    **DBTaskResult.objects.get().args_kwargs["kwargs"],
                    "attempt": len(RETRY_MINUTES) + 1,
                },
            }
        )
        _work_off_the_queue()

    (result,) = DBTaskResult.objects.all()
    assert result.status == TaskResultStatus.FAILED
    assert f"not sent after {len(RETRY_MINUTES) + 1} tries" in caplog.text
    assert "koordinator@example.no" not in caplog.text


def test_a_mail_server_that_is_down_never_breaks_the_request(db, caplog):
    """With the immediate queue of development the send fails inside the task, not in the view."""
    with _to_smtp(free_port()):
        assert _send() == 1
    assert "not sent after 1 tries" in caplog.text


@override_settings(EMAIL_BACKEND=QUEUED)
def test_a_message_without_recipients_is_not_queued(db):
    assert mail.send_mail("Tom", "Ingen mottakere", SENDER, []) == 0
    assert not DBTaskResult.objects.exists()
