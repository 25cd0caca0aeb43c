"""Private images and documents on S3 keep the promises they keep on disk.

The same storages as production with a bucket (tests/helpers/s3.py), against
moto's S3 server on 127.0.0.1: private originals, renditions and documents
live under the bucket's ``private/`` prefix and nowhere else; who may see one
is sent to a signed URL that lives a minute, everyone else gets a 404; moving
an image in or out of a private collection moves its objects and deletes the
old ones, so an old public address stops working.

moto refuses an unsigned request that the bucket policy (``renditions/``
open to anyone) and the object's ACL do not allow, as S3 does, so a plain
address of a private object is checked to give nothing; it takes any signed
URL without checking the signature, so the signature's form is checked here.
"""

import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.platform.storage import PRIVATE_MARK
from cms.privacy import restrictions
from tests.helpers.privacy import assert_sent_to_login, assert_uncacheable, body, login
from tests.helpers.private_files import (
    FILTERS,
    PNG,
    file_names,
    file_urls,
    make_renditions,
    new_image,
)
from tests.helpers.s3 import s3_bucket, s3_media, s3_server  # noqa: F401

Image = get_image_model()
Document = get_document_model()


@pytest.fixture(autouse=True)
def s3(s3_media):  # noqa: F811
    """Every test here keeps its media in a bucket, from before its first file."""
    return s3_media


# --- Helpers ------------------------------------------------------------------


def fetch(url):
    """What a browser gets from the bucket at ``url``: (status, bytes)."""
    assert url.startswith("http://127.0.0.1:"), url
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - moto on 127.0.0.1
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def assert_private_objects(s3, names):
    """Each file is kept under ``private/`` only, and its plain address gives nothing."""
    keys = s3.object_keys()
    for name in names:
        assert PRIVATE_MARK in name, name
        assert f"private/{name}" in keys, (name, keys)
        assert name not in keys, name
        assert f"renditions/{name}" not in keys, name
        assert fetch(s3.url(f"private/{name}"))[0] == 403, name


