"""Invitations: a new person chooses her own password from a link in an e-mail.

A coordinator adds a volunteer (or an editor, on the section's people page,
or makes a volunteer of a candidate: tests/outreach/test_admin.py); the new
person gets one e-mail with a link to ``/invitasjon/<uidb64>/<token>/``,
good once and for seven days. She chooses a password there, is logged in and
lands where her work is. A used, old or mangled link answers 410 with the
way to a new one, never an error. Only her own coordinator sends the
invitation again, and only until she has logged in.
"""

import datetime
import re
import smtplib

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cms.sections.invitations import invitation_token
from tests.helpers.accounts import (
    AREA,
    LOGOUT,
    NEW_PASSWORD,
    RESET,
    html,
    session_user,
    users_table,
)
from tests.helpers.sections import people_url
from tests.helpers.training import volunteers_url

pytestmark = pytest.mark.django_db

User = get_user_model()

#: The link in an invitation; the group is its path (with a language prefix or not).
INVITATION_LINK = re.compile(r"https?://[^/\s]+(/(?:[a-z]{2}/)?invitasjon/[^/\s]+/[^/\s]+/)")

EMAIL = "fatima@example.no"


# --- Helpers ---------------------------------------------------------------------------


def nb(message, **values):
    """A message as the coordinator reads it (the admin in Norwegian), translated or not."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(message) % values


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def invitation_link(message):
    """The path of the invitation link in an e-mail (text and HTML name the same)."""
    match = INVITATION_LINK.search(message.body)
    assert match, message.body
    [(alternative, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{match.group(0)}"' in alternative
    return match.group(1)


def link_for(user, token=None):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/invitasjon/{uid}/{token or invitation_token.make_token(user)}/"


def open_form(client, link):
    """Follow the link: the token moves into the session, then the form; its address."""
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("/velg-passord/")
    form = client.get(form_url)
    assert form.status_code == 200
    assert html(form).select_one('input[name="new_password1"]') is not None
    return form_url


def choose_password(client, link, password=NEW_PASSWORD):
    form_url = open_form(client, link)
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def assert_no_longer_valid(response):
    """The clear page: 410, no password form, the way to a new link."""
    assert response.status_code == 410
    page = html(response)
    assert page.select_one('input[name="new_password1"]') is None
    assert page.select_one("[role=alert]") is not None
    assert page.select_one(f'form[action="{RESET}"] input[name="email"]') is not None


def add_volunteer(client, section, email=EMAIL, first_name="Fatima"):
    return client.post(
        volunteers_url(section),
        {"action": "add", "role": "volunteers", "person": email, "first_name": first_name},
    )


def resend(client, section, profile):
    return client.post(volunteers_url(section), {"action": "invite", "volunteer": str(profile.pk)})


@pytest.fixture
def invited(client, coordinator, nordre_follo, area):
    """Fatima, just added as a volunteer by her coordinator: her user and the link's path."""
    client.force_login(coordinator)
    add_volunteer(client, nordre_follo)
    client.logout()
    [message] = mail.outbox
    mail.outbox.clear()
    return User.objects.get(email=EMAIL), invitation_link(message)


# --- The invitation, end to end ------------------------------------------------------------


def test_a_new_volunteer_is_invited_and_chooses_her_password(
    client, coordinator, nordre_follo, area
):
    client.force_login(coordinator)

    response = add_volunteer(client, nordre_follo)

    assert response.status_code == 302
    made = nb(
        "%(person)s is now a volunteer in %(section)s.",
        person="Fatima",
        section="Nordre Follo",
    )
    sent = nb(
        "An invitation to choose a password is sent to %(email)s; its link works for seven days.",
        email=EMAIL,
    )
    assert flashed(response) == [f"{made} {sent}"]
    [message] = mail.outbox
    assert message.to == [EMAIL]
    fatima = User.objects.get(email=EMAIL)
    assert fatima.username in message.body
    assert fatima.has_usable_password()  # "Forgot password?" works for her too
    link = invitation_link(message)

    she = Client()
    response = choose_password(she, link)

    assert response.status_code == 302
    assert response["Location"] == AREA
    assert session_user(she) == str(fatima.pk)
    assert she.get(AREA).status_code == 200
    fatima.refresh_from_db()
    assert fatima.check_password(NEW_PASSWORD)

    # Good once: the same link again, logged in or not.
    assert_no_longer_valid(she.get(link))
    she.post(LOGOUT)
    assert_no_longer_valid(she.get(link, follow=True))


