"""The site's own login for volunteers: logging in and out, passwords, throttling.

``cms.volunteers.accounts`` (Django's auth views in the site's design and language),
django-axes throttling every login form (the Wagtail admin's too), and the
volunteer area sending anonymous visitors to the login page and back.
Assertions are on what a visitor notices: status codes, where she is sent,
the form on the page, her session, her password and the e-mail she gets.
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tests.helpers.sections import PASSWORD

User = get_user_model()

LOGIN = "/logg-inn/"
LOGOUT = "/logg-ut/"
RESET = "/glemt-passord/"
RESET_SENT = "/glemt-passord/sendt/"
RESET_DONE = "/glemt-passord/ferdig/"
CHANGE = "/bytt-passord/"
CHANGE_DONE = "/bytt-passord/ferdig/"
ADMIN_LOGIN = "/admin/login/"
AREA = "/frivillig/"

WRONG = "feil-passord-for-testen"
NEW_PASSWORD = "nytt-og-langt-passord-2027"
LIMIT = settings.AXES_FAILURE_LIMIT

#: The link in the password reset e-mail; the group is its path.
RESET_LINK = re.compile(r"https?://[^/\s]+(/(?:[a-z]{2}/)?glemt-passord/[^/\s]+/[^/\s]+/)")

IP_A = "10.0.0.1"
IP_B = "10.0.0.2"


# --- Helpers ---------------------------------------------------------------------------


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def post_login(client, username, password, url=LOGIN, ip=None, **data):
    """Submit a login form as a visitor would (from address ``ip``, if given)."""
    extra = {"REMOTE_ADDR": ip} if ip else {}
    return client.post(url, {"username": username, "password": password, **data}, **extra)


def session_user(client):
    """The pk (as text) of whoever the client's session is logged in as, or None."""
    return client.session.get("_auth_user_id")


def template_names(response):
    return [template.name for template in response.templates]


def assert_form_with_errors(response):
    """The form again, with its error box: what a visitor sees when a form is refused."""
    assert response.status_code == 200
    page = html(response)
    assert page.select_one("main form[method=post]") is not None
    assert page.select_one(".form-errors") is not None


def assert_locked_out(response):
    """The lockout page: 429, the site's page (not an error page), a way to a new password."""
    assert response.status_code == 429
    assert "accounts/locked_out.html" in template_names(response)
    page = html(response)
    assert page.select_one(".form-errors") is not None
    assert page.select_one(f'a[href="{RESET}"]') is not None
    assert page.select_one('input[name="password"]') is None


def users_table():
    """Every user row, every column: to show nothing in it changed."""
    return list(User.objects.order_by("pk").values())


def lock(client, username, ip=None, url=LOGIN, times=10):
    """``times`` wrong passwords in a row; returns the status codes."""
    return [post_login(client, username, WRONG, url=url, ip=ip).status_code for _ in range(times)]


@pytest.fixture
def amina(area, volunteer):
    """The volunteer's user, with the area in place."""
    return volunteer.user


@pytest.fixture
def person(home, member):
    """Amina's account without the area around her: enough for forms that refuse her."""
    return member("frivillig-nordrefollo")


@pytest.fixture
def english_area(home, area, locales, committed):
    """The volunteer area in English, at /en/frivillig/, published."""
    with committed():
        home.copy_for_translation(locales["en"]).save_revision().publish()
        english = area.copy_for_translation(locales["en"])
        english.save_revision().publish()
    english.refresh_from_db()
    return english


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


# --- 3. From the private area to the login page and back -------------------------------


def test_anonymous_visitor_is_sent_to_login_and_back(client, amina):
    response = client.get(AREA)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={AREA}"
    assert session_user(client) is None

    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    next_field = html(login_page).select_one('input[name="next"]')
    assert next_field["value"] == AREA

    response = post_login(client, amina.username, PASSWORD, next=next_field["value"])
    assert response.status_code == 302
    assert response["Location"] == AREA
    assert client.get(AREA).status_code == 200


