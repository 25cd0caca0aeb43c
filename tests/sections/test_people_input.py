"""A section's people, the edges: Wagtail's own user admin stays closed, odd input is refused.

Coordinators manage people only through "Sections and people"
(``cms.sections.admin``): Wagtail's user and group admin stays out of reach,
and odd or hostile form data gets a clear message and changes nothing.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from tests.helpers.sections import (
    assert_refused,
    editors,
    names,
    people_log,
    people_url,
    shows,
    text,
)

pytestmark = pytest.mark.django_db


User = get_user_model()


# --- Wagtail's own user admin stays closed ----------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["wagtailusers_users:index", "wagtailusers_users:add", "wagtailusers_groups:index"]
)
def test_wagtail_user_admin_without_right(as_coordinator, url_name):
    assert_refused(as_coordinator.get(reverse(url_name)))


def test_create_user_in_wagtail_admin_without_right(as_coordinator):
    response = as_coordinator.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "inntrenger",
            "email": "inntrenger@example.no",
            "first_name": "Inn",
            "last_name": "Trenger",
            "password1": "et-langt-passord-123",
            "password2": "et-langt-passord-123",
            "is_superuser": "on",
        },
    )
    assert_refused(response)
    assert not User.objects.filter(username="inntrenger").exists()


# --- Odd inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"person": "kari@"}, "person", "Enter a valid e-mail address."),
        (
            {"person": "finnes-ikke"},
            "person",
            "No one has that username. To add someone new, give their e-mail address.",
        ),
        ({"person": "ny@example.no"}, "first_name", "Give the new person's first name."),
        ({"person": "a" * 289 + "@example.no", "first_name": "Lang"}, "person", None),
        (
            {"person": "Felles@Example.no"},
            "person",
            "More than one user has this e-mail address; give the username instead.",
        ),
    ],
    ids=["invalid-email", "unknown-username", "no-first-name", "300-characters", "shared-email"],
)
def test_add_person_with_odd_input(as_coordinator, nordre_follo, member, data, field, message):
    User.objects.filter(pk__in=[member("lise").pk, member("lisa").pk]).update(
        email="felles@example.no"
    )
    users_before = User.objects.count()
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "add", "role": "editors", **data}
    )
    assert response.status_code == 400
    [error] = response.context["add_form"].errors[field]
    assert escape(error) in text(response)
    if message:
        assert shows(response, message)
    assert User.objects.count() == users_before
    assert names(editors(nordre_follo)) == set()
    assert not people_log(nordre_follo).exists()


def test_unknown_action(as_coordinator, nordre_follo, member):
    member("kari")
    response = as_coordinator.post(
        people_url(nordre_follo), {"action": "slett", "role": "editors", "person": "kari"}
    )
    assert response.status_code == 400
    assert shows(response, "Unknown action.")
    assert names(editors(nordre_follo)) == set()
    assert not people_log(nordre_follo).exists()
