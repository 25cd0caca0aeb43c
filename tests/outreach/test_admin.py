"""The coordinators' candidates and requests (cms.outreach.admin): hers exactly, no one else's.

Every surface from both sides: the index, each section's two lists and each
action posted to them (status, delete, make her a volunteer). The section's
coordinator and a superuser see and act; the coordinator of another
section, the section's editor, a national editor, a translator, the
municipality's contact, a volunteer and anonymous visitors see no row and
change nothing.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import PageLogEntry

from cms.core.groups import VOLUNTEERS
from cms.outreach.models import Candidate, CandidateStatus, ContactRequest, RequestStatus
from cms.outreach.wagtail_hooks import OutreachMenuItem
from cms.sections.forms import LOG_ACTION
from cms.volunteers.models import VolunteerProfile
from tests.outreach.conftest import NAME, said

pytestmark = pytest.mark.django_db

User = get_user_model()

OTHER_NAME = "Hodan Andreseksjon"

#: Everyone who is not Nordre Follo's coordinator (nor a superuser).
OUTSIDERS = [
    "other_coordinator",
    "nf_editor",
    "national_editor",
    "translator",
    "nf_municipality_contact",
    "volunteer",
    "anonymous",
]


@pytest.fixture
def rows(make_candidate, make_request, nordre_follo, indre_ostfold, somali_language, network):
    """Zainab's candidacy and request in Nordre Follo, Hodan's in Indre Østfold.

    Hodan's rows get ids of their own, far from the tables' sequences: on
    PostgreSQL the two tables count apart, and her request's id could
    otherwise be Zainab's candidacy's (a request's id on the candidates' list
    must be no row of that list).
    """
    return {
        "candidate": make_candidate(
            email="zainab@example.no", languages=[somali_language], language_code="so"
        ),
        "request": make_request(email="zainab@example.no"),
        "other_candidate": make_candidate(
            pk=900_001, section=indre_ostfold, name=OTHER_NAME, email="hodan@example.no"
        ),
        "other_request": make_request(pk=900_002, section=indre_ostfold, name=OTHER_NAME),
    }


def url(name, section):
    return reverse(name, args=[section.pk])


def candidates_url(section):
    return url("cms_section_candidates", section)


def requests_url(section):
    return url("cms_section_requests", section)


def snapshot():
    """Everything an action may change: each row's state, the users and the profiles."""
    return {
        "candidates": list(
            Candidate.objects.order_by("pk").values_list(
                "pk", "status", "handled_by", "volunteer", "updated_at"
            )
        ),
        "requests": list(
            ContactRequest.objects.order_by("pk").values_list(
                "pk", "status", "handled_by", "closed_at", "updated_at"
            )
        ),
        "users": User.objects.count(),
        "profiles": VolunteerProfile.objects.count(),
    }


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


def flashed(response):
    """The messages a page shows (Django's messages framework)."""
    return [str(message) for message in response.context["messages"]]


def log_in(client, request, who):
    """Log in the fixture named ``who`` (a user or a volunteer's profile); None for anonymous."""
    client.logout()
    if who == "anonymous":
        return None
    person = request.getfixturevalue(who)
    user = getattr(person, "user", person)
    client.force_login(user)
    return user


# --- Seeing: the coordinator and a superuser ----------------------------------------------


def test_view_with_coordinator_right(client, coordinator, rows, nordre_follo):
    client.force_login(coordinator)

    index = client.get(reverse("cms_outreach"))
    candidates = client.get(candidates_url(nordre_follo))
    requests = client.get(requests_url(nordre_follo))

    assert index.status_code == 200
    assert [row["section"].pk for row in index.context["rows"]] == [nordre_follo.pk]
    row = index.context["rows"][0]
    assert (row["candidates"]["new"], row["candidates"]["open"]) == (1, 1)
    assert (row["requests"]["new"], row["requests"]["open"]) == (1, 1)
    assert candidates_url(nordre_follo) in index.content.decode()
    assert "Indre Østfold" not in index.content.decode()
    for response, kept in ((candidates, rows["candidate"]), (requests, rows["request"])):
        assert response.status_code == 200
        assert [row.pk for row in response.context["rows"]] == [kept.pk]
        page = response.content.decode()
        assert NAME in page and "zainab@example.no" in page and 'href="tel:91234567"' in page
        assert OTHER_NAME not in page
    assert "<td>somali</td>" in candidates.content.decode()
    with translation.override("nb"):
        somali = get_language_info("so")["name_translated"]
    assert nb("Wrote in: %(language)s") % {"language": somali} in candidates.content.decode()
    assert "tigrinja" in requests.content.decode()


