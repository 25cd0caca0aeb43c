"""The public forms "Become a bydelsmor" and "Ask for a bydelsmor" (cms.outreach.views).

A valid post stores exactly what was sent, in the reader's language, and
leads to the thanks page; anything odd is a 400 that says what was wrong
and stores nothing; a bot (the honeypot) and an address that posts too
often are refused the same way. The pages are never kept by a cache.
"""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from cms.outreach.models import Candidate, CandidateStatus, ContactRequest, RequestStatus
from tests.factories import MunicipalityPageFactory
from tests.outreach.conftest import NAME, said, stored

pytestmark = pytest.mark.django_db

CANDIDATE = "/bli-bydelsmor/"
REQUEST = "/be-om-bydelsmor/"
FORMS = {CANDIDATE: "candidate_post", REQUEST: "request_post"}

REFUSED_BOT = (
    "We could not accept the form: the field “Leave this field empty” was filled in. "
    "Nothing was saved. Empty it and send again."
)
REFUSED_RATE = (
    "You have sent this form several times in a short while. Nothing was saved this time. "
    "Please wait a while and try again, or call the coordinator."
)


@pytest.fixture
def closed_sections(section, committed, home):
    """A section behind a login and one that is not published: neither takes posts."""
    private = section("Lukket kommune", slug="lukket")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    with committed():
        draft = MunicipalityPageFactory(parent=home, title="Utkast kommune", live=False)
    return {"private": private, "draft": draft}


def offered(response):
    return [page.pk for page in response.context["form"].fields["section"].queryset]


# --- What a valid post stores ---------------------------------------------------------------


def test_a_candidate_post_stores_what_she_sent_in_her_language(
    client, candidate_post, nordre_follo, somali_language, arabic_language
):
    response = client.post(f"/so{CANDIDATE}", candidate_post)

    assert response.status_code == 302
    assert response["Location"] == f"/so{CANDIDATE}takk/"
    candidate = Candidate.objects.get()
    assert candidate.section_id == nordre_follo.pk
    assert candidate.name == NAME  # spaces normalised
    assert candidate.phone == "912 34 567"
    assert candidate.email == "zainab@example.no"
    assert set(candidate.languages.all()) == {somali_language, arabic_language}
    assert candidate.other_languages == "swahili"
    assert candidate.neighbourhood == "Ski sentrum"
    assert candidate.heard_from == "friend"
    assert candidate.language_code == "so"
    assert candidate.status == CandidateStatus.NEW
    assert candidate.handled_by is None and candidate.volunteer is None
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert '<html lang="so" dir="ltr"' in thanks.content.decode()


def test_a_contact_request_stores_what_was_sent_in_the_readers_language(
    client, request_post, nordre_follo, somali_language
):
    response = client.post(REQUEST, request_post)

    assert response.status_code == 302
    assert response["Location"] == f"{REQUEST}takk/"
    row = ContactRequest.objects.get()
    assert (row.section_id, row.name, row.phone, row.email) == (
        nordre_follo.pk,
        NAME,
        "",
        "zainab@example.no",
    )
    assert (row.requester, row.organisation, row.topic) == (
        "service",
        "Helsestasjonen Ski",
        "health",
    )
    assert row.language == somali_language and row.other_language == ""
    assert row.language_code == "nb"
    assert row.status == RequestStatus.NEW and row.closed_at is None
    assert stored() == {"candidates": 0, "requests": 1}
    assert client.get(response["Location"]).status_code == 200


def test_a_family_may_name_a_language_that_is_not_in_the_list(client, request_post):
    post = {**request_post, "requester": "family", "organisation": "", "language": ""}
    post["other_language"] = "tigrinja"

    response = client.post(f"/ar{REQUEST}", post)

    assert response.status_code == 302
    row = ContactRequest.objects.get()
    assert (row.language, row.language_label(), row.language_code) == (None, "tigrinja", "ar")


