"""Private images in the admin: uploads, thumbnails, bulk moves and collection privacy.

The admin shows a private image's thumbnail by its private address, which
loads for whoever may see or manage the image and for nobody else; an upload
into a private collection never touches ``MEDIA_ROOT``; Wagtail's bulk "add to
collection" and its collection privacy form move the files like a save does.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import CollectionViewRestriction

from cms.core.groups import NATIONAL_EDITORS
from cms.platform.storage import PRIVATE_MARK
from tests.helpers.privacy import body
from tests.helpers.sections import collection_of, editors, image, login, text

Image = get_image_model()

pytestmark = pytest.mark.django_db

THUMBNAIL = re.compile(r'src="(/(?:private-)?media/images/[^"]+max-165x165[^"]+)"')


@pytest.fixture
def internal(nordre_follo, network):
    """Nordre Follo's internal collection, private to its editors."""
    collection = collection_of(nordre_follo).add_child(name="Nordre Follo – internt")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([editors(nordre_follo)])
    return collection


@pytest.fixture
def people(nordre_follo, indre_ostfold, network, member):
    return {
        "own": member("kari", editors(nordre_follo)),
        "other": member("hawa", editors(indre_ostfold)),
        "national": member("nina", network[NATIONAL_EDITORS]),
    }


def upload(name):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def thumbnails(response):
    return THUMBNAIL.findall(text(response))


def in_media_root(fragment):
    return [path for path in Path(settings.MEDIA_ROOT).rglob(f"*{fragment}*") if path.is_file()]


def test_an_admin_upload_into_a_private_collection_never_touches_media_root(
    client, internal, people
):
    login(client, people["own"])
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Styremøte", "file": upload("styremote-mars.png"), "collection": internal.pk},
    )
    assert response.status_code == 302
    uploaded = Image.objects.get(title="Styremøte")
    assert uploaded.file.name.startswith(f"original_images/{PRIVATE_MARK}")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / uploaded.file.name).is_file()

    listing = client.get(reverse("wagtailimages:index"))
    (src,) = thumbnails(listing)
    assert src.startswith(f"/private-media/images/{PRIVATE_MARK}")
    assert client.get(src).status_code == 200
    assert not in_media_root("styremote-mars")


def test_the_thumbnail_loads_for_the_section_and_national_editors_only(client, internal, people):
    private = image("Styremøte", internal)
    login(client, people["own"])
    (src,) = thumbnails(client.get(reverse("wagtailimages:index")))
    assert body(client.get(src)).startswith(b"\x89PNG")

    # A national editor manages every collection: she sees it, though not in its group.
    client.logout()
    login(client, people["national"])
    assert src in thumbnails(client.get(reverse("wagtailimages:index")))
    assert client.get(src).status_code == 200

    # Another section's editor: not listed, not chosen, and the address gives nothing.
    client.logout()
    login(client, people["other"])
    assert "Styremøte" not in text(client.get(reverse("wagtailimages:index")))
    assert "Styremøte" not in text(client.get(reverse("wagtailimages_chooser:choose")))
    response = client.get(src)
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")
    assert client.get(private.file.url).status_code == 404


def test_bulk_add_to_a_private_collection_moves_the_files(
    client, nordre_follo, internal, people, committed
):
    public = image("Ski bibliotek", collection_of(nordre_follo))
    old = public.get_rendition("max-165x165")
    old_path = Path(settings.MEDIA_ROOT) / old.file.name
    assert old_path.is_file()

    login(client, people["own"])
    url = reverse("wagtail_bulk_action", args=("wagtailimages", "image", "add_to_collection"))
    with committed():
        response = client.post(f"{url}?id={public.pk}", {"collection": internal.pk})
    assert response.status_code == 302

    public.refresh_from_db()
    assert public.collection == internal
    assert public.file.name.startswith(f"original_images/{PRIVATE_MARK}")
    rendition = public.renditions.get()
    assert rendition.file.name.startswith(f"images/{PRIVATE_MARK}")
    assert not old_path.exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / rendition.file.name).is_file()


def test_the_admins_collection_privacy_form_moves_the_files_both_ways(
    client, nordre_follo, superuser, committed
):
    collection = collection_of(nordre_follo)
    pictured = image("Ski bibliotek", collection)
    pictured.get_rendition("max-165x165")
    login(client, superuser)
    url = reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,))

    response = client.post(url, {"restriction_type": "login"})
    assert response.status_code == 200
    pictured.refresh_from_db()
    assert pictured.file.name.startswith(f"original_images/{PRIVATE_MARK}")
    assert pictured.renditions.get().file.name.startswith(f"images/{PRIVATE_MARK}")

    with committed():
        response = client.post(url, {"restriction_type": "none"})
    assert response.status_code == 200
    pictured.refresh_from_db()
    assert not pictured.file.name.startswith(f"original_images/{PRIVATE_MARK}")
    rendition = pictured.renditions.get()
    assert (Path(settings.MEDIA_ROOT) / rendition.file.name).is_file()
    assert rendition.url.startswith("/media/images/")


def test_changing_the_collection_in_the_edit_form_moves_the_files(
    client, nordre_follo, internal, people
):
    pictured = image("Ski bibliotek", collection_of(nordre_follo))
    login(client, people["own"])
    response = client.post(
        reverse("wagtailimages:edit", args=(pictured.pk,)),
        {"title": "Ski bibliotek", "collection": internal.pk},
    )
    assert response.status_code == 302
    pictured.refresh_from_db()
    assert pictured.file.name.startswith(f"original_images/{PRIVATE_MARK}")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / pictured.file.name).is_file()


def test_an_admin_document_upload_into_a_private_collection_is_private(client, internal, people):
    login(client, people["own"])
    upload_file = SimpleUploadedFile("styrereferat-april.txt", b"Referat fra styret", "text/plain")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Styrereferat", "file": upload_file, "collection": internal.pk},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Styrereferat")
    assert document.file.name == f"documents/{PRIVATE_MARK}/styrereferat-april.txt"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).is_file()
    assert not in_media_root("styrereferat-april")

    # Its address, under its own name, gives it to her section, not to another section's editor.
    assert document.url.endswith("/styrereferat-april.txt")
    assert body(client.get(document.url)) == b"Referat fra styret"
    client.logout()
    login(client, people["other"])
    assert body(client.get(document.url)) != b"Referat fra styret"
    assert client.get(document.file.url).status_code == 404
