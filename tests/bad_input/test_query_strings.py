"""Hostile query strings and forms on every surface: a 400 or a result, never a 500."""

from django.urls import reverse

from tests.bad_input.surfaces import (
    ADMIN,
    API,
    HOSTILE,
    PRIVATE,
    PUBLIC,
    SCOPED,
    error_of,
    fetch,
    one_at_a_time,
    stored,
    unexpected,
    visitor,
)
from tests.helpers.events import event_form

# --- Query strings ------------------------------------------------------------------


def test_api_answers_hostile_parameters_with_400_or_a_result(content):
    before = stored()

    wrong = unexpected(visitor(), API, content, queries=one_at_a_time)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_public_pages_answer_hostile_query_strings_with_400_or_a_page(content):
    before = stored()

    wrong = unexpected(visitor(), PUBLIC, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_private_area_and_admin_never_fail_for_a_superuser(content, superuser):
    before = stored()

    wrong = unexpected(visitor(superuser), PRIVATE + ADMIN, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_admin_never_fails_for_a_section_editor(content, section_editor):
    before = stored()

    wrong = unexpected(visitor(section_editor), SCOPED, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_api_refuses_an_id_that_is_not_a_number(content):
    response = visitor().get("/api/v2/pages/find/", {"id": "abc"})

    assert response.status_code == 400
    assert "id" in response.json()["message"]


# --- Forms --------------------------------------------------------------------------


def posts(fields):
    """Form data with every hostile value in every field, the same on every run."""
    names = list(fields)
    for row in range(len(HOSTILE)):
        yield {
            **fields,
            **{name: HOSTILE[(n + row) % len(HOSTILE)] for n, name in enumerate(names)},
        }


def unexpected_posts(client, url, fields, extra=None):
    """``url fields status error`` of each hostile form posted to ``url`` that gave a 500."""
    wrong = []
    for data in posts(fields):
        response = fetch(client, url, method="post", data={**data, **(extra or {})})
        if response.status_code >= 500:
            wrong.append(f"{url} {sorted(data)} {response.status_code} {error_of(response)}")
    return wrong


def test_login_and_password_forms_never_fail_on_hostile_fields(content):
    before = stored()
    client = visitor()

    wrong = unexpected_posts(client, "/logg-inn/", {"username": "", "password": ""})
    wrong += unexpected_posts(client, "/glemt-passord/", {"email": ""})
    wrong += unexpected_posts(client, "/admin/login/", {"username": "", "password": ""})

    assert not wrong, "\n".join(wrong)
    assert stored() == before


#: The event form's fields that take ids, dates and choices.
EVENT_FIELDS = ("title", "category", "section", "start", "end", "repeat", "image", "audience")


def test_admin_forms_never_fail_on_hostile_fields(content, superuser, nordre_follo):
    client = visitor(superuser)
    before = stored()
    section = f"/admin/seksjoner/{nordre_follo.pk}/"
    valid = {key: value for key, value in event_form().items() if key not in EVENT_FIELDS}

    add_event = reverse("wagtailsnippets_cms_event:add")
    wrong = unexpected_posts(client, add_event, dict.fromkeys(EVENT_FIELDS, ""), valid)
    for action in ("add", "remove", "approval", "hand_over", "nope"):
        wrong += unexpected_posts(client, section, {"person": "", "role": ""}, {"action": action})
    wrong += unexpected_posts(client, f"{section}frivillige/", {"action": "", "volunteer": ""})
    wrong += unexpected_posts(
        client,
        f"{section}opplaering/",
        {"module": "", "date": "", "volunteers": "", "attendance": ""},
        {"action": "unmark"},
    )

    assert not wrong, "\n".join(wrong)
    assert stored() == before
