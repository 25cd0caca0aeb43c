"""What the forms store stays with the coordinators: no public surface, no cache, a true statement.

A candidate and a request with a name that appears nowhere else are stored
through the forms; the name is then looked for on every public surface
(pages, search, sitemap, API, feeds) and in the admin views for people who
are not the section's coordinator. The privacy statement gives the figures
the retention task uses.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import EventIndexPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.outreach.conftest import NAME, said, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, candidate_post, request_post, nordre_follo, home, committed):
    """Zainab's candidacy and request, sent through the forms; the news and the calendar."""
    with committed():
        index = NewsIndexPageFactory(parent=home)
        NewsPageFactory(parent=index, title="Sommerfest i Ski")
        calendar = EventIndexPageFactory(parent=home)
    assert client.post("/bli-bydelsmor/", candidate_post).status_code == 302
    assert client.post("/be-om-bydelsmor/", request_post).status_code == 302
    assert stored() == {"candidates": 1, "requests": 1}
    return {"index": index, "calendar": calendar, "section": nordre_follo}


def public_surfaces(submitted):
    index, section = submitted["index"], submitted["section"]
    return [
        "/",
        "/so/",
        section.url,
        f"{section.url}?seksjon={section.pk}",
        "/sok/?q=Zainab",
        "/sok/?q=Unikhetsen",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/api/v2/pages/?search=Zainab",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{section.pk}/",
        "/api/v2/events/",
        submitted["calendar"].url,
        f"{index.url}",
        f"{index.url}rss/",
        f"{index.url}atom/",
        "/bli-bydelsmor/",
        "/be-om-bydelsmor/",
        "/bli-bydelsmor/takk/",
        "/be-om-bydelsmor/takk/",
        "/personvern/",
    ]


def test_the_name_appears_on_no_public_surface(client, submitted):
    client.cookies.clear()
    for url in public_surfaces(submitted):
        response = client.get(url)

        assert response.status_code == 200, url
        content = response.content.decode()
        if url.startswith("/sok/"):
            # The search box shows the query back; nothing else may name her.
            assert not response.context["results"].object_list, url
            assert not response.context["events"] and not response.context["modules"], url
            query = url.split("q=")[1]
            content = content.replace(query, "")
        assert "Zainab" not in content, url
        assert "Unikhetsen" not in content, url
        assert "912 34 567" not in content, url
        assert "zainab@example.no" not in content, url


def test_the_name_is_not_in_the_admin_for_an_anonymous_visitor_or_a_volunteer(
    client, submitted, volunteer
):
    section = submitted["section"]
    urls = [
        reverse("cms_outreach"),
        reverse("cms_section_candidates", args=[section.pk]),
        reverse("cms_section_requests", args=[section.pk]),
    ]
    for user in (None, volunteer.user):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)

            assert response.status_code in (302, 403, 404), (user, url)
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"] or response["Location"] == "/"
            assert NAME.encode() not in response.content, (user, url)


def test_a_post_does_not_empty_the_page_cache(
    client, settings, site_settings, nordre_follo, candidate_post, request_post
):
    settings.PAGE_CACHE_SECONDS = 300
    pages = ["/", nordre_follo.url]
    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url

    assert client.post("/bli-bydelsmor/", candidate_post).status_code == 302
    assert client.post("/be-om-bydelsmor/", request_post).status_code == 302
    assert stored() == {"candidates": 1, "requests": 1}

    client.cookies.clear()  # the form's CSRF cookie: a visitor who never posted
    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_the_privacy_statement_gives_the_default_retention(client, home):
    response = client.get("/personvern/")

    assert response.status_code == 200
    context = response.context
    assert (context["candidate_days"], context["request_days"]) == (365, 90)
    page = response.content.decode()
    assert "365" in page and "90" in page
    assert said(response, "How we handle personal data")


def test_the_privacy_statement_follows_the_settings_in_every_language(client, home):
    with override_settings(OUTREACH_RETENTION_DAYS={"candidate": 200, "contact_request": 30}):
        for prefix in ("", "/en", "/ar"):
            response = client.get(f"{prefix}/personvern/")

            assert response.status_code == 200, prefix
            assert (response.context["candidate_days"], response.context["request_days"]) == (
                200,
                30,
            )
            page = response.content.decode()
            assert "200" in page and " 30 " in page, prefix
            assert "365" not in page, prefix
        # The consent text of each form says the same.
        assert "200" in client.get("/bli-bydelsmor/").content.decode()
        assert " 30 " in client.get("/be-om-bydelsmor/").content.decode()


def test_one_changed_figure_keeps_the_other_default(client, home):
    with override_settings(OUTREACH_RETENTION_DAYS={"contact_request": 14}):
        response = client.get("/personvern/")

    assert (response.context["candidate_days"], response.context["request_days"]) == (365, 14)


def test_only_a_form_sets_a_cookie_as_the_statement_says(client, nordre_follo, candidate_post):
    """The statement: a cookie only when you open a form (its CSRF token) or log in."""
    for url in ("/", nordre_follo.url, "/personvern/", "/bli-bydelsmor/takk/", "/so/"):
        client.cookies.clear()
        assert not client.get(url).cookies, url
    for url in ("/bli-bydelsmor/", "/be-om-bydelsmor/", "/ar/be-om-bydelsmor/"):
        client.cookies.clear()
        assert set(client.get(url).cookies) == {"csrftoken"}, url
    client.cookies.clear()
    assert not client.post("/bli-bydelsmor/", candidate_post).cookies  # no session, no tracking
    statement = client.get("/personvern/")
    assert said(
        statement,
        "The website sets a cookie only when you open a form or log in: it is needed for the "
        "form or the login to work, and says nothing about you to anyone else.",
    )
