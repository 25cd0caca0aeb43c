"""Old candidates and contact requests deleted (cms.outreach.retention, tasks, outreach_retention).

A closed request goes 90 days after it was closed, an open one is kept
however old; a candidate goes 365 days after her last change, whatever her
status. The log and the command say how many, never who.
"""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.outreach.models import Candidate, CandidateStatus, ContactRequest, RequestStatus
from cms.outreach.retention import delete_expired, expired, retention_days
from cms.outreach.tasks import apply_retention
from tests.outreach.conftest import NAME

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
#: The moment every test's retention runs at.
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


def closed(make_request, name, ago, status=RequestStatus.CLOSED):
    """A request closed ``ago`` before NOW (closed_at set after the save, as the admin does)."""
    row = make_request(name=name, status=status)
    ContactRequest.objects.filter(pk=row.pk).update(closed_at=NOW - ago)
    return row


def last_changed(make_candidate, name, ago, **fields):
    """A candidate last changed ``ago`` before NOW (updated_at is auto_now: set by update())."""
    row = make_candidate(name=name, **fields)
    Candidate.objects.filter(pk=row.pk).update(updated_at=NOW - ago, created_at=NOW - ago)
    return row


def names(model):
    return set(model.objects.values_list("name", flat=True))


@pytest.fixture
def aged(make_candidate, make_request, somali_language, arabic_language, indre_ostfold):
    """Rows on either side of each limit; the names say which should go."""
    languages = [somali_language, arabic_language]
    old_open = make_request(name="Gammel åpen")
    ContactRequest.objects.filter(pk=old_open.pk).update(created_at=NOW - 1000 * DAY)
    return {
        "requests": [
            closed(make_request, "Slett lukket 91 dager", 91 * DAY),
            closed(make_request, "Slett lukket 90 dager og et minutt", 90 * DAY + MINUTE),
            closed(make_request, "Behold lukket 90 dager", 90 * DAY),
            closed(make_request, "Behold lukket 89 dager", 89 * DAY),
            closed(make_request, "Behold lukket i går", DAY),
            old_open,
            # Being followed up, with a closing date left from before it was reopened.
            closed(make_request, "Behold under arbeid", 400 * DAY, RequestStatus.IN_PROGRESS),
        ],
        "candidates": [
            last_changed(make_candidate, "Slett 366 dager", 366 * DAY, languages=languages),
            last_changed(
                make_candidate,
                "Slett 365 dager og et minutt",
                365 * DAY + MINUTE,
                status=CandidateStatus.TRAINING,
                section=indre_ostfold,
            ),
            last_changed(make_candidate, "Behold 365 dager", 365 * DAY, languages=languages),
            last_changed(make_candidate, "Behold 364 dager", 364 * DAY),
            last_changed(make_candidate, "Behold i dag", datetime.timedelta(0)),
        ],
    }


def test_rows_past_their_retention_are_deleted_and_the_others_kept(aged):
    deleted = delete_expired(now=NOW)

    assert deleted == {"contact_request": 2, "candidate": 2}
    assert names(ContactRequest) == {
        "Behold lukket 90 dager",
        "Behold lukket 89 dager",
        "Behold lukket i går",
        "Gammel åpen",
        "Behold under arbeid",
    }
    assert names(Candidate) == {"Behold 365 dager", "Behold 364 dager", "Behold i dag"}


def test_the_languages_of_a_deleted_candidate_go_with_her(aged):
    through = Candidate.languages.through
    kept = aged["candidates"][2]
    assert through.objects.count() == 4

    delete_expired(now=NOW)

    assert set(through.objects.values_list("candidate_id", flat=True)) == {kept.pk}
    assert through.objects.count() == 2


def test_her_volunteer_account_stays_when_the_candidacy_goes(make_candidate, member):
    person = member("zainab")
    last_changed(make_candidate, "Slett", 400 * DAY, volunteer=person)

    delete_expired(now=NOW)

    assert not Candidate.objects.exists()
    person.refresh_from_db()
    assert person.is_active


def test_a_second_run_deletes_nothing(aged):
    delete_expired(now=NOW)

    assert delete_expired(now=NOW) == {"contact_request": 0, "candidate": 0}
    assert ContactRequest.objects.count() == 5 and Candidate.objects.count() == 3