def test_anonymous_visitor_of_a_subpage_comes_back_to_it(client, amina):
    url = f"{AREA}opplaering/"
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={url}"
    response = post_login(client, amina.username, PASSWORD, next=url)
    assert response["Location"] == url


def test_english_visitor_logs_in_in_english_and_comes_back(client, amina, english_area):
    url = english_area.get_url()
    assert url == "/en/frivillig/"

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en{LOGIN}?next={url}"

    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    assert html(login_page).html["lang"] == "en"

    response = post_login(client, amina.username, PASSWORD, url=f"/en{LOGIN}", next=url)
    assert response.status_code == 302
    assert response["Location"] == url
    answer = client.get(url)
    assert answer.status_code == 200
    assert html(answer).html["lang"] == "en"


def test_english_login_without_next_lands_on_the_english_area(client, amina, english_area):
    response = post_login(client, amina.username, PASSWORD, url=f"/en{LOGIN}")

    assert response.status_code == 302
    assert response["Location"] == "/en/frivillig/"


# --- 4. Wrong password -----------------------------------------------------------------


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


# --- 5. Throttling ---------------------------------------------------------------------


def test_wrong_passwords_for_one_username_lock_it(client, amina):
    statuses = lock(client, amina.username)

    assert 500 not in statuses
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert statuses[LIMIT - 1 :] == [429] * (len(statuses) - LIMIT + 1)
    assert_locked_out(post_login(client, amina.username, WRONG))

    # While locked, even the right password does not let her in.
    response = post_login(client, amina.username, PASSWORD)
    assert_locked_out(response)
    assert session_user(client) is None
    assert client.get(AREA).status_code == 302


def test_lockout_page_is_in_the_visitors_language(client, amina, locales):
    lock(client, amina.username, url=f"/en{LOGIN}")

    response = post_login(client, amina.username, PASSWORD, url=f"/en{LOGIN}")

    assert response.status_code == 429
    page = html(response)
    assert page.html["lang"] == "en"
    assert page.select_one(f'a[href="/en{RESET}"]') is not None


