"""A forgotten password: the reset e-mail, its link, and the new password.

The e-mail goes to a known, active address only (and the form says the same
for any other), in the visitor's language; its link works once, sets a strong
password and logs her out everywhere else; a mangled link or a weak password
changes nothing.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.helpers.accounts import (
    AREA,
    LOGOUT,
    NEW_PASSWORD,
    RESET,
    RESET_DONE,
    RESET_SENT,
    assert_form_with_errors,
    html,
    post_login,
    session_user,
    users_table,
)
from tests.helpers.sections import PASSWORD

#: The link in the password reset e-mail; the group is its path.
RESET_LINK = re.compile(r"https?://[^/\s]+(/(?:[a-z]{2}/)?glemt-passord/[^/\s]+/[^/\s]+/)")


# --- Helpers ---------------------------------------------------------------------------


def reset_link(message):
    """The path of the set-a-new-password link in an e-mail."""
    match = RESET_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def choose_new_password(client, link, password=NEW_PASSWORD):
    """Follow the link in the e-mail and set ``password``; returns the last response."""
    response = client.get(link)
    assert response.status_code == 302  # the token moves out of the URL into the session
    form_url = response["Location"]
    assert form_url.endswith("/set-password/")
    form = client.get(form_url)
    assert form.status_code == 200
    assert html(form).select_one('input[name="new_password1"]') is not None
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_password_reset_for_a_volunteer(client, amina):
    other_device = Client()
    post_login(other_device, amina.username, PASSWORD)
    assert other_device.get(AREA).status_code == 200

    response = client.post(RESET, {"email": amina.email})

    assert response.status_code == 302
    assert response["Location"] == RESET_SENT
    assert client.get(RESET_SENT).status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [amina.email]
    link = reset_link(message)
    assert link.startswith(RESET)
    assert amina.username in message.body

    response = choose_new_password(client, link)
    assert response.status_code == 302
    assert response["Location"] == RESET_DONE
    assert client.get(RESET_DONE).status_code == 200
    # Whoever was logged in as her elsewhere (with the old password) is out.
    assert other_device.get(AREA).status_code == 302

    # The new password works, the old one does not.
    assert post_login(client, amina.username, PASSWORD).status_code == 200
    response = post_login(client, amina.username, NEW_PASSWORD)
    assert response.status_code == 302
    assert session_user(client) == str(amina.pk)

    # The link works once.
    client.post(LOGOUT)
    used = client.get(link, follow=True)
    assert used.status_code == 200
    assert html(used).select_one('input[name="new_password1"]') is None
    assert html(used).select_one(".form-errors") is not None


def test_password_reset_address_is_not_case_sensitive(client, amina):
    client.post(RESET, {"email": amina.email.upper()})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [amina.email]


def test_password_reset_in_english_links_to_english_pages(client, amina, locales):
    response = client.post(f"/en{RESET}", {"email": amina.email})

    assert response.status_code == 302
    assert response["Location"] == f"/en{RESET_SENT}"
    assert reset_link(mail.outbox[0]).startswith(f"/en{RESET}")


def test_password_reset_for_an_inactive_account_sends_nothing(client, amina):
    amina.is_active = False
    amina.save()

    response = client.post(RESET, {"email": amina.email})

    assert response.status_code == 302
    assert response["Location"] == RESET_SENT
    assert mail.outbox == []


def test_password_reset_for_an_unknown_address_tells_nothing(client, amina):
    known = client.post(RESET, {"email": amina.email})
    mail.outbox.clear()

    response = client.post(RESET, {"email": "finnes-ikke@example.no"})

    assert response.status_code == 302
    assert response["Location"] == known["Location"] == RESET_SENT
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["", "ikke-en-adresse", "a@" + "b" * 10_000 + ".no"])
def test_password_reset_with_odd_input_shows_the_form(client, person, email):
    response = client.post(RESET, {"email": email})

    assert_form_with_errors(response)
    assert mail.outbox == []


def test_password_reset_with_a_nul_byte_is_refused(client, person):
    # cms.platform.requestguard: PostgreSQL takes no NUL, so no form gets one.
    response = client.post(RESET, {"email": "a\x00@b.no"})

    assert response.status_code == 400
    assert mail.outbox == []


def test_mangled_reset_link_changes_nothing(client, amina):
    client.post(RESET, {"email": amina.email})
    link = reset_link(mail.outbox[0])
    uid, token = link.rstrip("/").split("/")[-2:]
    mangled = f"{RESET}{uid}/{token[:-3]}abc/"
    before = users_table()

    response = client.get(mangled, follow=True)
    assert response.status_code == 200
    assert html(response).select_one('input[name="new_password1"]') is None
    assert html(response).select_one(".form-errors") is not None

    response = client.post(mangled, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    assert html(response).select_one('input[name="new_password1"]') is None
    assert users_table() == before

    # Nor does a link for someone who does not exist.
    response = client.get(f"{RESET}bm9ib2R5/{token}/", follow=True)
    assert response.status_code == 200
    assert html(response).select_one('input[name="new_password1"]') is None
    assert users_table() == before


def test_reset_link_with_a_weak_password_is_refused(client, amina):
    client.post(RESET, {"email": amina.email})
    link = reset_link(mail.outbox[0])
    before = users_table()

    response = choose_new_password(client, link, password="kort")

    assert_form_with_errors(response)
    assert users_table() == before