def test_the_settings_change_the_limits(aged):
    with override_settings(OUTREACH_RETENTION_DAYS={"candidate": 364, "contact_request": 30}):
        assert retention_days() == {"candidate": 364, "contact_request": 30}
        deleted = delete_expired(now=NOW)

    assert deleted == {"contact_request": 4, "candidate": 3}
    assert names(ContactRequest) == {"Behold lukket i går", "Gammel åpen", "Behold under arbeid"}
    assert names(Candidate) == {"Behold 364 dager", "Behold i dag"}


def test_a_longer_retention_keeps_what_the_default_deletes(aged):
    with override_settings(OUTREACH_RETENTION_DAYS={"contact_request": 120}):
        counts = {kind: rows.count() for kind, rows in expired(NOW).items()}

    assert counts == {"contact_request": 0, "candidate": 2}


def test_the_log_says_how_many_and_nothing_they_held(aged, caplog):
    with caplog.at_level(logging.INFO, logger="cms.outreach.retention"):
        delete_expired(now=NOW)

    messages = [record.getMessage() for record in caplog.records]
    assert "Outreach retention: 2 contact_request rows deleted" in messages
    assert "Outreach retention: 2 candidate rows deleted" in messages
    logged = "\n".join(messages) + caplog.text
    for held in ("Slett", "Behold", NAME, "912 34 567", "912", "@"):
        assert held not in logged, held


def test_command_deletes_and_says_how_many(make_request, make_candidate, caplog):
    """The command runs at the real time (the rows are dated from it, a day off each limit)."""
    now = timezone.now()
    for name, ago in (("Slett", 91 * DAY), ("Behold", 89 * DAY)):
        row = make_request(name=name, status=RequestStatus.CLOSED)
        ContactRequest.objects.filter(pk=row.pk).update(closed_at=now - ago)
    for name, ago in (("Slett", 366 * DAY), ("Slett igjen", 400 * DAY), ("Behold", 364 * DAY)):
        row = make_candidate(name=name)
        Candidate.objects.filter(pk=row.pk).update(updated_at=now - ago)
    out = io.StringIO()

    with caplog.at_level(logging.INFO, logger="cms.outreach.retention"):
        call_command("outreach_retention", stdout=out)

    assert out.getvalue().strip() == "Done: 1 contact requests and 2 candidates deleted."
    assert "Slett" not in out.getvalue() + caplog.text
    assert names(ContactRequest) == names(Candidate) == {"Behold"}


def test_command_with_nothing_to_delete(make_request, make_candidate):
    make_request(status=RequestStatus.NEW)
    make_candidate()
    out = io.StringIO()

    call_command("outreach_retention", stdout=out)

    assert out.getvalue().strip() == "Done: 0 contact requests and 0 candidates deleted."
    assert ContactRequest.objects.count() == Candidate.objects.count() == 1


def test_schedule_with_a_backend_that_cannot_wait(aged):
    """The test settings' immediate backend runs tasks at once: nothing can be put off."""
    out = io.StringIO()

    call_command("outreach_retention", "--schedule", stdout=out)

    assert out.getvalue().strip() == (
        "Nothing scheduled: a run is waiting, or the queue cannot wait."
    )
    assert not DBTaskResult.objects.exists()
    assert ContactRequest.objects.count() == 7 and Candidate.objects.count() == 5


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_schedule_on_the_database_queue_is_not_doubled(db):
    first, second = io.StringIO(), io.StringIO()

    call_command("outreach_retention", "--schedule", stdout=first)
    call_command("outreach_retention", "--schedule", stdout=second)

    assert first.getvalue().startswith("The outreach retention runs next at ")
    assert first.getvalue().splitlines()[0].endswith(":30.")
    assert second.getvalue().startswith("Nothing scheduled")
    waiting = DBTaskResult.objects.get(task_path=apply_retention.module_path)
    assert waiting.run_after is not None


def test_the_task_deletes_and_returns_the_counts(make_request, make_candidate):
    """The task runs at the real time, like the command."""
    row = make_request(status=RequestStatus.CLOSED)
    ContactRequest.objects.filter(pk=row.pk).update(closed_at=timezone.now() - 91 * DAY)
    row = make_candidate()
    Candidate.objects.filter(pk=row.pk).update(updated_at=timezone.now() - 366 * DAY)

    result = apply_retention.enqueue()

    assert result.return_value == {"contact_request": 1, "candidate": 1}
    assert not ContactRequest.objects.exists() and not Candidate.objects.exists()
