"""No private page or event is listed where outsiders look (``cms.privacy``).

The search, the sitemap, the JSON API, the public calendar and its feeds, the
menus and listings of public pages and the site's header show what is
private to the volunteer area's audience only, or to no one: each test checks
whether a private title or address is in what a visitor gets.
"""

import re

import pytest
from wagtail.search.backends import get_search_backend

from cms.events.models import Audience
from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.helpers.privacy import (
    SECRET_INDEX_TITLE,
    SECRET_TITLE,
    assert_sent_to_login,
    login,
    text,
    translate,
)

# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def public_page(home):
    page = StandardPageFactory(parent=home, title="Om bydelsmødrene", slug="om-oss")
    get_search_backend().add(page)
    return page


# --- 1. Search ------------------------------------------------------------------------


def test_search_finds_private_pages_for_the_audience_only(
    client, area, private_news, public_page, volunteer, outsider
):
    # Every word of the title but the last: the page echoes the query, not the title.
    query = "Hemmelig samling"
    for prefix in ("", "/en", "/ar"):
        response = client.get(f"{prefix}/sok/", {"q": query})
        assert response.status_code == 200, prefix
        assert SECRET_TITLE not in text(response)
        assert private_news.url not in text(response)

    response = client.get("/sok/", {"q": "Zebra"})
    assert response.status_code == 200
    assert SECRET_TITLE not in text(response)

    response = login(client, outsider).get("/sok/", {"q": query})
    assert response.status_code == 200
    assert SECRET_TITLE not in text(response)
    assert private_news.url not in text(response)

    response = login(client, volunteer.user).get("/sok/", {"q": query})
    assert response.status_code == 200
    assert SECRET_TITLE in re.sub(r"</?mark>", "", text(response))  # the words are marked
    assert private_news.url in text(response)

    # The search itself works for everyone: the public page is found.
    client.logout()
    response = client.get("/sok/", {"q": "bydelsmødrene"})
    assert public_page.title in re.sub(r"</?mark>", "", text(response))


ODD_QUERIES = [
    '"Hemmelig samling"',
    '"',
    "%",
    "%%Zebra%",
    "' OR 1=1 --",
    "*",
    "Zebra*",
    "AND",
    "OR NOT NEAR",
    "NEAR(Hemmelig Zebra)",
    "-Zebra",
    "Zebra^2",
    "((",
    "\\",
    "title:Zebra",
    "😀 Zebra",
    "x" * 10_000,
    "Zebra " * 40,
]


def test_odd_searches_never_fail(client, area, private_news, volunteer):
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        for query in ODD_QUERIES:
            response = client.get("/sok/", {"q": query})
            assert response.status_code in (200, 400), (query[:40], response.status_code)
            if person is None:
                assert private_news.url not in text(response)


# --- 2. Sitemap ----------------------------------------------------------------------


def test_sitemap_lists_public_pages_only(client, area, private_news, public_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = text(response)
    assert public_page.url in sitemap
    assert area.url not in sitemap
    assert private_news.url not in sitemap
    assert private_news.slug not in sitemap


# --- 3. The API ----------------------------------------------------------------------


#: Public pages only (cms.discovery.api); images, documents and Wagtail's v3 are not routed.
API_URLS = {
    "/api/v2/pages/": 200,
    "/api/v2/pages/?type=cms.NewsPage&fields=*": 200,
    "/api/v3/pages/": 404,
    "/api/v2/documents/": 404,
    "/api/v2/images/": 404,
}


def test_api_shows_no_private_page(client, area, private_news):
    for url, status in API_URLS.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert SECRET_TITLE not in text(response)
    assert client.get(f"/api/v2/pages/{private_news.pk}/").status_code == 404


# --- 4. The calendar and its feeds ------------------------------------------------------


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def internal_event(nordre_follo):
    return EventFactory(
        section=nordre_follo, audience=Audience.VOLUNTEERS, title="Intern kveld Zebra"
    )


@pytest.fixture
def open_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Åpen kveld Zebra")


def test_volunteers_event_stays_out_of_the_public_calendar(
    client, calendar, internal_event, open_event, volunteer
):
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        response = client.get(calendar.url)
        assert response.status_code == 200
        assert open_event.title in text(response)
        assert internal_event.title not in text(response)

        response = client.get(calendar.url + "ical/")
        assert response.status_code == 200
        assert open_event.title in text(response)
        assert internal_event.title not in text(response)

        response = client.get(calendar.url, {"q": "Intern kveld"})
        assert response.status_code == 200
        assert internal_event.title not in text(response)


def test_volunteers_event_has_no_public_page_or_download(
    client, calendar, internal_event, open_event, volunteer
):
    assert client.get(f"{calendar.url}{open_event.pk}/").status_code == 200
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        for url in (
            f"{calendar.url}{internal_event.pk}/",
            f"{calendar.url}{internal_event.pk}/ical/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert internal_event.title not in text(response)


def test_volunteers_event_is_on_the_area_front_page(
    client, area, calendar, internal_event, volunteer
):
    assert_sent_to_login(client.get(area.url))
    response = login(client, volunteer.user).get(area.url)
    assert response.status_code == 200
    assert internal_event.title in text(response)


def test_front_page_lists_no_volunteers_event(client, home, calendar, internal_event, open_event):
    response = client.get(home.url)
    assert response.status_code == 200
    assert open_event.title in text(response)
    assert internal_event.title not in text(response)


# --- 5. Listings and menus on public pages -------------------------------------------


def test_private_pages_are_not_listed_on_public_pages(
    client, home, area, private_index, private_news
):
    public_index = NewsIndexPageFactory(parent=home, title="Aktuelt")
    public_news = NewsPageFactory(parent=public_index, title="Åpen nyhet Zebra")
    area.title = "Frivilligrommet Zebra"
    for page in (area, private_index):
        page.show_in_menus = True
        page.save_revision().publish()

    for url in (home.url, public_index.url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = text(response)
        assert public_news.title in html
        assert SECRET_TITLE not in html
        assert SECRET_INDEX_TITLE not in html
        assert private_news.url not in html
        assert f'href="{area.url}"' not in html
        assert area.title not in html


def test_private_pages_are_not_in_the_menu_of_a_translated_front_page(
    client, home, area, locales, committed
):
    area.show_in_menus = True
    area.save_revision().publish()
    with committed():
        english_home = translate(home, locales["en"], "Neighbourhood mothers")
        english_area = translate(area, locales["en"], "Volunteers' room Zebra")
    response = client.get(english_home.url)
    assert response.status_code == 200
    assert english_area.title not in text(response)
    assert f'href="{english_area.url}"' not in text(response)


# --- 6. The site's header -------------------------------------------------------------


def test_header_links_to_the_area_only_for_its_audience(client, area, volunteer, outsider):
    client.force_login(volunteer.user)
    assert f'href="{area.url}"' in text(client.get("/"))

    client.force_login(outsider)
    assert f'href="{area.url}"' not in text(client.get("/"))

    client.logout()
    assert f'href="{area.url}"' not in text(client.get("/"))
