"""The training documents and images reach the volunteer area's audience only (``cms.privacy``).

A private document's URL, under any file name, gives the bytes to the audience
only and never to a cache; the development server's media route serves image
renditions and nothing else; a private image is shown by its private
rendition's address, which checks the reader (``cms.privacy.media``), and a
public page, news article or event that uses it does not make it public.
"""

import os

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.helpers.privacy import (
    assert_sent_to_login,
    assert_uncacheable,
    body,
    cache_control,
    login,
    text,
)

Image = get_image_model()

DOCUMENT_BYTES = b"Privat opplaering"


# --- Helpers ------------------------------------------------------------------


def public_image(filename="kurs.png"):
    return Image.objects.create(
        title="Offentlig bilde",
        collection=Collection.get_first_root_node(),
        file=get_test_image_file(filename=filename),
    )


# --- 1. Documents and the media server ---------------------------------------------------


def test_private_document_sends_anonymous_visitors_to_login(client, training_document):
    assert training_document.url.startswith(f"/documents/{training_document.pk}/")
    response = client.get(training_document.url)
    assert_sent_to_login(response)
    assert DOCUMENT_BYTES not in body(response)

    # Any other file name for the same document: never the bytes.
    for url in (
        f"/documents/{training_document.pk}/annet-navn.txt",
        f"/documents/{training_document.pk}/",
        f"/en/documents/{training_document.pk}/rollen-som-bydelsmor.txt",
    ):
        response = client.get(url)
        assert response.status_code != 200, url
        assert DOCUMENT_BYTES not in body(response)


def test_private_document_refuses_an_outsider(client, training_document, outsider):
    response = login(client, outsider).get(training_document.url)
    assert response.status_code == 403
    assert DOCUMENT_BYTES not in body(response)
    assert_uncacheable(response)


def test_volunteer_downloads_the_private_document_uncached(client, training_document, volunteer):
    response = login(client, volunteer.user).get(training_document.url)
    assert response.status_code == 200
    assert DOCUMENT_BYTES in body(response)
    assert_uncacheable(response)


@pytest.mark.urls("tests.privacy.media_urls")
def test_media_server_serves_renditions_only(client, training_document, private_image):
    assert training_document.file.name.startswith("documents/")
    response = client.get(f"/media/{training_document.file.name}")
    assert response.status_code == 404
    assert DOCUMENT_BYTES not in body(response)

    assert private_image.file.name.startswith("original_images/")
    response = client.get(f"/media/{private_image.file.name}")
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")

    rendition_url = public_image().get_rendition("width-400").url
    assert rendition_url.startswith("/media/images/")
    response = client.get(rendition_url)
    assert response.status_code == 200
    assert body(response).startswith(b"\x89PNG")


# --- 2. Private images -----------------------------------------------------------------


@pytest.fixture
def area_with_image(area, private_image):
    area.body = [("image", {"image": private_image, "alt_text": "x", "caption": ""})]
    area.save_revision().publish()
    area.refresh_from_db()
    return area


def test_private_image_is_shown_by_its_private_address_only(
    client, area_with_image, private_image, volunteer
):
    response = login(client, volunteer.user).get(area_with_image.url)
    assert response.status_code == 200
    html = text(response)
    private_image.refresh_from_db()
    rendition = private_image.renditions.get(filter_spec="width-960")
    assert f'src="/private-media/{rendition.file.name}"' in html
    assert "/media/images/" not in html
    assert "/media/original_images/" not in html
    assert private_image.file.name not in html  # the original is never linked

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert body(response).startswith(b"\x89PNG")
    assert_uncacheable(response)


def test_private_image_address_refuses_everyone_else(
    client, area_with_image, private_image, volunteer, outsider
):
    login(client, volunteer.user).get(area_with_image.url)
    client.logout()
    url = private_image.renditions.get(filter_spec="width-960").url

    response = client.get(url)
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")

    response = login(client, outsider).get(url)
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")
    assert "public" not in cache_control(response)


def test_the_old_area_image_route_is_gone(client, area, private_image, volunteer):
    response = login(client, volunteer.user).get(f"{area.url}bilde/{private_image.pk}/width-960/")
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")


def test_rendition_file_names_cannot_be_guessed(area, private_image):
    first, second = public_image("kurs.png"), public_image("kurs.png")
    names = set()
    for image in (first, second, private_image):
        name = image.get_rendition("width-400").file.name
        stem = os.path.splitext(os.path.basename(image.file.name))[0]
        assert name != f"images/{stem}.width-400.png"
        assert name != "images/kurs.width-400.png"
        names.add(name)
    assert len(names) == 3


def _rendition_urls(image):
    return [rendition.url for rendition in image.renditions.all()]


def assert_no_rendition_of(image, html):
    """Neither a rendition nor the original of ``image`` is linked from ``html``."""
    stem = os.path.splitext(os.path.basename(image.file.name))[0]
    assert f"/media/images/{stem}" not in html
    assert image.file.url not in html
    for url in _rendition_urls(image):
        assert url not in html


def test_private_image_in_a_public_page_body_is_not_made_public(client, home, area, private_image):
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    page.body = [("image", {"image": private_image, "alt_text": "x", "caption": ""})]
    page.save_revision().publish()

    response = client.get(page.url)
    assert response.status_code == 200
    assert_no_rendition_of(private_image, text(response))
    assert "/private-media/" not in text(response)


def test_private_image_as_a_public_news_image_is_not_made_public(client, home, area, private_image):
    index = NewsIndexPageFactory(parent=home, title="Aktuelt")
    news = NewsPageFactory(parent=index, title="Åpen nyhet Zebra", image=private_image)
    for url in (news.url, index.url, home.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert news.title in text(response)
        assert_no_rendition_of(private_image, text(response))


def test_private_image_as_a_public_event_image_is_not_made_public(
    client, home, area, nordre_follo, private_image
):
    calendar = EventIndexPageFactory(parent=home)
    event = EventFactory(section=nordre_follo, title="Åpen kveld Zebra", image=private_image)
    for url in (f"{calendar.url}{event.pk}/", calendar.url, home.url, nordre_follo.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_rendition_of(private_image, text(response))
