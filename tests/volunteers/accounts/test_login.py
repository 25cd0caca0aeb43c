"""The site's own login for volunteers: the login page, logging in and out, wrong passwords.

``cms.volunteers.accounts`` (Django's auth views in the site's design and
language): the login page in each language, where a volunteer lands after
logging in (never on another site), a wrong password or an unknown name, odd
input that never breaks either login form, and logging out. Assertions are on
what a visitor notices: status codes, where she is sent, the form on the page
and her session.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.helpers.accounts import (
    ADMIN_LOGIN,
    AREA,
    LOGIN,
    LOGOUT,
    RESET,
    WRONG,
    assert_form_with_errors,
    html,
    post_login,
    session_user,
)
from tests.helpers.sections import PASSWORD

# --- 1. The login page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "language", "direction"),
    [("", "nb", "ltr"), ("/en", "en", "ltr"), ("/ar", "ar", "rtl")],
)
def test_login_page_in_each_language(client, home, locales, prefix, language, direction):
    response = client.get(f"{prefix}{LOGIN}")

    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == language
    assert page.html["dir"] == direction
    form = page.select_one("main form[method=post]")
    assert form.select_one('input[name="username"]') is not None
    assert form.select_one('input[name="password"][type="password"]') is not None
    assert form.select_one(".form-errors") is None  # nothing wrong yet
    with translation.override(language):
        reset_url = reverse("password_reset")
    assert reset_url == f"{prefix}{RESET}"
    assert page.select_one(f'a[href="{reset_url}"]') is not None
    assert session_user(client) is None


def test_login_page_keeps_next_in_the_form(client, home):
    response = client.get(LOGIN, {"next": "/frivillig/opplaering/"})

    assert response.status_code == 200
    assert html(response).select_one('input[name="next"]')["value"] == "/frivillig/opplaering/"


# --- 2. Logging in and where she lands -------------------------------------------------


def test_right_password_goes_to_next(client, amina):
    response = post_login(client, amina.username, PASSWORD, next="/frivillig/opplaering/")

    assert response.status_code == 302
    assert response["Location"] == "/frivillig/opplaering/"
    assert session_user(client) == str(amina.pk)


def test_right_password_without_next_goes_to_the_volunteer_area(client, amina):
    response = post_login(client, amina.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == AREA
    assert session_user(client) == str(amina.pk)
    assert client.get(AREA).status_code == 200


@pytest.mark.parametrize(
    ("who", "lands_on"),
    [("volunteer", AREA), ("coordinator", AREA), ("outsider", "/")],
)
def test_where_each_lands_without_next(client, area, request, who, lands_on):
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)  # a volunteer is a profile

    response = post_login(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == lands_on
    assert session_user(client) == str(user.pk)


def test_login_gives_a_new_session(client, amina):
    """Whoever knew her session key before she logged in does not share her login."""
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key

    post_login(client, amina.username, PASSWORD)

    assert client.session.session_key != before
    assert session_user(client) == str(amina.pk)


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/frivillig/",
        "https://testserver.evil.example/",
        "javascript:alert(1)",
        "\\\\evil.example/",
        "/\\evil.example/",
    ],
)
def test_open_redirect_is_not_followed(client, amina, next_url):
    response = post_login(client, amina.username, PASSWORD, next=next_url)

    assert response.status_code == 302
    assert response["Location"] == AREA  # where she would land without next
    assert "evil" not in response["Location"]
    assert session_user(client) == str(amina.pk)


def test_login_page_does_not_offer_a_foreign_next_as_a_private_page(client, home):
    """The "page is for volunteers" note is for local pages only; the form still works."""
    local = client.get(LOGIN, {"next": AREA})
    foreign = client.get(LOGIN, {"next": "https://evil.example/"})

    assert html(local).select_one("main .notice[role=note]") is not None
    assert html(foreign).select_one("main .notice[role=note]") is None
    assert foreign.status_code == 200
    assert html(foreign).select_one('input[name="password"]') is not None


# --- 3. Wrong password -----------------------------------------------------------------


def test_wrong_password_shows_the_form_again(client, amina):
    response = post_login(client, amina.username, WRONG)

    assert_form_with_errors(response)
    assert session_user(client) is None
    page = html(response)
    assert page.select_one('input[name="username"]')["value"] == amina.username
    # The password she typed is not sent back to her, nor stored by the throttle.
    assert WRONG not in response.content.decode()
    assert not AccessAttempt.objects.filter(post_data__contains=WRONG).exists()
    # And the private area is still closed to her.
    assert client.get(AREA).status_code == 302


def test_unknown_username_looks_the_same_as_a_wrong_password(client, amina):
    wrong_password = post_login(client, amina.username, WRONG)
    unknown_user = post_login(client, "finnes-ikke", WRONG)

    assert_form_with_errors(unknown_user)
    assert session_user(client) is None
    errors = html(wrong_password).select_one(".form-errors").get_text(" ", strip=True)
    assert html(unknown_user).select_one(".form-errors").get_text(" ", strip=True) == errors


def test_inactive_user_cannot_log_in(client, amina):
    amina.is_active = False
    amina.save()

    response = post_login(client, amina.username, PASSWORD)

    assert_form_with_errors(response)
    assert session_user(client) is None


# --- 4. Odd input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"username": "", "password": ""},
        {"username": "frivillig-nordrefollo"},
        {"password": PASSWORD},
        {"username": "x" * 10_000, "password": WRONG},
        {"username": "frivillig-nordrefollo", "password": "x" * 10_000},
        {"username": "frivillig\x00nordrefollo", "password": PASSWORD},
        {"username": "frivillig-nordrefollo", "password": "et\x00passord"},
        {"username": "\ufeff\u202efrivillig\u200b", "password": WRONG},
        {"username": "🧕🏽" * 50, "password": "🔑" * 20},
        {"username": "' OR 1=1 --", "password": "' OR 1=1 --"},
        {"username": ["frivillig-nordrefollo", "sjef"], "password": [PASSWORD, WRONG]},
        {"username": "frivillig-nordrefollo", "password": WRONG, "next": "\x00"},
        {"username": "frivillig-nordrefollo", "password": WRONG, "next": "x" * 10_000},
    ],
    ids=[
        "empty",
        "blank",
        "no-password",
        "no-username",
        "long-username",
        "long-password",
        "null-in-username",
        "null-in-password",
        "invisible-characters",
        "emoji",
        "sql",
        "repeated-fields",
        "null-in-next",
        "long-next",
    ],
)
@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_odd_input_never_breaks_the_login(client, person, url, data):
    response = client.post(url, data)

    assert response.status_code in (200, 400, 429)
    if response.status_code == 200:
        assert response.context["form"].errors  # the form again, with what is wrong
    assert session_user(client) is None


@pytest.mark.parametrize(
    "body",
    [
        b"username=%FF%FE%FD&password=%C3%28",
        b"username=\xff\xfe\xfd&password=\xc3\x28",
        b"username=%ED%A0%80&password=%00",
        b"%%%&&&===",
    ],
    ids=["percent-encoded-bytes", "raw-bytes", "surrogate", "garbage"],
)
def test_text_that_is_not_utf8_never_breaks_the_login(client, person, body):
    response = client.post(LOGIN, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code in (200, 400, 429)
    assert session_user(client) is None


@pytest.mark.parametrize("next_url", ["\x00", "%00", "x" * 10_000, "https://evil.example/"])
def test_odd_next_never_breaks_the_login_page(client, home, next_url):
    response = client.get(LOGIN, {"next": next_url})

    assert response.status_code in (200, 400)


# --- 5. Logging out --------------------------------------------------------------------


def test_logout_by_post(client, amina):
    post_login(client, amina.username, PASSWORD)
    assert client.get(AREA).status_code == 200
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == settings.LOGOUT_REDIRECT_URL
    assert session_user(client) is None
    after = client.get(AREA)
    assert after.status_code == 302
    assert after["Location"] == f"{LOGIN}?next={AREA}"
    # The old session is gone on the server, not just forgotten by the browser.
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert client.get(AREA).status_code == 302


def test_logout_by_get_is_refused(client, amina):
    post_login(client, amina.username, PASSWORD)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert session_user(client) == str(amina.pk)
    assert client.get(AREA).status_code == 200