def test_what_she_wrote_is_shown_as_text(client, coordinator, make_candidate, nordre_follo):
    make_candidate(
        name="<script>alert(1)</script>",
        email="x@example.no",
        neighbourhood='"><img src=x onerror=alert(1)>',
    )
    client.force_login(coordinator)

    page = client.get(candidates_url(nordre_follo)).content.decode()

    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_view_with_superuser_right(client, superuser, rows, nordre_follo, indre_ostfold):
    client.force_login(superuser)

    index = client.get(reverse("cms_outreach"))

    assert {row["section"].pk for row in index.context["rows"]} == {
        nordre_follo.pk,
        indre_ostfold.pk,
    }
    assert OTHER_NAME in client.get(candidates_url(indre_ostfold)).content.decode()
    assert NAME in client.get(requests_url(nordre_follo)).content.decode()


def test_the_status_filter(client, coordinator, rows, make_candidate, make_request, nordre_follo):
    contacted = make_candidate(name="Fadumo Kontaktet", status=CandidateStatus.CONTACTED)
    closed = make_request(name="Lukket Forespørsel", status=RequestStatus.CLOSED)
    client.force_login(coordinator)

    def listed(list_url, status):
        response = client.get(list_url, {"status": status})
        assert response.status_code == 200, status
        return response.context["status"], {row.pk for row in response.context["rows"]}

    candidates, requests = candidates_url(nordre_follo), requests_url(nordre_follo)
    assert listed(candidates, "contacted") == ("contacted", {contacted.pk})
    assert listed(candidates, "new") == ("new", {rows["candidate"].pk})
    assert listed(candidates, "training") == ("training", set())
    assert listed(requests, "closed") == ("closed", {closed.pk})
    assert listed(requests, "in_progress") == ("in_progress", set())
    # An unknown status (or another list's) shows everything, without a 500.
    for status in ("", "bogus", "closed", "x" * 500, "new\u00a0"):
        assert listed(candidates, status)[1] == {rows["candidate"].pk, contacted.pk}, status
    assert listed(requests, "contacted")[1] == {rows["request"].pk, closed.pk}


# --- Seeing: everyone else --------------------------------------------------------------


@pytest.mark.parametrize("who", OUTSIDERS)
def test_view_without_coordinator_right(client, request, who, rows, nordre_follo):
    log_in(client, request, who)

    for list_url in (candidates_url(nordre_follo), requests_url(nordre_follo)):
        response = client.get(list_url)

        assert response.status_code in (302, 403, 404), list_url
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"] == "/"
        assert NAME.encode() not in response.content
    index = client.get(reverse("cms_outreach"))
    if index.status_code == 200:
        shown = {row["section"].pk for row in index.context["rows"]}
        assert nordre_follo.pk not in shown
        assert "Nordre Follo" not in index.content.decode()
    else:
        assert index.status_code in (302, 403)
    assert NAME.encode() not in index.content


@pytest.mark.parametrize("who", OUTSIDERS)
def test_act_without_coordinator_right(client, request, who, rows, nordre_follo):
    log_in(client, request, who)
    candidate, contact = rows["candidate"], rows["request"]
    before = snapshot()

    for list_url, post in (
        (candidates_url(nordre_follo), {"action": "status", "status": "contacted"}),
        (candidates_url(nordre_follo), {"action": "delete", "confirm": "yes"}),
        (candidates_url(nordre_follo), {"action": "volunteer"}),
        (requests_url(nordre_follo), {"action": "status", "status": "closed"}),
        (requests_url(nordre_follo), {"action": "delete", "confirm": "yes"}),
    ):
        row = candidate if "kandidater" in list_url else contact
        response = client.post(list_url, {**post, "row": str(row.pk)})
        assert response.status_code in (302, 403, 404), post
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"] == "/"

    assert snapshot() == before


def test_the_other_coordinator_sees_her_own_section_only(
    client, other_coordinator, rows, nordre_follo, indre_ostfold
):
    client.force_login(other_coordinator)

    index = client.get(reverse("cms_outreach"))

    assert [row["section"].pk for row in index.context["rows"]] == [indre_ostfold.pk]
    assert OTHER_NAME in client.get(candidates_url(indre_ostfold)).content.decode()
    assert client.get(candidates_url(nordre_follo)).status_code == 404
    assert client.get(requests_url(nordre_follo)).status_code == 404


