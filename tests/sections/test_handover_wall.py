"""Phase four, the wall: once handed over, the association is its board's.

The municipality's editors and coordinators edited everything below their
page, the association included; after the hand-over they no longer edit or
publish the association's pages (in any language), its events or its media,
nor manage its people, while the board and the national editors do. What
stays the municipality's stays hers, and the history says who lost and
gained what.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.content.models import StandardPage
from cms.core.page_permissions import SectionPagePermissionPolicy
from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from cms.sections import handover
from cms.sections.models import SectionRoles
from tests.factories import EventFactory, StandardPageFactory
from tests.helpers.events import event_form
from tests.helpers.sections import (
    Image,
    assert_refused,
    collection_of,
    coordinators,
    days_from_now,
    edit_url,
    editors,
    hand_over_log,
    image,
    login,
    people_url,
    standard_page_form,
)

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request sees it, without cached permissions."""
    return get_user_model().objects.get(pk=user.pk)


def event_url(name, *args):
    return reverse(f"wagtailsnippets_cms_event:{name}", args=args)


def may(user, action, event):
    return event_permission_policy.user_has_permission_for_instance(fresh(user), action, event)


def may_change_image(user, picture):
    policy = policy_registry.get_by_type(Image)
    return policy.user_has_permission_for_instance(fresh(user), "change", picture)


@pytest.fixture
def nf_editor(member, nordre_follo):
    return member("redaktor", editors(nordre_follo))


@pytest.fixture
def nf_coordinator(member, nordre_follo):
    return member("koordinator", coordinators(nordre_follo))


@pytest.fixture
def board(member, association):
    return member("styret", editors(association))


@pytest.fixture
def board_page(association):
    return StandardPageFactory(parent=association, title="Styret", slug="styret")


# --- The wall after the hand-over -----------------------------------------------------


def test_edit_association_page_with_board_right(client, nordre_follo, board, board_page):
    handover.hand_over(nordre_follo)
    assert board_page.permissions_for_user(board).can_edit()
    assert board_page.permissions_for_user(board).can_publish()
    assert login(client, board).get(edit_url(board_page)).status_code == 200
    client.post(
        edit_url(board_page), standard_page_form(title="Styret 2026", **{"action-publish": "1"})
    )
    assert StandardPage.objects.get(pk=board_page.pk).title == "Styret 2026"


def test_edit_association_page_with_national_right(client, nordre_follo, national, board_page):
    handover.hand_over(nordre_follo)
    assert board_page.permissions_for_user(national).can_publish()
    assert login(client, national).get(edit_url(board_page)).status_code == 200


@pytest.mark.parametrize("municipal", ["nf_editor", "nf_coordinator"])
def test_edit_association_page_without_board_right(
    request, client, municipal, nordre_follo, board_page
):
    user = request.getfixturevalue(municipal)
    assert board_page.permissions_for_user(fresh(user)).can_edit()  # until the hand-over
    handover.hand_over(nordre_follo)
    revision = board_page.latest_revision

    assert not board_page.permissions_for_user(fresh(user)).can_edit()
    assert not board_page.permissions_for_user(fresh(user)).can_publish()
    assert_refused(login(client, user).get(edit_url(board_page)))
    response = client.post(
        edit_url(board_page), standard_page_form(title="Overtatt", **{"action-publish": "1"})
    )
    assert_refused(response)
    page = StandardPage.objects.get(pk=board_page.pk)
    assert page.title == "Styret"
    assert page.latest_revision == revision


def test_edit_municipality_page_with_municipal_right(client, nordre_follo, nf_editor):
    own = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss")
    handover.hand_over(nordre_follo)
    assert own.permissions_for_user(nf_editor).can_publish()
    login(client, nf_editor).post(
        edit_url(own), standard_page_form(title="Om oss i Ski", **{"action-publish": "1"})
    )
    assert StandardPage.objects.get(pk=own.pk).title == "Om oss i Ski"


def bulk_move_url(page):
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move")) + f"?id={page.pk}"


def test_bulk_move_with_municipal_right(client, nordre_follo, nf_editor):
    own = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss")
    courses = StandardPageFactory(parent=nordre_follo, title="Kurs", slug="kurs")
    handover.hand_over(nordre_follo)
    login(client, nf_editor).post(bulk_move_url(own), {"chooser": courses.pk})
    assert StandardPage.objects.get(pk=own.pk).get_parent().pk == courses.pk


def test_bulk_move_into_association_without_board_right(
    client, nordre_follo, association, nf_editor
):
    own = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss")
    handover.hand_over(nordre_follo)
    response = login(client, nf_editor).post(bulk_move_url(own), {"chooser": association.pk})
    assert response.status_code == 200
    assert StandardPage.objects.get(pk=own.pk).get_parent().pk == nordre_follo.pk


def test_edit_association_itself_without_board_right(
    client, nordre_follo, association, nf_editor, board
):
    assert association.permissions_for_user(fresh(nf_editor)).can_edit()  # until the hand-over
    handover.hand_over(nordre_follo)
    assert not association.permissions_for_user(fresh(nf_editor)).can_edit()
    assert_refused(login(client, nf_editor).get(edit_url(association)))
    assert association.permissions_for_user(board).can_edit()
    assert login(client, board).get(edit_url(association)).status_code == 200


