"""The volunteer area at the door: to the login page and back, and who gets in.

An anonymous visitor of the area (or of one of its pages, in Norwegian or
English) is sent to the login page in her language and back where she was;
a volunteer never reaches the Wagtail admin; someone logged in but outside the
area's audience gets a polite, uncached 403. Assertions are on what a visitor
notices: status codes, where she is sent, the page's language and headers.
"""

import pytest

from tests.helpers.accounts import (
    ADMIN_LOGIN,
    AREA,
    LOGIN,
    html,
    post_login,
    session_user,
    template_names,
)
from tests.helpers.sections import PASSWORD

# --- Fixtures --------------------------------------------------------------------------


@pytest.fixture
def english_area(home, area, locales, committed):
    """The volunteer area in English, at /en/frivillig/, published."""
    with committed():
        home.copy_for_translation(locales["en"]).save_revision().publish()
        english = area.copy_for_translation(locales["en"])
        english.save_revision().publish()
    english.refresh_from_db()
    return english


# --- 1. From the private area to the login page and back -------------------------------


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


# --- 2. The admin is not for volunteers -----------------------------------------------


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


# --- 3. Logged in, but not in the audience --------------------------------------------


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