def test_an_unknown_or_huge_section_id_is_not_found(client, coordinator, rows):
    client.force_login(coordinator)
    for name in ("cms_section_candidates", "cms_section_requests"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
        assert client.get(f"/admin/seksjoner/{10**30}/kandidater/").status_code in (400, 404)


# --- The menu ---------------------------------------------------------------------------


def test_menu_item_with_coordinator_right(client, coordinator, superuser, rows, rf):
    for user in (coordinator, superuser):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert reverse("cms_outreach") in response.content.decode(), user


def test_menu_item_without_coordinator_right(client, request, rows, rf):
    item = OutreachMenuItem("Candidates and requests", reverse("cms_outreach"))
    for who in OUTSIDERS:
        if who == "other_coordinator":
            continue  # she coordinates Indre Østfold: the item leads to hers
        user = log_in(client, request, who)
        response = client.get(reverse("wagtailadmin_home"))
        assert reverse("cms_outreach") not in response.content.decode(), who
        if user is not None:
            asked = rf.get("/admin/")
            asked.user = user
            assert not item.is_shown(asked), who


# --- Acting: status ---------------------------------------------------------------------


def test_change_a_candidates_status_with_coordinator_right(client, coordinator, rows, nordre_follo):
    client.force_login(coordinator)
    candidate = rows["candidate"]

    response = client.post(
        candidates_url(nordre_follo),
        {"action": "status", "row": str(candidate.pk), "status": "info_meeting"},
    )

    assert response.status_code == 302
    assert response["Location"] == candidates_url(nordre_follo)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.handled_by) == (CandidateStatus.INFO_MEETING, coordinator)
    listing = client.get(response["Location"])
    assert flashed(listing) == [nb("The status is saved.")]
    assert "koordinator-nordrefollo" in listing.content.decode()  # "by …": she has no name
    entry = PageLogEntry.objects.filter(page=nordre_follo, action=LOG_ACTION).latest("pk")
    assert entry.user == coordinator
    assert NAME not in str(entry.data) and "912" not in str(entry.data)


def test_closing_a_request_dates_it_and_reopening_clears_the_date(
    client, coordinator, rows, nordre_follo
):
    client.force_login(coordinator)
    contact = rows["request"]

    def set_status(status):
        response = client.post(
            requests_url(nordre_follo),
            {"action": "status", "row": str(contact.pk), "status": status},
        )
        assert response.status_code == 302, status
        contact.refresh_from_db()

    set_status("in_progress")
    assert (contact.status, contact.closed_at, contact.handled_by) == (
        RequestStatus.IN_PROGRESS,
        None,
        coordinator,
    )
    set_status("closed")
    closed_at = contact.closed_at
    assert contact.status == RequestStatus.CLOSED and closed_at is not None
    set_status("closed")  # saved again: still closed since then
    assert contact.closed_at == closed_at
    set_status("new")
    assert (contact.status, contact.closed_at) == (RequestStatus.NEW, None)


def test_a_superuser_may_act_in_any_section(client, superuser, rows, indre_ostfold):
    client.force_login(superuser)
    other = rows["other_request"]

    response = client.post(
        requests_url(indre_ostfold), {"action": "status", "row": str(other.pk), "status": "closed"}
    )

    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.status, other.handled_by) == (RequestStatus.CLOSED, superuser)


def test_a_row_of_another_section_is_not_found_and_unchanged(
    client, coordinator, rows, nordre_follo
):
    client.force_login(coordinator)
    before = snapshot()

    for list_url, row, post in (
        (candidates_url(nordre_follo), rows["other_candidate"], {"action": "status"}),
        (candidates_url(nordre_follo), rows["other_candidate"], {"action": "delete"}),
        (candidates_url(nordre_follo), rows["other_candidate"], {"action": "volunteer"}),
        # A request's id on the candidates' list, and the other way round.
        (candidates_url(nordre_follo), rows["other_request"], {"action": "status"}),
        (requests_url(nordre_follo), rows["other_request"], {"action": "status"}),
        (requests_url(nordre_follo), rows["other_request"], {"action": "delete"}),
        (requests_url(nordre_follo), rows["other_candidate"], {"action": "delete"}),
    ):
        post = {**post, "row": str(row.pk), "status": "closed", "confirm": "yes"}
        if post["action"] == "status" and "kandidater" in list_url:
            post["status"] = "not_now"
        response = client.post(list_url, post)
        assert response.status_code == 404, (list_url, post)

    assert snapshot() == before