def test_edit_translated_association_page(
    client, committed, english, nordre_follo, nf_editor, board, board_page
):
    with committed():  # the English sections provision themselves on commit
        board_page.copy_for_translation(english, copy_parents=True)
    translated = board_page.get_translation(english)
    english_nordre_follo = nordre_follo.get_translation(english)
    own = StandardPageFactory(parent=english_nordre_follo, locale=english, title="About us")
    assert translated.permissions_for_user(fresh(nf_editor)).can_edit()  # until the hand-over
    handover.hand_over(nordre_follo)

    assert not translated.permissions_for_user(nf_editor).can_edit()
    assert_refused(login(client, nf_editor).get(edit_url(translated)))
    assert translated.permissions_for_user(board).can_edit()
    assert login(client, board).get(edit_url(translated)).status_code == 200
    assert own.permissions_for_user(nf_editor).can_edit()


def test_edit_moved_event_without_board_right(client, nordre_follo, nf_editor, board):
    event = EventFactory(section=nordre_follo, title="Temakveld i Ski", **days_from_now(30))
    assert may(nf_editor, "change", event)  # until the hand-over
    handover.hand_over(nordre_follo)
    event = Event.objects.get(pk=event.pk)

    assert not may(nf_editor, "change", event)
    assert not may(nf_editor, "publish", event)
    assert_refused(login(client, nf_editor).get(event_url("edit", event.pk)))
    assert may(board, "change", event)
    assert may(board, "publish", event)
    assert login(client, board).get(event_url("edit", event.pk)).status_code == 200


def test_add_association_event_with_board_right(client, nordre_follo, board, association):
    handover.hand_over(nordre_follo)
    form = event_form(section=association.pk, title="Styremøte", **{"action-publish": "1"})
    assert login(client, board).post(event_url("add"), form).status_code == 302
    assert Event.objects.get(title="Styremøte").section.specific == association


def test_add_association_event_without_board_right(client, nordre_follo, nf_editor, association):
    handover.hand_over(nordre_follo)
    form = event_form(section=association.pk, title="Styremøte", **{"action-publish": "1"})
    response = login(client, nf_editor).post(event_url("add"), form)
    assert response.status_code == 200
    assert response.context["form"].errors["section"]
    assert not Event.objects.filter(title="Styremøte").exists()


def test_edit_association_image(client, nordre_follo, association, nf_editor, board):
    handover.hand_over(nordre_follo)
    theirs = image("Styremøte", collection_of(association))
    ours = image("Kommunens kurs", collection_of(nordre_follo))

    assert not may_change_image(nf_editor, theirs)
    assert_refused(login(client, nf_editor).get(reverse("wagtailimages:edit", args=[theirs.pk])))
    assert may_change_image(board, theirs)
    assert may_change_image(nf_editor, ours)
    assert not may_change_image(board, ours)


def test_association_people_without_board_right(client, nordre_follo, nf_coordinator):
    association, _changes = handover.hand_over(nordre_follo)
    assert_refused(login(client, nf_coordinator).get(people_url(association)))
    assert client.get(people_url(nordre_follo)).status_code == 200


def test_association_people_with_national_right(client, nordre_follo, national):
    association, _changes = handover.hand_over(nordre_follo)
    assert login(client, national).get(people_url(association)).status_code == 200


def test_hand_over_history_names_who_lost_and_gained(nordre_follo, association, national):
    handover.hand_over(nordre_follo, user=national)
    entry = hand_over_log(association).get()
    assert entry.user == national
    lost = "can no longer edit or publish “Bydelsmødre i Follo”, its pages, events and media"
    gained = "alone edits and publishes “Bydelsmødre i Follo” (with the national editors)"
    assert {
        f"“Nordre Follo – redaktører” {lost}",
        f"“Nordre Follo – koordinatorer” {lost}",
        f"“Bydelsmødre i Follo – redaktører” {gained}",
        f"“Bydelsmødre i Follo – koordinatorer” {gained}",
    } <= set(entry.data["changes"])
    assert hand_over_log(nordre_follo).get().data["changes"] == entry.data["changes"]


def test_second_hand_over_walls_nothing_more(nordre_follo, association, national):
    handover.hand_over(nordre_follo, user=national)
    handed_over_at = SectionRoles.objects.get(section=association).handed_over_at
    _association, changes = handover.hand_over(nordre_follo, user=national)
    assert not [change for change in changes if "edit" in change]
    assert hand_over_log(association).count() == 1
    assert SectionRoles.objects.get(section=association).handed_over_at == handed_over_at


def test_users_who_may_edit_association_page(
    nordre_follo, national, nf_editor, nf_coordinator, board, board_page
):
    own = StandardPageFactory(parent=nordre_follo, title="Om oss", slug="om-oss")
    handover.hand_over(nordre_follo)
    policy = SectionPagePermissionPolicy()

    users = set(policy.users_with_any_permission_for_instance(["change", "publish"], board_page))
    assert {board, national} <= users
    assert not {nf_editor, nf_coordinator} & users
    users = set(policy.users_with_any_permission_for_instance(["change", "publish"], own))
    assert {nf_editor, nf_coordinator, national} <= users
    assert board not in users
    assert isinstance(policy_registry.get_by_type(Page), SectionPagePermissionPolicy)
