"""Private images and documents never become public files (``cms.privacy.media``).

The original and every rendition of an image in a restricted collection live
in the private storage (``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``) and
reach only who may see them, through ``/private-media/``; anonymous visitors,
logged-in outsiders and members of other sections get a 404 for each of them
and for the public address the file had before.
"""

import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.platform.storage import PRIVATE_MARK, is_private_name
from cms.privacy import restrictions
from cms.privacy.serving import check_serve_mode
from cms.sections.models import SectionRoles
from tests.helpers.privacy import assert_uncacheable, body, login
from tests.helpers.private_files import (
    FILTERS,
    PNG,
    assert_private_file,
    assert_public_file,
    file_urls,
    make_renditions,
    media_path,
    new_image,
    private_path,
)

Image = get_image_model()
Document = get_document_model()


# --- Helpers ------------------------------------------------------------------


def assert_served(response):
    assert response.status_code == 200
    assert body(response).startswith(PNG)
    assert response["Content-Type"] == "image/png"
    assert_uncacheable(response)
    assert response["X-Content-Type-Options"] == "nosniff"


def assert_refused(response):
    assert response.status_code == 404
    assert not body(response).startswith(PNG)
    assert_uncacheable(response)


# --- 1. Where the files are -------------------------------------------------------------


def test_private_image_and_its_renditions_live_outside_media_root(private_image_with_renditions):
    image = private_image_with_renditions
    assert_private_file(image.file.name)
    assert image.renditions.count() == len(FILTERS)
    for rendition in image.renditions.all():
        assert_private_file(rendition.file.name)
    for url in file_urls(image):
        assert url.startswith("/private-media/"), url


def test_public_image_keeps_fast_public_renditions(home):
    image = make_renditions(new_image(Collection.get_first_root_node()))
    assert_public_file(image.file.name)
    for rendition in image.renditions.all():
        assert_public_file(rendition.file.name)
        assert rendition.url.startswith("/media/images/")


def test_an_upload_into_a_private_collection_is_private_from_its_first_byte(area, settings):
    # The file is uploaded with the image (not stored first): it is named private
    # before it is written, and MEDIA_ROOT never holds it.
    image = new_image(restrictions.training_collection(), filename="fra-opplaering.png")
    assert image.file.name == "original_images/~fra-opplaering.png"
    assert_private_file(image.file.name)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*fra-opplaering*"))


def test_an_uploaded_name_cannot_forge_the_mark(home):
    image = new_image(Collection.get_first_root_node(), filename="~lurt.png")
    assert_public_file(image.file.name)
    assert image.file.name == "original_images/lurt.png"


def test_private_document_lives_outside_media_root_under_its_own_name(training_document):
    training_document.refresh_from_db()
    name = training_document.file.name
    assert name.startswith("documents/~/rollen-som-bydelsmor")  # (a suffix if the name was taken)
    assert_private_file(name)
    # Readers see the name the document was given, in its address and download.
    assert training_document.filename == os.path.basename(name)
    assert training_document.filename.startswith("rollen-som-bydelsmor")
    assert training_document.url.endswith(f"/{training_document.filename}")


# --- 2. Who gets them ---------------------------------------------------------------------


def test_a_member_gets_the_original_and_every_rendition(
    client, private_image_with_renditions, volunteer
):
    login(client, volunteer.user)
    for url in file_urls(private_image_with_renditions):
        assert_served(client.get(url))


def test_anonymous_and_outsiders_get_404_for_every_file(
    client, private_image_with_renditions, outsider
):
    urls = file_urls(private_image_with_renditions)
    for url in urls:
        assert_refused(client.get(url))
    login(client, outsider)
    for url in urls:
        assert_refused(client.get(url))


def test_a_section_collection_is_for_that_section_only(
    client, section_collection, section_people, volunteer, superuser
):
    image = make_renditions(new_image(section_collection, "styremote.png"))
    assert_private_file(image.file.name)
    urls = file_urls(image)
    for name in ("own_editor", "own_coordinator"):
        client.logout()
        login(client, section_people[name])
        for url in urls:
            assert_served(client.get(url))
    login(client, superuser)
    assert_served(client.get(urls[-1]))
    for user in (
        section_people["other_editor"],
        section_people["other_coordinator"],
        volunteer.user,
    ):
        client.logout()
        login(client, user)
        for url in urls:
            assert_refused(client.get(url))


def test_no_other_name_under_private_media_gives_anything(client, private_image, superuser):
    login(client, superuser)
    name = private_image.file.name
    for path in (
        name.replace(PRIVATE_MARK, ""),  # the public twin of the name
        f"{name}x",
        "original_images/",
        f"../{name}",
        f"images/{PRIVATE_MARK}finnes-ikke.png",
        "..%2F..%2Fetc%2Fpasswd",
    ):
        response = client.get(f"/private-media/{path}")
        assert response.status_code == 404, path
        assert not body(response).startswith(PNG)


