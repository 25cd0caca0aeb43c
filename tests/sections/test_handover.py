"""Phase four: a municipality's group becomes a local association, which takes over.

A national editor hands a municipality over in "Sections and people", or an
operator runs ``manage.py hand_over_section``: the association page is made
(live, below the municipality) unless it exists, its board gets an editors
group of its own, and the municipality's events that still have an
occurrence to come move to it, with their translations and drafts. Past
events stay where they happened. Every moved event's history and both
sections' histories say what moved and who moved it.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Locale, PageLogEntry

from cms.events.audit import EventLogEntry
from cms.events.models import Event, Repeat
from cms.events.permissions import event_permission_policy
from cms.sections import handover
from cms.sections.models import AssociationPage, SectionRoles
from tests.factories import AssociationPageFactory, EventFactory
from tests.helpers.sections import (
    assert_refused,
    coordinators,
    days_from_now,
    editors,
    hand_over_log,
    login,
    people_url,
)

pytestmark = pytest.mark.django_db


def section_of(event):
    return Event.objects.get(pk=event.pk).section.specific


def event_log(event):
    return EventLogEntry.objects.filter(object_id=str(event.pk), action=handover.LOG_ACTION)


@pytest.fixture
def future_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Temakveld i Ski", **days_from_now(30))


@pytest.fixture
def past_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Sommerfest i fjor", **days_from_now(-30))


# --- In the admin -----------------------------------------------------------------------


def test_hand_over_with_national_right(
    client, national, nordre_follo, future_event, past_event, committed
):
    english = future_event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    with committed():
        response = login(client, national).post(
            people_url(nordre_follo), {"action": "hand_over", "title": "", "confirm": "on"}
        )
    association = AssociationPage.objects.child_of(nordre_follo).get()
    assert response.status_code == 302
    assert response.url == people_url(association)
    assert association.title == "Bydelsmødre Nordre Follo"
    assert association.live
    roles = SectionRoles.objects.get(section=association)
    assert roles.editors.name == "Bydelsmødre Nordre Follo – redaktører"
    assert roles.editors != editors(nordre_follo)

    assert section_of(future_event) == association
    assert section_of(english) == association
    assert section_of(past_event) == nordre_follo
    assert event_log(future_event).get().user == national
    assert not event_log(past_event).exists()
    for page in (nordre_follo, association):
        assert hand_over_log(page).get().user == national


def test_hand_over_named_association(client, national, nordre_follo, committed):
    with committed():
        login(client, national).post(
            people_url(nordre_follo),
            {"action": "hand_over", "title": "Follo-mødrene", "confirm": "on"},
        )
    assert AssociationPage.objects.child_of(nordre_follo).get().title == "Follo-mødrene"


def test_hand_over_without_national_right(client, member, nordre_follo, future_event):
    coordinator = member("koordinator", coordinators(nordre_follo))
    response = login(client, coordinator).post(
        people_url(nordre_follo), {"action": "hand_over", "title": "", "confirm": "on"}
    )
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert_refused(response)
    assert not AssociationPage.objects.exists()
    assert section_of(future_event) == nordre_follo
    assert not hand_over_log(nordre_follo).exists()


def test_hand_over_of_association(client, national, association):
    response = login(client, national).post(
        people_url(association), {"action": "hand_over", "title": "", "confirm": "on"}
    )
    assert_refused(response)
    assert AssociationPage.objects.count() == 1
    assert not hand_over_log(association).exists()


def test_hand_over_without_confirm(client, national, nordre_follo, future_event):
    response = login(client, national).post(
        people_url(nordre_follo), {"action": "hand_over", "title": "Follo-mødrene"}
    )
    assert response.status_code == 400
    assert response.context["hand_over_form"].errors["confirm"]
    assert not AssociationPage.objects.exists()
    assert section_of(future_event) == nordre_follo
    assert not hand_over_log(nordre_follo).exists()


def test_hand_over_to_unpublished_association(
    client, national, section, nordre_follo, future_event
):
    draft = section("Bydelsmødre i Follo", nordre_follo, AssociationPageFactory, live=False)
    response = login(client, national).post(
        people_url(nordre_follo), {"action": "hand_over", "title": "", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "er ikke publisert" in response.content.decode()
    assert list(AssociationPage.objects.all()) == [draft]
    assert section_of(future_event) == nordre_follo
    assert not hand_over_log(nordre_follo).exists()


def test_hand_over_form_without_national_right(client, member, nordre_follo):
    coordinator = member("koordinator", coordinators(nordre_follo))
    response = login(client, coordinator).get(people_url(nordre_follo))
    assert response.status_code == 200
    assert 'value="hand_over"' not in response.content.decode()


# --- hand_over() itself ---------------------------------------------------------------


def test_hand_over_reuses_association(nordre_follo, association, future_event):
    result, _changes = handover.hand_over(nordre_follo)
    assert result == association
    assert AssociationPage.objects.count() == 1
    assert section_of(future_event) == association


def test_hand_over_twice_moves_nothing_more(nordre_follo, future_event):
    first, changes = handover.hand_over(nordre_follo)
    assert any(change.startswith("moved 1 future event(s)") for change in changes)
    entries = PageLogEntry.objects.filter(action=handover.LOG_ACTION).count()
    second, changes = handover.hand_over(nordre_follo)
    assert second == first
    assert AssociationPage.objects.count() == 1
    assert changes == []
    assert event_log(future_event).count() == 1
    assert PageLogEntry.objects.filter(action=handover.LOG_ACTION).count() == entries


def test_new_association_gets_a_readable_address(nordre_follo):
    association, _changes = handover.hand_over(nordre_follo)

    assert association.slug == "bydelsmodre-nordre-follo"
    assert association.url_path.endswith("/nordre-follo/bydelsmodre-nordre-follo/")


def test_hand_over_moves_event_with_one_occurrence_to_come(nordre_follo):
    weekly = EventFactory(
        section=nordre_follo,
        repeat=Repeat.WEEKLY,
        repeat_until=(timezone.localdate() + datetime.timedelta(days=21)),
        **days_from_now(-21),
    )
    association, _changes = handover.hand_over(nordre_follo)
    assert section_of(weekly) == association


def test_hand_over_rewrites_draft(nordre_follo, future_event):
    future_event.title = "Temakveld i Ski, ny dato"
    future_event.save_revision()
    association, _changes = handover.hand_over(nordre_follo)

    Event.objects.get(pk=future_event.pk).latest_revision.publish()
    event = Event.objects.get(pk=future_event.pk)
    assert event.title == "Temakveld i Ski, ny dato"
    assert event.section.specific == association


def test_hand_over_rewrites_translations_draft(nordre_follo, future_event):
    english = future_event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    english.title = "Theme evening in Ski"
    english.save_revision()
    association, _changes = handover.hand_over(nordre_follo)

    Event.objects.get(pk=english.pk).latest_revision.publish()
    english = Event.objects.get(pk=english.pk)
    assert english.title == "Theme evening in Ski"
    assert english.section.specific == association


def test_board_edits_moved_event(member, nordre_follo, indre_ostfold, future_event):
    association, _changes = handover.hand_over(nordre_follo)
    board = member("styret", editors(association))
    io_editor = member("askim", editors(indre_ostfold))
    event = Event.objects.get(pk=future_event.pk)
    assert event_permission_policy.user_has_permission_for_instance(board, "change", event)
    assert not event_permission_policy.user_has_permission_for_instance(io_editor, "change", event)


def test_board_does_not_edit_past_event(member, nordre_follo, past_event):
    association, _changes = handover.hand_over(nordre_follo)
    board = member("styret", editors(association))
    event = Event.objects.get(pk=past_event.pk)
    assert not event_permission_policy.user_has_permission_for_instance(board, "change", event)


# --- The management command -----------------------------------------------------------


def test_command_hands_over(nordre_follo, future_event):
    out = io.StringIO()
    call_command("hand_over_section", "nordre-follo", stdout=out)
    lines = out.getvalue().splitlines()
    assert "created and published the association page “Bydelsmødre Nordre Follo”" in lines
    assert (
        "moved 1 future event(s) from “Nordre Follo” to “Bydelsmødre Nordre Follo”: "
        "“Temakveld i Ski”" in lines
    )
    assert lines[-1] == "“Nordre Follo” is handed over to “Bydelsmødre Nordre Follo”."
    association = AssociationPage.objects.child_of(nordre_follo).get()
    assert section_of(future_event) == association
    assert hand_over_log(nordre_follo).get().user is None


def test_command_by_id_with_title(nordre_follo):
    out = io.StringIO()
    call_command("hand_over_section", str(nordre_follo.pk), "--title", "Follo-mødrene", stdout=out)
    assert AssociationPage.objects.child_of(nordre_follo).get().title == "Follo-mødrene"


def test_command_with_unknown_section(nordre_follo):
    with pytest.raises(CommandError, match="finnes-ikke"):
        call_command("hand_over_section", "finnes-ikke", stdout=io.StringIO())
    assert not AssociationPage.objects.exists()


def test_command_with_slug_of_two_sections(section, nordre_follo, indre_ostfold):
    for municipality in (nordre_follo, indre_ostfold):
        section("Sentrum", municipality, slug="sentrum")
    with pytest.raises(CommandError, match="More than one section"):
        call_command("hand_over_section", "sentrum", stdout=io.StringIO())
    assert not AssociationPage.objects.exists()


def test_command_with_association(association):
    with pytest.raises(CommandError, match="er ikke en kommune eller bydel"):
        call_command("hand_over_section", association.slug, stdout=io.StringIO())
    assert AssociationPage.objects.count() == 1
