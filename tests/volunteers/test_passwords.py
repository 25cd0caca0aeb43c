"""Editors' passwords: Django's validators, ten characters at least, in the admin's user form."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

User = get_user_model()


def _new_editor(admin_client, password):
    return admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "ny-redaktor",
            "email": "ny@example.no",
            "first_name": "Hanne",
            "last_name": "Eidissen",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    "password",
    [
        "kort-pw1",  # nine characters or fewer
        "1234567890123",  # only digits
        "password123",  # a common password
        "ny-redaktor",  # the username itself
    ],
)
def test_creating_an_editor_with_a_weak_password_is_refused(admin_client, password):
    users = User.objects.count()

    response = _new_editor(admin_client, password)

    assert response.status_code == 200  # the form again, with its error
    assert response.context["form"].errors["password2"]
    assert User.objects.count() == users
    assert not User.objects.filter(username="ny-redaktor").exists()


def test_creating_an_editor_with_a_strong_password_works(admin_client):
    response = _new_editor(admin_client, "Mysen-helsestasjon-2025")

    assert response.status_code == 302
    editor = User.objects.get(username="ny-redaktor")
    assert editor.check_password("Mysen-helsestasjon-2025")