def assert_sent_to_bucket(response, s3, name):
    """A 302 to the bucket's private object ``name``, kept by no shared cache; its bytes."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith(s3.url(f"private/{name}?")), location
    assert_uncacheable(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    status, content = fetch(location)
    assert status == 200, location
    return content


def assert_refused(response):
    assert response.status_code == 404
    assert "Location" not in response
    assert not body(response).startswith(PNG)
    assert_uncacheable(response)


# --- 1. Where the objects are ------------------------------------------------------------


def test_a_private_image_and_its_renditions_are_private_objects(s3, private_image_with_renditions):
    image = private_image_with_renditions
    names = file_names(image)
    assert len(names) == 1 + len(FILTERS)
    assert_private_objects(s3, names)
    assert s3.object_keys() == sorted(f"private/{name}" for name in names)
    for url in file_urls(image):
        assert url.startswith("/private-media/"), url


def test_a_public_image_has_unsigned_renditions_in_the_bucket(s3, home):
    image = make_renditions(new_image(Collection.get_first_root_node(), "apen.png"))
    assert image.file.name == "original_images/apen.png"
    renditions = list(image.renditions.all())
    assert s3.object_keys() == sorted(
        ["original_images/apen.png"] + [f"renditions/{r.file.name}" for r in renditions]
    )
    for rendition in renditions:
        assert rendition.url == s3.url(f"renditions/{rendition.file.name}")
        status, content = fetch(rendition.url)
        assert status == 200
        assert content.startswith(PNG)
    # The original stays private in the bucket: Django's views give it.
    assert fetch(s3.url(image.file.name))[0] == 403


# --- 2. Who gets them ----------------------------------------------------------------------


def test_a_member_is_sent_to_a_signed_url_for_the_original_and_every_rendition(
    client, s3, private_image_with_renditions, volunteer
):
    image = private_image_with_renditions
    login(client, volunteer.user)
    for name, url in zip(file_names(image), file_urls(image), strict=True):
        assert url == f"/private-media/{name}"
        assert assert_sent_to_bucket(client.get(url), s3, name).startswith(PNG)


def test_the_signed_url_is_sigv4_and_lives_a_minute(client, s3, private_image, volunteer):
    response = login(client, volunteer.user).get(private_image.file.url)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Signature"]


def test_anonymous_and_outsiders_get_404_and_no_address(
    client, private_image_with_renditions, outsider
):
    urls = file_urls(private_image_with_renditions)
    for url in urls:
        assert_refused(client.get(url))
    login(client, outsider)
    for url in urls:
        assert_refused(client.get(url))


def test_a_section_collection_is_for_that_section_only(
    client, s3, section_collection, section_people, volunteer
):
    image = make_renditions(new_image(section_collection, "styremote.png"))
    names = file_names(image)
    assert_private_objects(s3, names)
    for person in ("own_editor", "own_coordinator"):
        client.logout()
        login(client, section_people[person])
        for name, url in zip(names, file_urls(image), strict=True):
            assert assert_sent_to_bucket(client.get(url), s3, name).startswith(PNG)
    for user in (
        section_people["other_editor"],
        section_people["other_coordinator"],
        volunteer.user,
    ):
        client.logout()
        login(client, user)
        for url in file_urls(image):
            assert_refused(client.get(url))


# --- 3. Moving between collections -------------------------------------------------------


def test_moving_an_image_into_a_private_collection_deletes_its_public_objects(
    client, s3, area, committed
):
    image = make_renditions(new_image(Collection.get_first_root_node(), "flyttes.png"))
    old_keys = s3.object_keys()
    old_rendition_urls = file_urls(image)[1:]
    assert all(fetch(url)[0] == 200 for url in old_rendition_urls)

    with committed():
        image.collection = restrictions.training_collection()
        image.save()

    names = file_names(image)
    assert len(names) == 1 + len(FILTERS)
    assert_private_objects(s3, names)
    assert s3.object_keys() == sorted(f"private/{name}" for name in names)
    assert not set(old_keys) & set(s3.object_keys())
    for url in old_rendition_urls:
        status, content = fetch(url)
        assert status == 404, url
        assert b"NoSuchKey" in content
    for url in file_urls(image):
        assert_refused(client.get(url))


def test_moving_an_image_out_of_a_private_collection_makes_its_objects_public(
    client, s3, private_image_with_renditions, volunteer, committed
):
    image = private_image_with_renditions
    private_keys = s3.object_keys()
    with committed():
        image.collection = Collection.get_first_root_node()
        image.save()

    image.refresh_from_db()
    renditions = list(image.renditions.all())
    assert len(renditions) == len(FILTERS)
    assert image.file.name == "original_images/samling-privat.png"
    assert s3.object_keys() == sorted(
        [image.file.name] + [f"renditions/{r.file.name}" for r in renditions]
    )
    assert not any(key.startswith("private/") for key in s3.object_keys())
    for rendition in renditions:
        assert PRIVATE_MARK not in rendition.file.name
        assert rendition.url == s3.url(f"renditions/{rendition.file.name}")
        status, content = fetch(rendition.url)
        assert status == 200
        assert content.startswith(PNG)
    # The private addresses lead nowhere now, even for a member.
    login(client, volunteer.user)
    for key in private_keys:
        assert_refused(client.get(f"/private-media/{key.removeprefix('private/')}"))


# --- 4. Documents ----------------------------------------------------------------------------


def new_document(collection, filename, content):
    """A document uploaded into ``collection``, as the admin's upload form saves it."""
    return Document.objects.create(
        title="Hefte", collection=collection, file=ContentFile(content, name=filename)
    )


def test_a_private_document_is_a_private_object_its_address_still_serves(
    client, s3, area, volunteer
):
    document = new_document(restrictions.training_collection(), "hefte.txt", b"Privat hefte")
    name = document.file.name
    assert name.startswith("documents/"), name
    assert s3.object_keys() == [f"private/{name}"]
    assert_private_objects(s3, [name])
    # Readers know it by its own name, mark or not.
    assert document.url == f"/documents/{document.pk}/hefte.txt"

    assert_sent_to_login(client.get(document.url))
    assert_refused(client.get(document.file.url))

    login(client, volunteer.user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == b"Privat hefte"
    assert_uncacheable(response)
    assert assert_sent_to_bucket(client.get(document.file.url), s3, name) == b"Privat hefte"


def test_a_public_document_stays_out_of_the_private_prefix(s3, home):
    document = new_document(Collection.get_first_root_node(), "program.txt", b"Program")
    assert s3.object_keys() == ["documents/program.txt"]
    # Like an original, it reaches readers through Django's view only.
    assert fetch(s3.url(document.file.name))[0] == 403