def test_bad_posts_are_a_400_with_a_message_and_change_nothing(
    client, coordinator, rows, nordre_follo
):
    client.force_login(coordinator)
    candidate, contact = rows["candidate"], rows["request"]
    before = snapshot()
    cases = [
        # (list, post, the message)
        ("candidates", {"action": "rename", "row": candidate.pk}, "Unknown action."),
        ("candidates", {"row": candidate.pk}, "Unknown action."),
        ("requests", {"action": "", "row": contact.pk}, "Unknown action."),
        ("candidates", {"action": "status", "status": "new"}, "Choose a row."),
        ("candidates", {"action": "status", "row": "abc", "status": "new"}, "Choose a row."),
        ("candidates", {"action": "status", "row": "-1", "status": "new"}, "Choose a row."),
        ("requests", {"action": "delete", "row": "1.0", "confirm": "yes"}, "Choose a row."),
        ("requests", {"action": "delete", "row": "9" * 40, "confirm": "yes"}, "Choose a row."),
        ("candidates", {"action": "status", "row": candidate.pk, "status": "closed"}, None),
        ("candidates", {"action": "status", "row": candidate.pk, "status": ""}, None),
        ("requests", {"action": "status", "row": contact.pk, "status": "training"}, None),
        ("requests", {"action": "status", "row": contact.pk}, None),
        ("candidates", {"action": "delete", "row": candidate.pk}, None),
        ("requests", {"action": "delete", "row": contact.pk, "confirm": "on"}, None),
    ]
    status_message = "Choose a status from the list."
    confirm_message = "Tick the box to confirm the deletion."

    for kind, post, message in cases:
        list_url = (
            candidates_url(nordre_follo) if kind == "candidates" else requests_url(nordre_follo)
        )
        response = client.post(list_url, post)

        assert response.status_code == 400, post
        if message is None:
            message = confirm_message if post["action"] == "delete" else status_message
        assert said(response, message), post
        assert NAME in response.content.decode()  # the list is shown again, with the message

    assert snapshot() == before


def test_an_unknown_row_id_is_not_found(client, coordinator, rows, nordre_follo):
    client.force_login(coordinator)
    before = snapshot()

    response = client.post(
        candidates_url(nordre_follo), {"action": "status", "row": "999999", "status": "new"}
    )

    assert response.status_code == 404
    assert snapshot() == before


# --- Acting: delete ---------------------------------------------------------------------


def test_delete_with_coordinator_right(client, coordinator, rows, nordre_follo):
    client.force_login(coordinator)

    for list_url, row in (
        (candidates_url(nordre_follo), rows["candidate"]),
        (requests_url(nordre_follo), rows["request"]),
    ):
        response = client.post(list_url, {"action": "delete", "row": str(row.pk), "confirm": "yes"})
        assert response.status_code == 302
        assert not type(row).objects.filter(pk=row.pk).exists()

    # The other section's rows and the languages stay.
    assert set(Candidate.objects.values_list("name", flat=True)) == {OTHER_NAME}
    assert set(ContactRequest.objects.values_list("name", flat=True)) == {OTHER_NAME}
    assert Candidate.languages.through.objects.count() == 0
    entries = PageLogEntry.objects.filter(page=nordre_follo, action=LOG_ACTION)
    assert entries.count() == 2
    assert all(NAME not in str(entry.data) for entry in entries)


# --- Acting: make her a volunteer ---------------------------------------------------------


def test_make_a_volunteer_with_coordinator_right(
    client, coordinator, rows, nordre_follo, somali_language
):
    client.force_login(coordinator)
    candidate = rows["candidate"]

    response = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(candidate.pk)}
    )

    assert response.status_code == 302
    person = User.objects.get(username="zainab@example.no")
    assert (person.email, person.first_name, person.last_name) == (
        "zainab@example.no",
        "Zainab",
        "Unikhetsen",
    )
    assert person.has_usable_password()  # "Forgot password?" sends her a link
    assert list(person.groups.values_list("name", flat=True)) == [VOLUNTEERS]
    profile = VolunteerProfile.objects.get(user=person)
    assert profile.section_id == nordre_follo.pk
    assert profile.phone == "912 34 567"
    assert list(profile.languages.all()) == [somali_language]
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.TRAINING
    assert (candidate.volunteer, candidate.handled_by) == (person, coordinator)
    listing = client.get(response["Location"])
    made = nb("%(person)s is now a volunteer in %(section)s.") % {
        "person": NAME,
        "section": "Nordre Follo",
    }
    invited = nb(
        "An invitation to choose a password is sent to %(email)s; its link works for seven days."
    ) % {"email": "zainab@example.no"}
    assert flashed(listing) == [f"{made} {invited}"]
    # Her invitation, in the language she wrote in (Somali: under /so/).
    [invitation] = mail.outbox
    assert invitation.to == ["zainab@example.no"]
    assert re.search(r"https?://[^/\s]+/so/invitasjon/[^/\s]+/[^/\s]+/", invitation.body)
    assert not said(listing, "Make her a volunteer")  # no second button

    again = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(candidate.pk)}
    )
    assert again.status_code == 400
    assert said(again, "She already has a volunteer account.")
    assert User.objects.filter(email="zainab@example.no").count() == 1


