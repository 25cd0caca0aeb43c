"""The training documents and images reach the volunteer area's audience only (``cms.privacy``).

A private document's URL, under any file name, gives the bytes to the audience
only and never to a cache; the development server's media route serves image
renditions and nothing else; a private image is shown through the area's
checked route, in its one size, and a public page, news article or event that
uses it does not make it public.
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
    route,
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


def test_private_image_is_shown_through_the_checked_route_only(
    client, area_with_image, private_image, volunteer
):
    response = login(client, volunteer.user).get(area_with_image.url)
    assert response.status_code == 200
    html = text(response)
    assert f"/frivillig/bilde/{private_image.pk}/width-960/" in html
    stem = os.path.splitext(os.path.basename(private_image.file.name))[0]
    assert f"/media/images/{stem}" not in html
    assert "/media/original_images/" not in html
    for rendition in private_image.renditions.all():
        assert rendition.file.name not in html


def test_private_image_route_serves_the_audience_only(
    client, area_with_image, private_image, volunteer, outsider
):
    url = route(area_with_image, "image", private_image.pk, "width-960")

    response = client.get(url)
    assert_sent_to_login(response)
    assert not body(response).startswith(b"\x89PNG")

    response = login(client, outsider).get(url)
    assert response.status_code == 403
    assert not body(response).startswith(b"\x89PNG")

    response = login(client, volunteer.user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)


def test_private_image_route_refuses_other_filters(client, area, private_image, volunteer):
    login(client, volunteer.user)
    for spec in ("width-5000", "fill-1x1", "original", "width-400.png", "x", "max-4000x4000"):
        response = client.get(route(area, "image", private_image.pk, spec))
        assert response.status_code == 404, spec
        assert not private_image.renditions.filter(filter_spec=spec).exists()


def test_private_image_route_does_not_serve_public_images(client, area, volunteer):
    image = public_image()
    response = login(client, volunteer.user).get(route(area, "image", image.pk, "width-400"))
    assert response.status_code == 404
    response = login(client, volunteer.user).get(route(area, "image", 999_999, "width-400"))
    assert response.status_code == 404


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
    # Whatever address the page gives the image refuses the visitor.
    src = route(area, "image", private_image.pk, "width-960")
    if src in text(response):
        assert_sent_to_login(client.get(src))


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
