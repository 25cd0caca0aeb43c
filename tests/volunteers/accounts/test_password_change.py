"""Changing the password while logged in: the right old password and a strong new one.

The change page needs a login; a change keeps her logged in on this device and
logs her out on the others; a wrong old password or a weak, common or
mismatched new one shows the form again and changes nothing.
"""

import pytest
from django.test import Client

from tests.helpers.accounts import (
    AREA,
    CHANGE,
    CHANGE_DONE,
    LOGIN,
    LOGOUT,
    NEW_PASSWORD,
    WRONG,
    assert_form_with_errors,
    html,
    post_login,
    session_user,
    users_table,
)
from tests.helpers.sections import PASSWORD


def test_password_change_needs_login(client, home):
    response = client.get(CHANGE)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={CHANGE}"
    response = client.post(CHANGE, {"old_password": PASSWORD})
    assert response.status_code == 302


def test_password_change_with_the_right_old_password(client, amina):
    other_device = Client()
    post_login(other_device, amina.username, PASSWORD)
    post_login(client, amina.username, PASSWORD)
    page = client.get(CHANGE)
    assert page.status_code == 200
    form = html(page).select_one("main form[method=post]")
    for name in ("old_password", "new_password1", "new_password2"):
        assert form.select_one(f'input[name="{name}"][type="password"]') is not None

    response = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == CHANGE_DONE
    amina.refresh_from_db()
    assert amina.check_password(NEW_PASSWORD)
    assert not amina.check_password(PASSWORD)
    # She stays logged in on this device; the other one is logged out.
    assert client.get(AREA).status_code == 200
    assert other_device.get(AREA).status_code == 302
    client.post(LOGOUT)
    assert post_login(client, amina.username, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("old", "new1", "new2"),
    [
        (WRONG, NEW_PASSWORD, NEW_PASSWORD),
        (PASSWORD, "kort", "kort"),
        (PASSWORD, "qwertyuiop", "qwertyuiop"),
        (PASSWORD, "1234567890123", "1234567890123"),
        (PASSWORD, "frivillig-nordrefollo", "frivillig-nordrefollo"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x"),
        (PASSWORD, "", ""),
    ],
    ids=["wrong-old", "too-short", "common", "numeric", "like-username", "mismatch", "empty"],
)
def test_password_change_refused(client, person, old, new1, new2):
    client.force_login(person)
    before = users_table()

    response = client.post(
        CHANGE, {"old_password": old, "new_password1": new1, "new_password2": new2}
    )

    assert_form_with_errors(response)
    assert users_table() == before
    assert session_user(client) == str(person.pk)