def test_make_a_volunteer_never_takes_over_an_existing_account(
    client, coordinator, rows, nordre_follo, member
):
    """Anyone can type an editor's address into the public form: her account is left alone."""
    existing = member("zainab-u")
    existing.email = "ZAINAB@example.no"
    existing.save()
    client.force_login(coordinator)
    before = snapshot()
    groups = set(existing.groups.values_list("name", flat=True))

    response = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(rows["candidate"].pk)}
    )

    assert response.status_code == 400
    assert said(
        response,
        "Someone already has an account with this e-mail address. If it is hers, add her on "
        "the section's Volunteers page by her username.",
    )
    assert snapshot() == before
    assert not VolunteerProfile.objects.filter(user=existing).exists()
    assert set(existing.groups.values_list("name", flat=True)) == groups


def test_make_a_volunteer_without_an_email_is_a_400(
    client, coordinator, make_candidate, nordre_follo, network
):
    candidate = make_candidate(email="")
    client.force_login(coordinator)
    before = snapshot()

    response = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(candidate.pk)}
    )

    assert response.status_code == 400
    assert said(
        response,
        "An account needs an e-mail address. Ask her for one, then add her as a volunteer.",
    )
    assert snapshot() == before


def test_make_a_volunteer_of_someone_volunteering_elsewhere_is_a_400(
    client, coordinator, make_candidate, nordre_follo, hawa
):
    """Hawa volunteers in Indre Østfold; her e-mail in a Nordre Follo candidacy creates nothing.

    Nor does it tell Nordre Follo's coordinator where she volunteers.
    """
    candidate = make_candidate(name="Hawa Diriye", email=hawa.user.email)
    client.force_login(coordinator)
    groups = set(hawa.user.groups.all())
    before = snapshot()

    response = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(candidate.pk)}
    )

    assert response.status_code == 400
    assert said(
        response,
        "Someone already has an account with this e-mail address. If it is hers, add her on "
        "the section's Volunteers page by her username.",
    )
    assert "Indre Østfold" not in response.content.decode()
    assert snapshot() == before
    assert VolunteerProfile.objects.get(user=hawa.user).section.title == "Indre Østfold"
    assert set(hawa.user.groups.all()) == groups


def test_make_a_volunteer_when_her_username_is_taken_is_a_400(
    client, coordinator, make_candidate, nordre_follo, member
):
    """Her username would be someone else's ("!" becomes "_"): a message, nothing made."""
    other = member("zainab_u@example.no")
    other.email = "annen@example.no"
    other.save()
    candidate = make_candidate(email="zainab!u@example.no")
    client.force_login(coordinator)
    before = snapshot()

    response = client.post(
        candidates_url(nordre_follo), {"action": "volunteer", "row": str(candidate.pk)}
    )

    assert response.status_code == 400
    assert "zainab_u@example.no" in response.content.decode()
    assert snapshot() == before
    assert not VolunteerProfile.objects.filter(user=other).exists()


# --- Queries ----------------------------------------------------------------------------


def test_the_candidates_list_takes_as_many_queries_for_ten_as_for_one(
    client, coordinator, make_candidate, nordre_follo, somali_language, arabic_language, network
):
    client.force_login(coordinator)
    languages = [somali_language, arabic_language]

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(candidates_url(nordre_follo))
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    make_candidate(languages=languages, handled_by=coordinator, email="a@example.no")
    client.get(candidates_url(nordre_follo))  # the first view fills Wagtail's caches
    one, listed = count()
    assert listed == 1
    for number in range(9):
        make_candidate(
            name=f"Kandidat {number}",
            languages=languages,
            handled_by=coordinator,
            status=CandidateStatus.CONTACTED,
            volunteer=coordinator if number == 0 else None,
        )
    ten, listed = count()

    assert listed == 10
    assert ten == one


def test_the_lists_stay_within_a_query_budget(
    client, coordinator, rows, nordre_follo, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("cms_outreach"))
    for list_url in (
        reverse("cms_outreach"),
        candidates_url(nordre_follo),
        requests_url(nordre_follo),
    ):
        with django_assert_max_num_queries(30):
            assert client.get(list_url).status_code == 200
