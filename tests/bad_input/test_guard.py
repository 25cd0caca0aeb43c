"""cms.platform.requestguard: a NUL byte anywhere is a 400, in the address's language."""

import pytest
from axes.models import AccessAttempt

from tests.bad_input.surfaces import ADMIN, API, PRIVATE, PUBLIC, REFUSAL, REFUSAL_EN, visitor
from tests.factories import (
    NewsIndexPageFactory,
)
from tests.helpers.sections import PASSWORD

# --- The guard: a NUL byte anywhere is a 400 ----------------------------------------
# These tests have no database: the guard answers before anything reads one.

#: Ids to fill in the surfaces' addresses: the guard never looks them up.
ANY_IDS = {**dict.fromkeys(("home", "section", "event", "module", "document"), 1), "filename": "a"}


def assert_refused(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    english = response["Content-Language"] == "en"
    assert response.content.decode() == (REFUSAL_EN if english else REFUSAL)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/%00/",
        "/aktuelt%00/",
        "/arrangementer/%00/",
        "/en/sok%00/",
        "/static/%00.css",
        "/admin/pages/%00/",
        "/api/v2/pages/%00/",
    ],
)
def test_guard_refuses_nul_in_the_path(url):
    assert_refused(visitor().get(url))


@pytest.mark.parametrize(
    "query",
    ["locale=%00", "html_path=%2F%00", "search=nb%00", "site=%00", "%00=1", "id=1&id=%00"],
)
def test_guard_refuses_nul_in_the_query_string(query):
    assert_refused(visitor().get(f"/api/v2/pages/?{query}"))
    assert_refused(visitor().get(f"/api/v2/pages/find/?{query}"))


def test_guard_refuses_nul_in_every_parameter_of_every_surface():
    client = visitor()

    for surface in API + PUBLIC + PRIVATE + ADMIN:
        path = surface.path.format(**ANY_IDS)
        for name in surface.params:
            assert_refused(client.get(f"{path}?{name}=nb%00"))


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/logg-inn/", {"username": "kari\x00", "password": PASSWORD}),
        ("/logg-inn/", {"user\x00name": "kari"}),
        ("/admin/login/", {"username": "kari", "password": "x\x00"}),
        ("/glemt-passord/", {"email": "a\x00@b.no"}),
        ("/admin/pages/search/", {"q": "\x00"}),
    ],
)
def test_guard_refuses_nul_in_a_posted_form(url, data):
    assert_refused(visitor().post(url, data))


def test_guard_refuses_nul_in_a_url_encoded_form():
    body = "username=kari&password=x%00"

    response = visitor().post("/logg-inn/", body, content_type="application/x-www-form-urlencoded")

    assert_refused(response)


def test_guard_refusal_is_in_the_language_of_the_address():
    english = visitor().get("/en/sok/?q=%00")
    assert english["Content-Language"] == "en"
    assert english.content.decode() == REFUSAL_EN
    assert visitor().get("/sok/?q=%00")["Content-Language"] == "nb"


def test_guard_lets_a_normal_request_through(content, member):
    member("kari")
    client = visitor()

    assert client.get("/sok/", {"q": "helse"}).status_code == 200
    assert client.get("/api/v2/pages/", {"locale": "nb"}).status_code == 200
    response = client.post("/logg-inn/", {"username": "kari", "password": "feil-passord"})
    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username="kari").count() == 1
    assert client.post("/logg-inn/", {"username": "kari", "password": PASSWORD}).status_code == 302


def test_guard_refusal_never_reaches_the_page_cache(home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    NewsIndexPageFactory(parent=home)
    client = visitor()

    first, second = client.get("/aktuelt/?side=%00"), client.get("/aktuelt/?side=%00")

    assert_refused(second)
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert client.get("/aktuelt/?side=1")["X-Page-Cache"] == "miss"
