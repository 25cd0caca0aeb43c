"""django-axes throttling every login form, the site's and the Wagtail admin's.

Too many wrong passwords lock a username (from any address) and too many
guesses lock an address (whatever name); the lock shows the site's page in
the visitor's language with a way to a new password, forged forwarding headers
do not escape it, it lifts after the cool-off and it changes no user.
"""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from tests.helpers.accounts import (
    ADMIN_LOGIN,
    AREA,
    LOGIN,
    RESET,
    WRONG,
    html,
    post_login,
    session_user,
    template_names,
    users_table,
)
from tests.helpers.sections import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT

IP_A = "10.0.0.1"
IP_B = "10.0.0.2"


# --- Helpers ---------------------------------------------------------------------------


def assert_locked_out(response):
    """The lockout page: 429, the site's page (not an error page), a way to a new password."""
    assert response.status_code == 429
    assert "accounts/locked_out.html" in template_names(response)
    page = html(response)
    assert page.select_one(".form-errors") is not None
    assert page.select_one(f'a[href="{RESET}"]') is not None
    assert page.select_one('input[name="password"]') is None


def lock(client, username, ip=None, url=LOGIN, times=10):
    """``times`` wrong passwords in a row; returns the status codes."""
    return [post_login(client, username, WRONG, url=url, ip=ip).status_code for _ in range(times)]


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