# --- The pages, in every language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"), [("", "nb", "ltr"), ("/so", "so", "ltr"), ("/ar", "ar", "rtl")]
)
def test_both_forms_render_in_the_readers_language_and_direction(
    client, prefix, lang, direction, nordre_follo
):
    for path, title in ((CANDIDATE, "Become a bydelsmor"), (REQUEST, "Ask for a bydelsmor")):
        response = client.get(f"{prefix}{path}")

        assert response.status_code == 200, path
        page = response.content.decode()
        assert f'<html lang="{lang}" dir="{direction}"' in page, path
        assert said(response, title), path
        assert 'name="website"' in page and 'aria-hidden="true"' in page  # the honeypot
        assert 'name="csrfmiddlewaretoken"' in page
        assert 'href="/personvern/"' in page or f'href="{prefix}/personvern/"' in page


def test_only_live_public_norwegian_sections_are_offered(
    client, nordre_follo, indre_ostfold, closed_sections, translate
):
    translate(nordre_follo, "en")

    for path in (CANDIDATE, REQUEST, f"/en{CANDIDATE}"):
        response = client.get(path)
        assert offered(response) == [nordre_follo.pk, indre_ostfold.pk], path
        page = response.content.decode()
        assert "Lukket kommune" not in page and "Utkast kommune" not in page


def test_the_section_page_link_preselects_its_section(client, nordre_follo, indre_ostfold):
    for path in (CANDIDATE, REQUEST):
        response = client.get(path, {"seksjon": str(indre_ostfold.pk)})

        assert response.status_code == 200
        assert response.context["form"]["section"].value() == str(indre_ostfold.pk)
        assert f'<option value="{indre_ostfold.pk}" selected>' in response.content.decode()


def test_an_odd_section_in_the_address_is_ignored(client, nordre_follo, closed_sections):
    for value in (
        "999999",
        str(10**30),
        "9" * 5000,
        "ski",
        "-1",
        "1.5",
        "١٢",  # Arabic-Indic digits: not an id
        str(closed_sections["private"].pk),
        str(closed_sections["draft"].pk),
    ):
        for path in (CANDIDATE, REQUEST):
            response = client.get(path, {"seksjon": value})
            assert response.status_code == 200, (path, value[:20])
            assert response.context["form"]["section"].value() is None, (path, value[:20])


# --- Odd input: a 400 that says why, and nothing stored ------------------------------------

#: (what changes in the valid post, the field that is wrong, our own message or None).
COMMON_CASES = [
    ({"consent": ""}, "consent", "Tick the box so we may contact you."),
    ({"phone": "", "email": ""}, "phone", "Give a phone number or an e-mail address."),
    ({"phone": "abc"}, "phone", "Write the phone number with digits, for example 912 34 567."),
    ({"phone": "12"}, "phone", "Write the phone number with digits, for example 912 34 567."),
    ({"email": "zainab@"}, "email", "Write a whole e-mail address, like navn@epost.no."),
    ({"email": "ikke en adresse"}, "email", "Write a whole e-mail address, like navn@epost.no."),
    ({"name": "Z" * 10_000}, "name", None),
    ({"name": "   "}, "name", None),
    ({"section": "999999"}, "section", "Choose a place from the list."),
    ({"section": str(10**30)}, "section", "Choose a place from the list."),
    ({"section": "ski"}, "section", "Choose a place from the list."),
    ({"section": ""}, "section", None),
]
CANDIDATE_CASES = [
    ({"languages": ["999999"]}, "languages", None),
    ({"languages": [str(10**30)]}, "languages", None),
    ({"languages": ["somali"]}, "languages", None),
    ({"heard_from": "tv"}, "heard_from", None),
]
REQUEST_CASES = [
    ({"language": "999999"}, "language", "Choose a language from the list."),
    ({"language": str(10**30)}, "language", "Choose a language from the list."),
    ({"language": "", "other_language": ""}, "language", "Choose a language, or write it below."),
    ({"topic": "weather"}, "topic", "Choose a topic from the list."),
    ({"topic": ""}, "topic", None),
    ({"requester": "mayor"}, "requester", None),
    ({"organisation": ""}, "organisation", "Write which service you work for."),
]


