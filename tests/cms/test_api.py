"""The read-only JSON API: public pages and the public calendar's events (cms.discovery.api).

The pages endpoint is Wagtail's, shown as an anonymous visitor sees the site
whoever asks; the events endpoint is the calendar as data and must list what
the calendar lists for the same query string.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from cms.core.groups import VOLUNTEERS
from cms.events.models import Audience
from cms.events.occurrences import EventOccurrence
from cms.privacy import restrictions
from cms.translation.trees import sync_translation_trees
from tests.events import conftest as event_fixtures
from tests.events.helpers import YEAR, at, translate
from tests.factories import (
    OSLO,
    EventFactory,
    MunicipalityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.volunteers import conftest as volunteer_fixtures

# The event tests' calendar (places, a calendar page, fixed events, English)
# and the private area's fixture, shared rather than made again.
places = event_fixtures.places
calendar = event_fixtures.calendar
fixed_events = event_fixtures.fixed_events
english = event_fixtures.english
area = volunteer_fixtures.area
locales = volunteer_fixtures.locales

Image = get_image_model()

PAGES = "/api/v2/pages/"
EVENTS = "/api/v2/events/"
SECRET = "Hemmelig samling Zebra"


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(data):
    return [item["id"] for item in data["items"]]


# --- Pages: public only ----------------------------------------------------------------


@pytest.fixture
def public_page(home):
    return StandardPageFactory(
        parent=home, title="Om bydelsmødrene i Kvitveisparken", slug="om-oss"
    )


@pytest.fixture
def hidden(home, area):
    """Every kind of page the public must not reach, each with ``SECRET`` in its title."""
    index = NewsIndexPageFactory(parent=area, title=f"{SECRET} internt", slug="internt")
    news = NewsPageFactory(parent=index, title=SECRET, slug="hemmelig-samling")
    password = StandardPageFactory(parent=home, title=f"{SECRET} passord", slug="passord")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    below_password = StandardPageFactory(parent=password, title=f"{SECRET} under", slug="under")
    login_only = StandardPageFactory(parent=home, title=f"{SECRET} innlogget", slug="innlogget")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    draft = StandardPageFactory(parent=home, title=f"{SECRET} utkast", slug="utkast", live=False)
    # Aliased out of the area before a commit could copy the restriction to it.
    alias = news.create_alias(parent=home, update_slug="referat-kopi")
    pages = [area, index, news, password, below_password, login_only, draft, alias]
    for page in pages:
        get_search_backend().add(page)
    return pages


@pytest.fixture
def volunteer_client(network):
    """Someone in the private audience, logged in: a session changes nothing in the API."""
    user = get_user_model().objects.create_user("frivillig-api", "f@example.no", "x")
    user.groups.add(network[VOLUNTEERS])
    volunteer = Client()
    volunteer.force_login(user)
    return volunteer


def test_pages_api_lists_public_pages(client, home, public_page):
    data = get(client, PAGES)

    assert set(ids(data)) == {home.pk, public_page.pk}
    assert data["meta"]["total_count"] == 2
    item = next(item for item in data["items"] if item["id"] == public_page.pk)
    assert item["title"] == "Om bydelsmødrene i Kvitveisparken"
    assert item["meta"]["html_url"] == "http://localhost/om-oss/"
    assert item["meta"]["locale"] == "nb"

    detail = get(client, f"{PAGES}{public_page.pk}/")
    assert detail["intro"] == public_page.intro
    assert detail["meta"]["parent"]["id"] == home.pk


def test_news_with_their_dates_newest_first(client, home):
    index = NewsIndexPageFactory(parent=home)
    older = NewsPageFactory(parent=index, date=datetime.date(2026, 1, 5))
    newer = NewsPageFactory(parent=index, date=datetime.date(2026, 2, 5))

    data = get(client, PAGES, {"type": "cms.NewsPage", "fields": "date,intro", "order": "-date"})

    assert ids(data) == [newer.pk, older.pk]
    assert data["items"][0]["date"] == "2026-02-05"
    assert data["items"][0]["intro"] == newer.intro


def test_private_and_unpublished_pages_are_never_listed_nor_found(
    client, home, public_page, hidden, volunteer_client
):
    # What there is to find: the search index has them, the volunteer reads them.
    assert len(Page.objects.live().search("Zebra")) >= 6
    assert SECRET in volunteer_client.get(hidden[2].url).content.decode()

    for reader in (client, volunteer_client):
        for params in (
            {},
            {"fields": "*"},
            {"search": "Zebra"},
            {"search": "hemmelig"},
            {"type": "cms.VolunteerAreaPage"},
            {"type": "cms.NewsPage,cms.NewsIndexPage", "fields": "*"},
            {"type": "cms.StandardPage", "fields": "*"},
            {"descendant_of": home.pk},
            {"child_of": home.pk, "limit": 20},
            {"locale": "nb"},
            {"order": "-id"},
        ):
            response = reader.get(PAGES, params)
            assert response.status_code == 200, params
            assert SECRET not in response.content.decode(), params
            assert not set(ids(response.json())) & {page.pk for page in hidden}, params
        for page in hidden:
            assert reader.get(f"{PAGES}{page.pk}/").status_code == 404
            for name in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
                response = reader.get(PAGES, {name: page.pk})
                assert response.status_code in (400, 404), (name, page)
                assert SECRET not in response.content.decode()
            response = reader.get(f"{PAGES}find/", {"id": page.pk})
            assert response.status_code == 404
        for path in ("/frivillig/", "/frivillig/internt/hemmelig-samling/", "/passord/"):
            assert reader.get(f"{PAGES}find/", {"html_path": path}).status_code == 404
    # The public page is found the same way.
    response = client.get(f"{PAGES}find/", {"html_path": "/om-oss/"})
    assert response.status_code == 302
    assert f"{PAGES}{public_page.pk}/" in response["Location"]
    # And by a search, so the searches above did search. (A word of its own:
    # PostgreSQL's Norwegian stemming also finds the front page "Bydelsmødre".)
    get_search_backend().add(public_page)
    assert ids(get(client, PAGES, {"search": "kvitveisparken"})) == [public_page.pk]


def test_a_password_entered_on_the_site_does_not_open_the_api(client, home, hidden):
    password = hidden[3]
    response = client.post(
        f"/_util/authenticate_with_password/{password.get_view_restrictions().get().pk}/"
        f"{password.pk}/",
        {"password": "hemmelig", "return_url": password.url},
    )
    assert response.status_code == 302
    assert SECRET in client.get(password.url).content.decode()  # the site lets her in

    assert client.get(f"{PAGES}{password.pk}/").status_code == 404
    assert SECRET not in client.get(PAGES, {"fields": "*"}).content.decode()


def test_a_volunteer_area_that_lost_its_restriction_stays_out(client, hidden):
    area, news = hidden[0], hidden[2]
    PageViewRestriction.objects.filter(page=area).delete()
    assert Page.objects.public().filter(pk=news.pk).exists()

    assert client.get(f"{PAGES}{news.pk}/").status_code == 404
    assert SECRET not in client.get(PAGES, {"fields": "*", "search": "Zebra"}).content.decode()


def test_translated_area_stays_out_in_every_locale(client, home, area, locales, committed):
    with committed():
        home.copy_for_translation(locales["en"]).save_revision().publish()
        copy = area.copy_for_translation(locales["en"])
        copy.title = "For volunteers Zebra"
        copy.save_revision().publish()

    for params in ({}, {"locale": "en"}, {"translation_of": area.pk}):
        response = client.get(PAGES, params)
        assert "Zebra" not in response.content.decode(), params
    assert client.get(f"{PAGES}{copy.pk}/").status_code == 404


def test_fields_expose_no_private_or_personal_data(client, home, superuser, area):
    private_image = Image.objects.create(
        title="Privat bilde",
        collection=restrictions.training_collection(),
        file=get_test_image_file(filename="privat.png"),
    )
    page = StandardPageFactory(parent=home, title="Kontakt", slug="kontakt", owner=superuser)
    page.body = json.dumps(
        [
            {
                "type": "contact_card",
                "value": {"role": "Koordinator", "email": "kari.nordmann@example.no"},
            },
            {"type": "image", "value": {"image": private_image.pk, "alt_text": "Zebra-bilde"}},
        ]
    )
    page.save_revision(user=superuser).publish()
    assert "kari.nordmann@example.no" in client.get(page.url).content.decode()
    section = MunicipalityPageFactory(
        parent=home,
        title="Ås",
        coordinator_email="kari.nordmann@example.no",
        coordinator_phone="912 34 567",
    )

    for url, params in (
        (f"{PAGES}{page.pk}/", {}),
        (f"{PAGES}{page.pk}/", {"fields": "*"}),
        (f"{PAGES}{section.pk}/", {}),
        (PAGES, {"fields": "*"}),
        (PAGES, {"type": "cms.StandardPage", "fields": "*"}),
        (PAGES, {"type": "cms.MunicipalityPage", "fields": "*"}),
    ):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        text = response.content.decode()
        for secret in ("kari.nordmann", "912 34 567", "Zebra-bilde", "sjef", "revision", "owner"):
            assert secret not in text, (url, params, secret)
    assert get(client, f"{PAGES}{section.pk}/")["group_name"] == "Bydelsmødre"

    for fields in ("owner", "body", "latest_revision", "coordinator_email", "live", "path"):
        data = get(client, PAGES, {"type": "cms.MunicipalityPage", "fields": fields}, status=400)
        assert "unknown fields" in data["message"]
    for name in ("owner", "path", "live"):
        get(client, PAGES, {name: "1"}, status=400)


def test_locale_and_translation_filters(client, home, public_page, committed):
    en = Locale.objects.get_or_create(language_code="en")[0]
    with committed():
        home.copy_for_translation(en).save_revision().publish()
        copy = public_page.copy_for_translation(en)
        copy.title = "About the neighbourhood mothers"
        copy.save_revision().publish()

    english_pages = get(client, PAGES, {"locale": "en"})
    assert "About the neighbourhood mothers" in [item["title"] for item in english_pages["items"]]
    assert {item["meta"]["locale"] for item in english_pages["items"]} == {"en"}
    assert get(client, PAGES, {"translation_of": public_page.pk})["items"][0]["id"] == copy.pk
    assert get(client, f"{PAGES}{copy.pk}/")["meta"]["html_url"].endswith("/en/om-oss/")
    get(client, PAGES, {"locale": "xx"}, status=404)


def test_untranslated_pages_are_listed_once_not_as_aliases(client, home, public_page):
    sync_translation_trees()  # an alias of each page in every other language

    listed = ids(get(client, "/api/v2/pages/", {"limit": 20}))

    assert sorted(listed) == sorted([home.pk, public_page.pk])
    assert ids(get(client, "/api/v2/pages/", {"locale": "so"})) == []
    assert ids(get(client, "/api/v2/pages/", {"search": "kvitveisparken"})) == [public_page.pk]


def test_pages_api_is_read_only(home, public_page):
    client = Client(enforce_csrf_checks=True)
    for url in (PAGES, f"{PAGES}{public_page.pk}/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(
                url, json.dumps({"title": "Endret"}), content_type="application/json"
            )
            assert response.status_code == 405, (method, url)
    public_page.refresh_from_db()
    assert public_page.title == "Om bydelsmødrene i Kvitveisparken"
    assert Page.objects.filter(pk=public_page.pk).exists()


def test_pages_api_can_be_read_from_another_site(client, home):
    response = client.get(PAGES, HTTP_ORIGIN="https://www.nordrefollo.kommune.no")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize(
    "params",
    [
        {"offset": "1" + "0" * 20},
        {"offset": "9" * 10_000},
        {"offset": "-1"},
        {"offset": "²"},
        {"limit": "1" + "0" * 20},
        {"limit": "-1"},
        {"limit": "abc"},
        {"child_of": "9" * 30},
        {"descendant_of": "abc"},
        {"type": "cms.Finnesikke"},
        {"type": "auth.User"},
        {"order": "password"},
        {"fields": "title(" * 50},
        {"ukjent": "1"},
    ],
)
def test_odd_page_parameters_give_400(client, home, params):
    data = get(client, PAGES, params, status=400)
    assert data["message"]


@pytest.mark.parametrize(
    "query",
    ["a" * 10_000, "Zebra " * 500, "a " * 100, "' OR 1=1 --", '"om', "%_\\", "*", "NOT AND", "-"],
)
def test_odd_searches_give_an_answer(client, home, public_page, query):
    get_search_backend().add(public_page)

    response = client.get(PAGES, {"search": query})

    assert response.status_code in (200, 400), response.content[:300]
    if len(query) > 200:
        assert response.status_code == 400


def test_search_takes_words_as_the_site_search_does(client, home, public_page):
    get_search_backend().add(public_page)

    for query in ("kvitveisparken", '"kvitveisparken"', "kvitveisparken*!"):
        assert ids(get(client, PAGES, {"search": query})) == [public_page.pk], query
    for operator in ("and", "or"):
        params = {"search": "kvitveisparken", "search_operator": operator}
        assert ids(get(client, PAGES, params)) == [public_page.pk]
    get(client, PAGES, {"search": "om", "search_operator": "xor"}, status=400)


def test_no_other_api_endpoint(client, home, area):
    for url in ("/api/v2/images/", "/api/v2/documents/", "/api/v3/pages/", "/api/"):
        assert client.get(url).status_code == 404, url


# --- Events: the calendar's events, as data ---------------------------------------------


def occurrences(data):
    """(event id, start) of each item, starts as aware datetimes."""
    return [
        (item["event_id"], datetime.datetime.fromisoformat(item["start"])) for item in data["items"]
    ]


def calendar_listing(client, url):
    """(event id, start) and titles of everything the calendar page lists, page by page."""
    found, titles, number = [], [], 1
    while True:
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}side={number}")
        assert response.status_code == 200
        assert not response.context["filterset"].errors
        listing = response.context["listing"]
        for occurrence in response.context["occurrences"]:
            found.append((occurrence.event_id, occurrence.start))
            titles.append(occurrence.shown_event.title)
        if not listing.has_next():
            return found, titles, listing.paginator.count
        number += 1


CALENDAR_QUERIES = [
    "",
    "seksjon={oslo}",
    "seksjon={stovner}",
    "seksjon={follo}",
    "kategori=kurs",
    "kategori=temakveld",
    "sprak=ar",
    "sprak=so",
    "malgruppe=open",
    "fra={year}-03-03&til={year}-03-10",
    "til={year}-03-04",
    "fra={year}-04-01",
    "periode=maned",
    "q=skole",
    "q=NORSKKURS&seksjon={oslo}",
    "q=Theme evening",
    "kategori=kurs&sprak=so&seksjon={follo}",
    "seksjon={ostfold}&kategori=temakveld",
]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("query", CALENDAR_QUERIES)
def test_events_api_lists_what_the_calendar_lists(
    client, fixed_events, places, english, language, query
):
    translate(fixed_events["helse"], english, "Theme evening on health")
    # More than a page of the calendar, so its pagination is compared too.
    start = at(5, 6, 10)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=start.date() + datetime.timedelta(weeks=24),
    )
    query = query.format(year=YEAR, **{name: page.pk for name, page in places.items()})
    prefix = "" if language == "nb" else f"/{language}"

    expected, titles, count = calendar_listing(client, f"{prefix}/arrangementer/?{query}")
    params = f"{query}&locale={language}&limit=100" if query else f"locale={language}&limit=100"
    data = get(client, f"{EVENTS}?{params}")

    assert occurrences(data) == expected
    assert [item["title"] for item in data["items"]] == titles
    assert data["meta"]["total_count"] == count
    if not query:
        assert count > 20  # the calendar's second page was compared too


def test_the_calendar_query_string_is_taken_as_it_is(client, fixed_events, places):
    query = f"q=&seksjon={places['oslo'].pk}&kategori=&sprak=&malgruppe=&periode=&fra=&til="

    data = get(client, f"{EVENTS}?{query}")

    expected, _titles, _count = calendar_listing(client, f"/arrangementer/?{query}")
    assert occurrences(data) == expected
    assert len(expected) == 3


def test_hidden_events_never_reach_the_api(client, fixed_events, places):
    places["stovner"].unpublish()
    PageViewRestriction.objects.create(
        page=places["ostfold"], restriction_type=PageViewRestriction.LOGIN
    )
    hidden = {fixed_events[key].pk for key in ("frivillige", "utkast", "helse", "mysen")}

    for params in (
        {},
        {"q": "frivillige"},
        {"q": "Utkast"},
        {"malgruppe": "open"},
        {"fra": f"{YEAR - 1}-01-01", "limit": "100"},
    ):
        data = get(client, EVENTS, params)
        assert not {item["event_id"] for item in data["items"]} & hidden, params
    assert get(client, EVENTS)["meta"]["total_count"] == 3  # Oslo's and Follo's
    # A hidden section is not a filter value either.
    for section in ("stovner", "ostfold"):
        get(client, EVENTS, {"seksjon": places[section].pk}, status=400)
    get(client, EVENTS, {"malgruppe": Audience.VOLUNTEERS}, status=400)


def test_an_occurrence_has_what_another_site_needs(client, fixed_events, places):
    event = fixed_events["kurs-oslo"]
    event.address = "Stovner senter 3, 0985 Oslo"
    event.childcare = True
    event.registration_url = "https://example.no/pamelding"
    event.save()
    all_day = EventFactory(
        title="Sommerdag",
        section=places["oslo"],
        start=at(7, 1, 0),
        end=at(7, 2, 23, 59),
        all_day=True,
    )

    items = get(client, EVENTS, {"limit": "100"})["items"]

    item = next(item for item in items if item["event_id"] == event.pk)
    assert item["title"] == "Norskkurs Oslo"
    assert item["start"] == f"{YEAR}-03-04T18:00:00+01:00"
    assert item["end"] == f"{YEAR}-03-04T20:00:00+01:00"
    assert item["all_day"] is False
    assert item["status"] == "planned"
    assert item["cancelled"] is False
    assert item["category"]["slug"] == "kurs"
    assert sorted(language["code"] for language in item["languages"]) == ["ar", "so"]
    assert item["place_name"] == event.place_name
    assert item["address"] == "Stovner senter 3, 0985 Oslo"
    assert item["childcare"] is True
    assert item["registration_url"] == "https://example.no/pamelding"
    assert item["section"] == {
        "id": places["oslo"].pk,
        "title": "Oslo",
        "url": "http://localhost/oslo/",
    }
    assert item["url"] == f"http://localhost/arrangementer/{event.pk}/?dato={YEAR}-03-04"
    assert item["ical_url"] == f"http://localhost/arrangementer/{event.pk}/ical/"
    assert client.get(item["url"]).status_code == 200
    assert client.get(item["ical_url"]).status_code == 200

    cancelled = next(item for item in items if item["event_id"] == fixed_events["avlyst"].pk)
    assert cancelled["cancelled"] is True
    assert cancelled["status"] == "cancelled"
    summer = next(item for item in items if item["event_id"] == all_day.pk)
    assert summer["all_day"] is True
    assert summer["start"] == f"{YEAR}-07-01T00:00:00+02:00"
    # Whatever is not public about an event is not in the API.
    text = json.dumps(items)
    for field in ("live", "latest_revision", "locked", "owner", "translation_key"):
        assert f'"{field}"' not in text


def test_events_come_in_the_language_asked_for(client, fixed_events, places, english):
    translate(fixed_events["helse"], english, "Theme evening on health")
    fixed_events["helse"].category.copy_for_translation(english)
    category = fixed_events["helse"].category.get_translation(english)
    category.name = "Theme evening"
    category.save()
    places["oslo"].copy_for_translation(english).save_revision().publish()
    section = places["stovner"].copy_for_translation(english)
    section.title = "Stovner (English)"
    section.save_revision().publish()

    response = client.get(EVENTS, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "nb"  # a link gives the same answer for everyone
    titles = [item["title"] for item in response.json()["items"]]
    assert "Temakveld om helse" in titles

    data = get(client, EVENTS, {"locale": "en"})
    item = next(item for item in data["items"] if item["event_id"] == fixed_events["helse"].pk)
    assert item["title"] == "Theme evening on health"
    assert item["category"]["name"] == "Theme evening"
    assert item["section"]["id"] == places["stovner"].pk  # the filter's id, in every language
    assert item["section"]["title"] == "Stovner (English)"
    assert item["section"]["url"] == "http://localhost/en/oslo/stovner/"
    assert item["url"].startswith(f"http://localhost/en/arrangementer/{item['event_id']}/")
    assert "Norskkurs Oslo" in [item["title"] for item in data["items"]]  # not translated
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["calendar_url"] == "http://localhost/en/arrangementer/"
    assert data["meta"]["ical_url"] == "http://localhost/en/arrangementer/ical/"


def test_meta_links_to_the_calendar_and_feed_with_the_same_filters(client, fixed_events, places):
    data = get(client, EVENTS, {"seksjon": places["oslo"].pk, "limit": "2", "locale": "nb"})

    query = f"seksjon={places['oslo'].pk}"
    assert data["meta"]["calendar_url"] == f"http://localhost/arrangementer/?{query}"
    assert data["meta"]["ical_url"] == f"http://localhost/arrangementer/ical/?{query}"
    feed = client.get(data["meta"]["ical_url"])
    assert feed.status_code == 200
    assert b"Norskkurs Oslo" in feed.content


def test_events_are_paginated_with_limit_and_offset(client, fixed_events):
    everything = occurrences(get(client, EVENTS))
    assert len(everything) == 6

    data = get(client, EVENTS, {"limit": "2", "offset": "3"})

    assert occurrences(data) == everything[3:5]
    meta = data["meta"]
    assert (meta["total_count"], meta["limit"], meta["offset"]) == (6, 2, 3)
    assert get(client, EVENTS, {"offset": "6"})["items"] == []
    assert get(client, EVENTS, {"offset": "1000000"})["meta"]["total_count"] == 6
    assert len(get(client, EVENTS, {"limit": "100"})["items"]) == 6


@pytest.mark.parametrize(
    "params",
    [
        {"kategori": "finnes-ikke"},
        {"seksjon": "999999"},
        {"seksjon": "1" + "0" * 20},
        {"seksjon": "abc"},
        {"sprak": "xx"},
        {"malgruppe": "volunteers"},
        {"periode": "ar"},
        {"fra": "2026-13-45"},
        {"til": "i-morgen"},
        {"fra": "99999-01-01"},
        {"fra": f"{YEAR}-05-01", "til": f"{YEAR}-04-01"},
        {"q": "a" * 10_000},
        {"limit": "-1"},
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "1" + "0" * 20},
        {"limit": "9" * 10_000},
        {"limit": "2.5"},
        {"limit": "½"},
        {"limit": "²"},
        {"offset": "-1"},
        {"offset": "1" + "0" * 20},
        {"offset": "abc"},
        {"locale": "xx"},
        {"locale": "e" * 10_000},
        {"side": "2"},
        {"section": "3"},
        {"fields": "*"},
    ],
)
def test_bad_input_gives_400_with_a_message(client, fixed_events, params):
    data = get(client, EVENTS, params, status=400)

    assert data["message"]


def test_filter_errors_name_the_filter(client, fixed_events):
    data = get(client, EVENTS, {"kategori": "finnes-ikke", "q": "a" * 300}, status=400)

    assert set(data["errors"]) == {"kategori", "q"}


def test_far_dates_are_clamped_as_in_the_calendar(client, fixed_events):
    assert get(client, EVENTS, {"fra": "0001-01-01"})["meta"]["total_count"] == 6
    assert get(client, EVENTS, {"til": "9999-12-31"})["meta"]["total_count"] == 6
    assert get(client, EVENTS, {"fra": "9999-12-31"})["items"] == []


def test_events_api_is_read_only_and_readable_from_another_site(client, fixed_events):
    before = EventOccurrence.objects.count()
    strict = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(strict, method)(EVENTS, "{}", content_type="application/json")
        assert response.status_code == 405, method
    assert EventOccurrence.objects.count() == before

    response = client.get(EVENTS, HTTP_ORIGIN="https://www.nordrefollo.kommune.no")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.head(EVENTS)["Access-Control-Allow-Origin"] == "*"
    # An error is readable too, so the other site can show why.
    assert client.get(EVENTS, {"limit": "-1"})["Access-Control-Allow-Origin"] == "*"


def test_no_calendar_no_events(client, places):
    EventFactory(section=places["oslo"])

    data = get(client, EVENTS, status=404)

    assert data["message"]


def test_events_api_ignores_the_session(client, fixed_events, superuser):
    anonymous = get(client, EVENTS, {"limit": "100"})
    client.force_login(superuser)

    assert get(client, EVENTS, {"limit": "100"}) == anonymous


def test_query_count_is_flat_from_3_to_30_occurrences(client, places, calendar, english):
    sections = [places[name] for name in ("oslo", "stovner", "follo", "association", "ostfold")]
    for section in sections:
        translation = section.copy_for_translation(english)
        translation.save_revision().publish()

    def make(count):
        for number in range(count):
            start = datetime.datetime(YEAR, 3, 1 + number % 28, 18, tzinfo=OSLO)
            event = EventFactory(
                section=sections[number % len(sections)],
                start=start,
                end=start + datetime.timedelta(hours=2),
                languages=[],
            )
            if number % 2:
                translate(event, english, f"Event {number}")

    def count_queries():
        counts = {}
        for params in (
            {"limit": "100"},
            {"limit": "100", "locale": "en"},
            {"limit": "100", "locale": "en", "q": "Event", "seksjon": places["oslo"].pk},
        ):
            client.get(EVENTS, params)  # warm Wagtail's site and locale caches
            with CaptureQueriesContext(connection) as queries:
                data = get(client, EVENTS, params)
            counts[tuple(params.items())] = (len(queries), bool(data["items"]))
        return counts

    make(3)
    small = count_queries()
    make(27)
    assert EventOccurrence.objects.count() == 30

    assert count_queries() == small


def test_pages_query_count_does_not_grow_with_the_restrictions(
    client, home, public_page, django_assert_max_num_queries
):
    def restrict(number):
        page = StandardPageFactory(parent=home, title=f"Lukket {number}", slug=f"lukket-{number}")
        # A groups restriction, like the volunteer areas': Wagtail asks each one.
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name="Frivillige")[0])

    restrict(0)
    get(client, PAGES)  # Wagtail's caches (the site's root paths) filled
    with django_assert_max_num_queries(30) as few:
        get(client, PAGES)
    for number in range(1, 8):
        restrict(number)
    with django_assert_max_num_queries(30) as many:
        data = get(client, PAGES)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert public_page.pk in ids(data)