def test_private_media_answers_get_and_head_only(client, private_image, superuser):
    login(client, superuser)
    url = private_image.file.url
    assert client.head(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 405
    assert private_path(private_image.file.name).is_file()


def test_private_document_file_is_an_attachment_for_its_audience(
    client, training_document, volunteer
):
    url = training_document.file.url
    assert url.startswith("/private-media/documents/")
    assert client.get(url).status_code == 404
    response = login(client, volunteer.user).get(url)
    assert response.status_code == 200
    assert body(response) == b"Privat opplaering"
    assert response["Content-Disposition"] == "attachment"
    assert_uncacheable(response)
    # The document's own address keeps working for her.
    assert client.get(training_document.url).status_code == 200


# --- 3. Delivery by the web server ---------------------------------------------------------


def test_nginx_sends_the_file_after_the_check(client, private_image, volunteer, settings):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    url = private_image.file.url
    response = client.get(url)
    assert_refused(response)
    assert "X-Accel-Redirect" not in response

    response = login(client, volunteer.user).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private-media/{private_image.file.name}"
    assert body(response) == b""
    assert_uncacheable(response)


def test_x_sendfile_names_the_private_path(client, private_image, volunteer, settings):
    settings.PRIVATE_MEDIA_SERVE = "x-sendfile"
    response = login(client, volunteer.user).get(private_image.file.url)
    assert response["X-Sendfile"] == str(private_path(private_image.file.name))
    assert body(response) == b""


# --- 4. Moving between collections -------------------------------------------------------


@pytest.mark.urls("tests.privacy.media_urls")  # the web server's /media/images/, as in development
def test_moving_an_image_into_a_private_collection_moves_its_files_at_once(
    client, area, volunteer, committed
):
    image = make_renditions(new_image(Collection.get_first_root_node(), "flyttes.png"))
    old_urls = file_urls(image)
    old_names = [image.file.name] + [r.file.name for r in image.renditions.all()]
    for url in old_urls[1:]:
        assert url.startswith("/media/images/")
        assert body(client.get(url)).startswith(PNG)

    with committed():
        image.collection = restrictions.training_collection()
        image.save()

    image.refresh_from_db()
    assert_private_file(image.file.name)
    assert image.renditions.count() == len(FILTERS)
    for rendition in image.renditions.all():
        assert_private_file(rendition.file.name)
    for name in old_names:
        assert not media_path(name).exists(), name
    for url in file_urls(image):
        assert_refused(client.get(url))
    # The old public addresses give nothing, to a visitor or a member.
    for url in old_urls[1:]:
        assert client.get(url).status_code == 404
    login(client, volunteer.user)
    for url in old_urls[1:]:
        assert client.get(url).status_code == 404
    assert all(body(client.get(url)).startswith(PNG) for url in file_urls(image))


def test_moving_an_image_out_of_a_private_collection_makes_it_public(
    client, private_image_with_renditions, committed
):
    image = private_image_with_renditions
    old = [image.file.name] + [r.file.name for r in image.renditions.all()]
    with committed():
        image.collection = Collection.get_first_root_node()
        image.save()
    image.refresh_from_db()
    assert_public_file(image.file.name)
    for rendition in image.renditions.all():
        assert_public_file(rendition.file.name)
        assert rendition.url.startswith("/media/images/")
    for name in old:
        assert not private_path(name).exists(), name
    # The private addresses are gone; the public ones are for the web server.
    assert all(client.get(f"/private-media/{name}").status_code == 404 for name in old)


def test_making_a_collection_private_moves_everything_below_it(client, home, network, committed):
    roles = SectionRoles.objects.get(section__title="Nordre Follo")
    below = roles.collection.add_child(name="Bilder fra kurset")
    images = [make_renditions(new_image(below, f"kurs-{n}.png")) for n in range(2)]
    document = Document(title="Program", collection=below)
    document.file.save("program.txt", ContentFile(b"Program"), save=False)
    document.save()
    assert_public_file(document.file.name)

    with committed():
        restriction = CollectionViewRestriction.objects.create(
            collection=roles.collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    for image in images:
        image.refresh_from_db()
        assert_private_file(image.file.name)
        for rendition in image.renditions.all():
            assert_private_file(rendition.file.name)
    document.refresh_from_db()
    assert_private_file(document.file.name)

    with committed():
        restriction.delete()
    for image in images:
        image.refresh_from_db()
        assert_public_file(image.file.name)
    document.refresh_from_db()
    assert_public_file(document.file.name)


def test_moving_a_collection_under_a_private_one_moves_its_files(area, home, committed):
    collection = Collection.get_first_root_node().add_child(name="Løse bilder")
    image = make_renditions(new_image(collection, "lost.png"))
    with committed():
        collection.move(restrictions.training_collection(), "sorted-child")
    image.refresh_from_db()
    assert_private_file(image.file.name)
    for rendition in image.renditions.all():
        assert_private_file(rendition.file.name)


def test_serving_a_private_file_costs_the_same_queries_however_many_there_are(
    client, area, volunteer, django_assert_num_queries
):
    training = restrictions.training_collection()
    first = make_renditions(new_image(training, "en.png"))
    login(client, volunteer.user)
    url = first.renditions.first().url
    assert client.get(url).status_code == 200  # the session and user read once
    with django_assert_num_queries(6) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        make_renditions(new_image(training, f"flere-{n}.png"))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_same_image_moved_out_and_back_in_keeps_its_files(client, area, volunteer, committed):
    """An editor's form saves one object twice: the second save keeps the names the first gave."""
    image = make_renditions(new_image(restrictions.training_collection(), "frem-og-tilbake.png"))
    for collection in (Collection.get_first_root_node(), restrictions.training_collection()) * 2:
        with committed():
            image.collection = collection
            image.save()
        stored = Image.objects.get(pk=image.pk)
        assert stored.file.name == image.file.name
        storage_root = private_path if is_private_name(image.file.name) else media_path
        assert storage_root(image.file.name).is_file()
        assert len(stored.renditions.all()) == len(FILTERS)
    assert_private_file(image.file.name)
    login(client, volunteer.user)
    for url in file_urls(image):
        assert_served(client.get(url))


def test_an_unknown_way_to_hand_files_over_stops_the_start(settings):
    settings.PRIVATE_MEDIA_SERVE = "x-accel"
    (error,) = check_serve_mode()
    assert error.id == "cms.E110"
    assert "x-accel-redirect" in error.hint
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    assert check_serve_mode() == []