def test_invitation_link_works_for_seven_days(client, invited, monkeypatch):
    fatima, link = invited
    now = datetime.datetime.now()

    # Longer than "Forgot password?"'s three days (PASSWORD_RESET_TIMEOUT), which is unchanged.
    monkeypatch.setattr(invitation_token, "_now", lambda: now + datetime.timedelta(days=6))
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 24 * 3600
    open_form(Client(), link)

    monkeypatch.setattr(invitation_token, "_now", lambda: now + datetime.timedelta(days=8))
    assert_no_longer_valid(client.get(link))


def test_expired_link_sets_no_password(client, invited, monkeypatch):
    fatima, link = invited
    form_url = open_form(client, link)
    before = users_table()
    later = datetime.datetime.now() + datetime.timedelta(days=8)
    monkeypatch.setattr(invitation_token, "_now", lambda: later)

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert_no_longer_valid(response)
    assert users_table() == before
    assert session_user(client) is None


def test_a_password_reset_token_is_no_invitation(client, invited):
    fatima, _link = invited

    assert_no_longer_valid(client.get(link_for(fatima, default_token_generator.make_token(fatima))))


#: Addresses' user parts no account has: each gives the clear page.
GARBAGE_UIDS = [
    "!!!",  # not base64
    "A" * 5000,  # huge
    urlsafe_base64_encode(b"9" * 40),  # a number no database holds
    urlsafe_base64_encode(b"987654"),  # nobody
    urlsafe_base64_encode(b"\xff\xfe"),  # not text
    urlsafe_base64_encode(b"-1"),
]

#: Ways to spoil a token: each gives the clear page.
MANGLED = [
    lambda token: token[:-3] + "abc",
    lambda token: "zzzzzzzzzzzzzzz-" + token.split("-")[1],  # a timestamp too long to read
    lambda token: token + "-x",
    lambda token: "x" * 3000,
    lambda token: "velg-passord",  # the form's address without a token in the session
]


def test_garbage_uid_gives_the_clear_page(client, invited):
    fatima, link = invited
    token = link.rstrip("/").split("/")[-1]
    before = users_table()

    for uidb64 in GARBAGE_UIDS:
        assert_no_longer_valid(client.get(f"/invitasjon/{uidb64}/{token}/"))
        response = client.post(
            f"/invitasjon/{uidb64}/velg-passord/",
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        assert_no_longer_valid(response)
    assert users_table() == before


def test_tampered_token_gives_the_clear_page(client, invited):
    fatima, link = invited
    uid, token = link.rstrip("/").split("/")[-2:]
    before = users_table()

    for mangle in MANGLED:
        assert_no_longer_valid(client.get(f"/invitasjon/{uid}/{mangle(token)}/"))
    assert users_table() == before
    assert session_user(client) is None


def test_an_inactive_account_cannot_accept(client, invited):
    fatima, link = invited
    fatima.is_active = False
    fatima.save()

    assert_no_longer_valid(client.get(link))


def test_a_weak_password_is_refused_in_the_readers_language(client, invited, locales):
    fatima, link = invited
    before = users_table()
    messages = {}

    for prefix, language in (("", "nb"), ("/en", "en")):
        response = choose_password(client, prefix + link, password="password123")
        assert response.status_code == 200
        errors = html(response).select_one("#id_new_password2_error").get_text()
        with translation.override(language):
            messages[language] = translation.gettext("This password is too common.")
        assert messages[language] in errors
        assert session_user(client) is None
    assert messages["nb"] != messages["en"]
    assert users_table() == before


def test_an_invited_editor_lands_in_the_admin(client, coordinator, nordre_follo):
    client.force_login(coordinator)
    response = client.post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "kari@example.no", "first_name": "Kari"},
    )
    assert response.status_code == 302
    sent = nb(
        "An invitation to choose a password is sent to %(email)s; its link works for seven days.",
        email="kari@example.no",
    )
    assert any(message.endswith(sent) for message in flashed(response))
    [message] = mail.outbox
    client.logout()

    response = choose_password(client, invitation_link(message))

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# --- A mail that cannot be sent --------------------------------------------------------


