"""Every page type renders, with its optional fields empty and filled."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.platform import pagecache
from tests.factories import (
    AssociationPageFactory,
    MunicipalityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SpokenLanguageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return Image.objects.create(
        title="Samling", description="Kvinner rundt et bord", file=get_test_image_file()
    )


def full_body(image):
    return [
        ("heading", {"text": "Hva gjør vi?", "level": "h2"}),
        ("paragraph", RichText("<p>Vi snakker <b>ditt</b> språk.</p>")),
        ("image", {"image": image, "alt_text": "Kvinner rundt et bord", "caption": "Samling"}),
        ("quote", {"quote": "Vi trenger dere.", "attribution": "Ordføreren"}),
        (
            "call_to_action",
            {
                "title": "Bli med",
                "text": "Opplæringen er gratis.",
                "link_label": "Les mer",
                "page": None,
                "url": "https://example.no/bli-med",
            },
        ),
        (
            "contact_card",
            {
                "role": "Helsestasjonen",
                "email": "a@example.no",
                "phone": "69 00 00 00",
                "hours": "",
            },
        ),
    ]


def test_home_page_renders_empty(client, home):
    home.intro = ""
    home.save()
    response = client.get("/")
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_home_page_lists_sections_districts_and_news(client, home):
    oslo = MunicipalityPageFactory(parent=home, title="Oslo")
    MunicipalityPageFactory(parent=oslo, title="Stovner")
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="Første samling i Nordre Follo")
    html = client.get("/").content.decode()
    assert "Oslo" in html
    assert "Stovner" in html
    assert "Første samling i Nordre Follo" in html


def test_municipality_renders_without_optional_fields(client, home):
    page = MunicipalityPageFactory(parent=home, title="Indre Østfold", intro="")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Indre Østfold" in response.content.decode()


def test_municipality_renders_with_every_field(client, home, image):
    page = MunicipalityPageFactory(
        parent=home,
        title="Nordre Follo",
        coordinator_title="Koordinator, Nordre Follo kommune",
        coordinator_email="koordinator@example.no",
        coordinator_phone="64 00 00 00",
        body=full_body(image),
        partners=[("partner", {"name": "NAV Nordre Follo", "description": "Kurs", "url": ""})],
    )
    page.languages.set([SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")])
    page.save()
    MunicipalityPageFactory(parent=page, title="Ski")
    AssociationPageFactory(parent=page, title="Bydelsmødre Nordre Follo")
    html = client.get(page.url).content.decode()
    for text in [
        "Koordinator, Nordre Follo kommune",
        "koordinator@example.no",
        "NAV Nordre Follo",
        "Soomaali",
        "Ski",
        "Bydelsmødre Nordre Follo",
        'alt="Kvinner rundt et bord"',
    ]:
        assert text in html


def test_association_renders_without_and_with_optional_fields(client, home):
    parent = MunicipalityPageFactory(parent=home)
    page = AssociationPageFactory(parent=parent)
    assert client.get(page.url).status_code == 200
    page.org_number = "974760673"
    page.founded = datetime.date(2024, 3, 8)
    page.board_title = "Styreleder"
    page.how_to_join = RichText("<p>Kom på et åpent møte.</p>")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "974 760 673" in html
    assert "Styreleder" in html
    assert "Kom på et åpent møte." in html


def test_standard_page_renders(client, home, image):
    empty = StandardPageFactory(parent=home, intro="")
    assert client.get(empty.url).status_code == 200
    full = StandardPageFactory(parent=home, title="Om oss", body=full_body(image))
    html = client.get(full.url).content.decode()
    assert "Hva gjør vi?" in html
    assert "Ordføreren" in html


def test_news_index_paginates_and_survives_bad_page_numbers(client, home):
    index = NewsIndexPageFactory(parent=home)
    for _ in range(12):
        NewsPageFactory(parent=index)
    assert client.get(index.url).status_code == 200
    for bad in ["abc", "-1", "0", "99999999999999999999999", "2.5", "%00"]:
        response = client.get(index.url, {"side": bad})
        assert response.status_code == 200, bad
    empty = NewsIndexPageFactory(parent=MunicipalityPageFactory(parent=home))
    assert client.get(empty.url).status_code == 200


def test_news_page_renders_with_and_without_image(client, home, image):
    index = NewsIndexPageFactory(parent=home)
    plain = NewsPageFactory(parent=index, intro="")
    assert client.get(plain.url).status_code == 200
    with_image = NewsPageFactory(parent=index, image=image, body=full_body(image))
    html = client.get(with_image.url).content.decode()
    assert 'width="' in html and 'height="' in html


def test_front_page_query_count_is_flat(client, home):
    """Adding sections, districts and news adds no queries per item.

    Measured twice at each size: right after a change (the chrome is read
    anew, ``cms.navigation.chrome``) and on the next request (it is kept).
    """

    def counts():
        pagecache.content.renew()  # as any edit does
        with CaptureQueriesContext(connection) as cold:
            assert client.get("/").status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get("/").status_code == 200
        return len(cold.captured_queries), len(warm.captured_queries)

    news = NewsIndexPageFactory(parent=home)
    for _ in range(2):
        MunicipalityPageFactory(parent=home)
        NewsPageFactory(parent=news)
    client.get("/")  # warm the per-process caches (templates)
    small = counts()
    for _ in range(6):
        section = MunicipalityPageFactory(parent=home)
        MunicipalityPageFactory(parent=section)
        NewsPageFactory(parent=news)
    assert counts() == small


def test_unknown_page_gives_a_friendly_404(client, home):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()
