"""The read-only JSON API's pages: the public pages, shown as an anonymous visitor sees the site.

The pages endpoint is Wagtail's (``cms.discovery.api``): whoever asks, it
lists and finds only live public pages, never the private area (in any
locale, even with its restriction lost), drafts, password pages or aliases,
and its fields carry no private or personal data.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from cms.core.groups import VOLUNTEERS
from cms.privacy import restrictions
from cms.translation.trees import sync_translation_trees
from tests.factories import (
    MunicipalityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.helpers.api import PAGES, get, ids

Image = get_image_model()

SECRET = "Hemmelig samling Zebra"


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


def test_search_takes_words_as_the_site_search_does(client, home, public_page):
    get_search_backend().add(public_page)

    for query in ("kvitveisparken", '"kvitveisparken"', "kvitveisparken*!"):
        assert ids(get(client, PAGES, {"search": query})) == [public_page.pk], query
    for operator in ("and", "or"):
        params = {"search": "kvitveisparken", "search_operator": operator}
        assert ids(get(client, PAGES, params)) == [public_page.pk]
    get(client, PAGES, {"search": "om", "search_operator": "xor"}, status=400)