def test_a_failed_mail_keeps_the_account_and_says_so(
    client, coordinator, nordre_follo, area, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server is away")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    client.force_login(coordinator)

    response = add_volunteer(client, nordre_follo)

    assert response.status_code == 302
    fatima = User.objects.get(email=EMAIL)
    [made, warning] = get_messages(response.wsgi_request)
    assert made.level_tag == "success"
    assert warning.level_tag == "warning"
    assert EMAIL in str(warning)

    # Sent again once the mail server is back.
    monkeypatch.undo()
    client.force_login(coordinator)
    response = resend(client, nordre_follo, fatima.volunteer_profile)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [EMAIL]


# --- Sending it again: only her coordinator, only until she has logged in ----------------


def test_resend_invitation_with_coordinator_right(client, coordinator, invited, nordre_follo):
    fatima, old_link = invited
    client.force_login(coordinator)
    page = client.get(volunteers_url(nordre_follo))
    assert html(page).select_one('input[name="action"][value="invite"]') is not None

    response = resend(client, nordre_follo, fatima.volunteer_profile)

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert choose_password(Client(), invitation_link(message)).status_code == 302
    # The first link was good for the same one password: now both are used.
    assert_no_longer_valid(Client().get(old_link))


def test_resend_invitation_without_coordinator_right(
    client, invited, nordre_follo, other_coordinator, nf_editor, national_editor
):
    fatima, _link = invited
    for who in (other_coordinator, nf_editor, national_editor, None):
        client.logout()
        if who is not None:
            client.force_login(who)
        response = resend(client, nordre_follo, fatima.volunteer_profile)
        assert response.status_code in (302, 403, 404), who
        assert response.status_code != 302 or "/login/" in response["Location"]
    assert mail.outbox == []


def test_resend_invitation_to_another_sections_volunteer(
    client, coordinator, nordre_follo, other_volunteer
):
    other_volunteer.user.last_login = None
    other_volunteer.user.save()
    client.force_login(coordinator)

    assert resend(client, nordre_follo, other_volunteer).status_code == 404
    assert mail.outbox == []


def test_no_one_resends_to_someone_who_has_logged_in(client, coordinator, invited, nordre_follo):
    fatima, link = invited
    assert choose_password(Client(), link).status_code == 302
    client.force_login(coordinator)
    page = client.get(volunteers_url(nordre_follo))
    assert html(page).select_one('input[name="action"][value="invite"]') is None

    response = resend(client, nordre_follo, fatima.volunteer_profile)

    assert response.status_code == 400
    assert mail.outbox == []


def test_resend_with_odd_input_is_refused(client, coordinator, nordre_follo, network):
    client.force_login(coordinator)

    for volunteer in ("", "x", "0", "-3", "9" * 30):
        response = client.post(
            volunteers_url(nordre_follo), {"action": "invite", "volunteer": volunteer}
        )
        assert response.status_code == 400, volunteer
    assert mail.outbox == []


# --- Sending it again from the section's people page --------------------------------------


def test_resend_to_an_editor_with_coordinator_right(client, coordinator, nordre_follo):
    client.force_login(coordinator)
    client.post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "kari@example.no", "first_name": "Kari"},
    )
    mail.outbox.clear()
    kari = User.objects.get(email="kari@example.no")

    response = client.post(
        people_url(nordre_follo), {"action": "invite", "role": "editors", "user": str(kari.pk)}
    )

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["kari@example.no"]


def test_resend_to_an_editor_without_coordinator_right(
    client, coordinator, other_coordinator, nf_editor, nordre_follo
):
    client.force_login(coordinator)
    client.post(
        people_url(nordre_follo),
        {"action": "add", "role": "editors", "person": "kari@example.no", "first_name": "Kari"},
    )
    mail.outbox.clear()
    kari = User.objects.get(email="kari@example.no")
    post = {"action": "invite", "role": "editors", "user": str(kari.pk)}

    for who in (other_coordinator, nf_editor):
        client.force_login(who)
        assert client.post(people_url(nordre_follo), post).status_code == 404
    # Her coordinator, once Kari has logged in: refused too.
    kari.last_login = datetime.datetime.now(datetime.UTC)
    kari.save()
    client.force_login(coordinator)
    assert client.post(people_url(nordre_follo), post).status_code == 400
    assert mail.outbox == []


def test_the_link_names_the_sites_public_address(client, coordinator, nordre_follo, settings):
    settings.SITE_URL = "https://bydelsmor.example"
    client.force_login(coordinator)

    add_volunteer(client, nordre_follo)

    [message] = mail.outbox
    assert "https://bydelsmor.example/invitasjon/" in message.body
    assert "https://bydelsmor.example/glemt-passord/" in message.body
