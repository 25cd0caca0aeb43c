"""The coordinators' daily digest: one e-mail a morning, instead of one each time, if she chose it.

It counts what came in to her own sections during the last day, only the
kinds she wants, in her own language, with nothing of what anyone wrote; a
day with nothing new sends nothing.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile

from cms.outreach.digest import send_daily_digests
from cms.outreach.models import Candidate
from cms.outreach.tasks import send_digests
from cms.sections.models import NotificationPreferences, SectionRoles
from tests.helpers.training import route
from tests.outreach.conftest import NAME

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def digest_reader(coordinator):
    """Nordre Follo's coordinator, who asked for the daily digest."""
    NotificationPreferences.objects.create(user=coordinator, daily_digest=True)
    return coordinator


def _her_messages(mailoutbox, user):
    return [message for message in mailoutbox if message.to == [user.email]]


def test_who_chose_the_digest_gets_no_e_mail_at_once(
    client, digest_reader, candidate_post, mailoutbox, member, nordre_follo
):
    other = member("koordinator-2", SectionRoles.objects.get(section=nordre_follo).coordinators)

    assert client.post("/bli-bydelsmor/", candidate_post).status_code == 302

    assert _her_messages(mailoutbox, digest_reader) == []
    assert len(_her_messages(mailoutbox, other)) == 1


def test_the_digest_counts_the_last_day_in_her_sections_only(
    digest_reader,
    make_candidate,
    make_request,
    nordre_follo,
    indre_ostfold,
    mailoutbox,
    settings,
):
    settings.WAGTAILADMIN_BASE_URL = "https://bydelsmor.test"
    now = timezone.now()
    make_candidate()
    make_candidate()
    old = make_candidate()
    Candidate.objects.filter(pk=old.pk).update(created_at=now - 2 * DAY)
    make_request()
    make_candidate(section=indre_ostfold)

    assert send_daily_digests(now=now + datetime.timedelta(minutes=1)) == 1

    (message,) = mailoutbox
    assert message.to == [digest_reader.email]
    with translation.override("nb"):
        assert message.subject == translation.gettext("What waits for you in your sections")
        two_women = translation.ngettext(
            "%(count)s woman wants to become a bydelsmor",
            "%(count)s women want to become bydelsmødre",
            2,
        ) % {"count": 2}
        one_request = translation.ngettext(
            "%(count)s request for a bydelsmor", "%(count)s requests for a bydelsmor", 1
        ) % {"count": 1}
    assert f"Nordre Follo: {two_women}" in message.body
    assert f"Nordre Follo: {one_request}" in message.body
    assert f"https://bydelsmor.test/admin/seksjoner/{nordre_follo.pk}/kandidater/" in message.body
    assert "Indre Østfold" not in message.body
    assert NAME not in message.body and "912 34 567" not in message.body


def test_the_digest_leaves_out_the_kinds_she_turned_off_and_speaks_her_language(
    digest_reader, make_candidate, make_request, mailoutbox
):
    NotificationPreferences.objects.filter(user=digest_reader).update(new_candidates=False)
    profile = UserProfile.get_for_user(digest_reader)
    profile.preferred_language = "en"
    profile.save()
    make_candidate()
    make_request()

    send_daily_digests(now=timezone.now() + datetime.timedelta(minutes=1))

    (message,) = mailoutbox
    assert message.subject == "What waits for you in your sections"
    assert "Nordre Follo: 1 request for a bydelsmor" in message.body
    assert "bydelsmødre" not in message.body and "woman" not in message.body


def test_a_volunteers_deletion_request_is_in_her_digest(
    client, area, amina, digest_reader, mailoutbox
):
    client.force_login(amina.user)
    client.post(route(area, "profile"), {"action": "request_deletion"})
    assert _her_messages(mailoutbox, digest_reader) == []

    send_daily_digests(now=timezone.now() + datetime.timedelta(minutes=1))

    (message,) = _her_messages(mailoutbox, digest_reader)
    assert "/frivillige/" in message.body
    assert amina.user.get_full_name() not in message.body


def test_a_day_with_nothing_new_sends_nothing(digest_reader, make_candidate, mailoutbox):
    make_candidate()

    assert send_daily_digests(now=timezone.now() + 2 * DAY) == 0
    assert mailoutbox == []


def test_who_did_not_choose_it_gets_no_digest(coordinator, make_candidate, mailoutbox):
    make_candidate()

    assert send_daily_digests(now=timezone.now() + datetime.timedelta(minutes=1)) == 0


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_schedule_puts_the_digest_at_seven_once(db):
    out = io.StringIO()

    call_command("outreach_retention", "--schedule", stdout=out)
    call_command("outreach_retention", "--schedule", stdout=io.StringIO())

    assert "The daily digest goes out next at " in out.getvalue()
    waiting = DBTaskResult.objects.get(task_path=send_digests.module_path)
    assert timezone.localtime(waiting.run_after).hour == 7