def test_forged_forwarded_for_header_does_not_escape_the_address_lock(client, amina):
    for number in range(10):
        client.post(
            LOGIN,
            {"username": f"gjetning-{number}", "password": WRONG},
            REMOTE_ADDR=IP_A,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )

    response = client.post(
        LOGIN,
        {"username": amina.username, "password": PASSWORD},
        REMOTE_ADDR=IP_A,
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert_locked_out(response)
    assert session_user(client) is None


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_each_visitor_has_her_own_address(client, amina):
    """Every request comes from the proxy; the address it saw is the visitor's."""
    proxy = "192.0.2.254"
    for number in range(10):
        client.post(
            LOGIN,
            {"username": f"gjetning-{number}", "password": WRONG},
            REMOTE_ADDR=proxy,
            # What the guesser writes herself comes first; the proxy appends what it saw.
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, {IP_A}",
        )

    locked = client.post(
        LOGIN,
        {"username": amina.username, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=IP_A,
    )
    assert_locked_out(locked)
    other = Client()
    response = other.post(
        LOGIN,
        {"username": amina.username, "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=IP_B,
    )
    assert response.status_code == 302
    assert session_user(other) == str(amina.pk)


def test_fewer_wrong_passwords_than_the_limit_do_not_lock(client, amina):
    statuses = lock(client, amina.username, times=LIMIT - 1)

    assert statuses == [200] * (LIMIT - 1)
    response = post_login(client, amina.username, PASSWORD)
    assert response.status_code == 302
    assert session_user(client) == str(amina.pk)


def test_username_lock_holds_from_another_address(client, amina, outsider):
    lock(client, amina.username, ip=IP_A)

    response = post_login(client, amina.username, PASSWORD, ip=IP_B)
    assert_locked_out(response)
    assert session_user(client) is None

    # The other address itself is not locked: someone else logs in from it.
    response = post_login(client, outsider.username, PASSWORD, ip=IP_B)
    assert response.status_code == 302
    assert session_user(client) == str(outsider.pk)


def test_many_usernames_from_one_address_lock_the_address(client, amina):
    statuses = [
        post_login(client, f"gjetning-{number}", WRONG, ip=IP_A).status_code for number in range(10)
    ]

    assert 500 not in statuses
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert statuses[LIMIT - 1 :] == [429] * (len(statuses) - LIMIT + 1)

    # From that address, not even a real volunteer with her right password gets in.
    response = post_login(client, amina.username, PASSWORD, ip=IP_A)
    assert_locked_out(response)
    assert session_user(client) is None

    # From another address she does.
    response = post_login(client, amina.username, PASSWORD, ip=IP_B)
    assert response.status_code == 302
    assert response["Location"] == AREA
    assert session_user(client) == str(amina.pk)


def test_lock_lifts_after_the_cool_off(client, amina):
    lock(client, amina.username)
    assert_locked_out(post_login(client, amina.username, PASSWORD))

    # Fast-forward: every attempt happened longer ago than the cool-off time.
    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=long_ago)

    response = post_login(client, amina.username, PASSWORD)
    assert response.status_code == 302
    assert session_user(client) == str(amina.pk)


def test_admin_login_is_throttled_too(client, superuser):
    before = users_table()

    statuses = lock(client, superuser.username, url=ADMIN_LOGIN)

    assert 500 not in statuses
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert statuses[LIMIT - 1 :] == [429] * (len(statuses) - LIMIT + 1)
    response = post_login(client, superuser.username, "passord-som-er-langt", url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert session_user(client) is None
    assert users_table() == before  # no password, no last login, nothing changed


def test_admin_and_site_login_share_the_throttle(client, amina):
    lock(client, amina.username, url=ADMIN_LOGIN, ip=IP_A)

    response = post_login(client, amina.username, PASSWORD, ip=IP_B)

    assert_locked_out(response)
    assert session_user(client) is None


def test_throttling_does_not_change_the_user(client, amina):
    before = users_table()

    lock(client, amina.username)
    post_login(client, amina.username, PASSWORD)

    assert users_table() == before
    amina.refresh_from_db()
    assert amina.check_password(PASSWORD)
    assert amina.is_active


# --- 6. Odd input ----------------------------------------------------------------------


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


# --- 7. Logging out --------------------------------------------------------------------


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


# --- 8. Forgotten password -------------------------------------------------------------


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


# --- 9. Changing the password ----------------------------------------------------------


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


# --- 10. The admin is not for volunteers -----------------------------------------------


def test_volunteer_never_reaches_the_admin(client, amina):
    post_login(client, amina.username, PASSWORD)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_volunteer_logging_in_on_the_admin_login_does_not_reach_the_admin(client, amina):
    post_login(client, amina.username, PASSWORD, url=ADMIN_LOGIN)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)
    assert client.get("/admin/pages/").status_code != 200


def test_superuser_reaches_the_admin(client, home, superuser):
    client.force_login(superuser)

    assert client.get("/admin/").status_code == 200


# --- 11. Logged in, but not in the audience --------------------------------------------


def test_outsider_gets_a_polite_403(client, area, outsider):
    client.force_login(outsider)

    response = client.get(AREA)

    assert response.status_code == 403
    assert "accounts/forbidden.html" in template_names(response)
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert html(response).html["lang"] == "nb"


def test_volunteer_gets_the_area_privately(client, amina):
    client.force_login(amina)

    response = client.get(AREA)

    assert response.status_code == 200
    assert "private" in response.get("Cache-Control", "")


def test_login_page_for_someone_logged_in(client, area, outsider):
    client.force_login(outsider)

    response = client.get(LOGIN, {"next": AREA})

    assert response.status_code == 200
    assert html(response).select_one('input[name="username"]') is not None
    assert session_user(client) == str(outsider.pk)