@pytest.mark.parametrize(
    ("path", "cases"),
    [(CANDIDATE, COMMON_CASES + CANDIDATE_CASES), (REQUEST, COMMON_CASES + REQUEST_CASES)],
    ids=["candidate", "request"],
)
def test_odd_input_is_a_400_with_a_message_and_nothing_stored(
    client, request, path, cases, closed_sections
):
    valid = request.getfixturevalue(FORMS[path])
    private = {"section": str(closed_sections["private"].pk)}
    for change, field, message in [
        *cases,
        (private, "section", "Choose a place from the list."),
    ]:
        response = client.post(path, {**valid, **change})

        assert response.status_code == 400, change
        errors = response.context["form"].errors
        assert field in errors, (change, errors)
        page = response.content.decode()
        for error in errors[field]:
            assert error.replace("'", "&#x27;").replace('"', "&quot;") in page, (change, error)
        if message is not None:
            assert said(response, message), (change, errors)
        assert "Unikhetsen" in page or "name" in change  # what she wrote is kept
        assert stored() == {"candidates": 0, "requests": 0}, change


def test_a_nul_byte_is_refused_and_nothing_stored(client, candidate_post, request_post):
    for path, post in ((CANDIDATE, candidate_post), (REQUEST, request_post)):
        for field in ("name", "email", "section"):
            response = client.post(path, {**post, field: post[field] + "\x00"})
            assert response.status_code == 400, (path, field)
    assert stored() == {"candidates": 0, "requests": 0}


def test_the_honeypot_refuses_a_bot_and_says_why(client, candidate_post, request_post):
    for path, post in ((CANDIDATE, candidate_post), (REQUEST, request_post)):
        response = client.post(path, {**post, "website": "https://spam.example"})

        assert response.status_code == 400, path
        assert response.context["refused"] == "bot"
        assert said(response, REFUSED_BOT), path
    assert stored() == {"candidates": 0, "requests": 0}


def test_a_refused_bot_does_not_use_up_the_rate_limit(client, candidate_post):
    with override_settings(OUTREACH_RATE="1/h"):
        client.post(CANDIDATE, {**candidate_post, "website": "x"})
        assert client.post(CANDIDATE, candidate_post).status_code == 302


# --- The rate limit ---------------------------------------------------------------------------


@override_settings(OUTREACH_RATE="2/h")
@pytest.mark.parametrize("path", [CANDIDATE, REQUEST], ids=["candidate", "request"])
def test_the_third_post_within_the_hour_is_refused_and_not_stored(client, request, path):
    post = request.getfixturevalue(FORMS[path])
    model = Candidate if path == CANDIDATE else ContactRequest

    assert client.post(path, post, REMOTE_ADDR="10.0.0.1").status_code == 302
    # A post with errors does not count.
    assert client.post(path, {**post, "consent": ""}, REMOTE_ADDR="10.0.0.1").status_code == 400
    assert client.post(path, post, REMOTE_ADDR="10.0.0.1").status_code == 302
    third = client.post(path, post, REMOTE_ADDR="10.0.0.1")

    assert third.status_code == 429
    assert third.context["refused"] == "rate"
    assert said(third, REFUSED_RATE)
    assert model.objects.count() == 2
    # Another address still gets through, and the other form has its own count.
    assert client.post(path, post, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert model.objects.count() == 3
    other = CANDIDATE if path == REQUEST else REQUEST
    other_post = request.getfixturevalue(FORMS[other])
    assert client.post(other, other_post, REMOTE_ADDR="10.0.0.1").status_code == 302


@override_settings(OUTREACH_RATE="1/h")
def test_the_refusal_is_in_the_readers_language(client, candidate_post):
    client.post(f"/ar{CANDIDATE}", candidate_post)

    refused = client.post(f"/ar{CANDIDATE}", candidate_post)

    assert refused.status_code == 429
    assert '<html lang="ar" dir="rtl"' in refused.content.decode()
    assert said(refused, REFUSED_RATE)
    assert Candidate.objects.count() == 1


# --- Never kept by a cache --------------------------------------------------------------------


def test_the_forms_are_never_kept_by_the_page_cache(client, settings, site_settings, nordre_follo):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"  # the cache is on

    for path in (CANDIDATE, REQUEST, f"{CANDIDATE}takk/", f"{REQUEST}takk/", f"/so{CANDIDATE}"):
        client.cookies.clear()
        first = client.get(path)
        client.cookies.clear()
        second = client.get(path)

        cache_control = first["Cache-Control"]
        assert "no-store" in cache_control or "private" in cache_control, path
        assert second.get("X-Page-Cache") != "hit", path
