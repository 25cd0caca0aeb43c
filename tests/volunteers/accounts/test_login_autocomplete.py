"""WCAG 3.3.8 Accessible Authentication: password managers and pasting work on every form.

Each login and password form names what its fields hold (``autocomplete``), so
a password manager fills in the saved name and password or offers a new strong
one; nothing blocks pasting, and no ``maxlength`` cuts a pasted password.
(WCAG 3.3.7 lets the new password be asked twice: it is for security.)
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cms.sections.invitations import invitation_token
from tests.helpers.accounts import CHANGE, LOGIN, html

#: Attributes that stop a visitor pasting into or copying out of a field.
BLOCKING = ("onpaste", "oncopy", "oncut", "ondrop", "oncontextmenu")


def _fields(response):
    """The visible fields of the page's main form, by name: their attributes."""
    assert response.status_code == 200
    form = html(response).select_one("main form[method=post]")
    assert form is not None
    return {
        field["name"]: field.attrs
        for field in form.select("input")
        if field.get("type") not in ("hidden", "submit") and not field.has_attr("hidden")
    }


def _assert_pastable(fields):
    for name, attrs in fields.items():
        assert not set(BLOCKING) & set(attrs), f"{name} blocks pasting: {attrs}"
        if attrs.get("type") == "password":
            assert "maxlength" not in attrs, f"{name} cuts a pasted password: {attrs}"


def _set_password_form(client, link):
    """The form behind a reset or invitation link (Django moves the token to the session)."""
    response = client.get(link)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_login_form_is_filled_by_a_password_manager(client, home):
    fields = _fields(client.get(LOGIN))

    assert fields["username"]["autocomplete"] == "username"
    assert fields["password"]["autocomplete"] == "current-password"
    assert fields["password"]["type"] == "password"
    _assert_pastable(fields)


def test_a_pasted_long_username_is_not_cut_short(client, home):
    fields = _fields(client.get(LOGIN))

    # Django's usernames are up to 150 characters: the field takes all of them.
    assert int(fields["username"].get("maxlength", 150)) >= 150


def test_password_change_asks_for_the_saved_password_and_offers_a_new_one(client, person):
    client.force_login(person)

    fields = _fields(client.get(CHANGE))

    assert fields["old_password"]["autocomplete"] == "current-password"
    assert fields["new_password1"]["autocomplete"] == "new-password"
    assert fields["new_password2"]["autocomplete"] == "new-password"
    _assert_pastable(fields)


@pytest.mark.parametrize(
    ("path", "token"),
    [("/glemt-passord", default_token_generator), ("/invitasjon", invitation_token)],
    ids=["reset link", "invitation"],
)
def test_a_new_password_is_offered_by_a_password_manager(client, person, path, token):
    uid = urlsafe_base64_encode(force_bytes(person.pk))

    response = _set_password_form(client, f"{path}/{uid}/{token.make_token(person)}/")

    fields = _fields(response)
    assert fields["new_password1"]["autocomplete"] == "new-password"
    assert fields["new_password2"]["autocomplete"] == "new-password"
    _assert_pastable(fields)


def test_the_invitation_tells_a_password_manager_whose_password_it_is(client, person):
    uid = urlsafe_base64_encode(force_bytes(person.pk))

    response = _set_password_form(
        client, f"/invitasjon/{uid}/{invitation_token.make_token(person)}/"
    )

    username = html(response).select_one("main form input[name=username]")
    assert username is not None
    assert username["autocomplete"] == "username"
    assert username["value"] == person.get_username()
