"""Section editors use their own section's images and documents and the shared "Felles".

Each right is checked from both sides, as an editor meets it: the image and
document listings, the choosers, the edit views and the upload forms, with
another section's collection and "Felles" (choose only) as the other side.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.helpers.sections import (
    Document,
    Image,
    assert_refused,
    collection_of,
    document,
    editors,
    felles,
    image,
    image_upload,
    login,
    offered_collections,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_nf(client, nordre_follo, indre_ostfold, member):
    """Logged in as a Nordre Follo editor, with Indre Østfold provisioned too."""
    return login(client, member("kari", editors(nordre_follo)))


def test_image_listing_with_collection_right(as_nf, nordre_follo):
    image("Ski bibliotek", collection_of(nordre_follo))
    response = as_nf.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Ski bibliotek" in text(response)


def test_image_listing_without_collection_right(as_nf, indre_ostfold):
    image("Askim torg", collection_of(indre_ostfold))
    image("Felles logo", felles())
    response = as_nf.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Askim torg" not in text(response)
    assert "Felles logo" not in text(response)


def test_image_chooser_with_choose_right(as_nf, nordre_follo):
    image("Ski bibliotek", collection_of(nordre_follo))
    image("Felles logo", felles())
    response = as_nf.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "Ski bibliotek" in text(response)
    assert "Felles logo" in text(response)


def test_image_chooser_without_choose_right(as_nf, indre_ostfold):
    image("Askim torg", collection_of(indre_ostfold))
    response = as_nf.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "Askim torg" not in text(response)


def test_edit_image_with_collection_right(as_nf, nordre_follo):
    own = image("Ski bibliotek", collection_of(nordre_follo))
    url = reverse("wagtailimages:edit", args=(own.pk,))
    assert as_nf.get(url).status_code == 200
    response = as_nf.post(
        url, {"title": "Ski bibliotek, inngang", "collection": collection_of(nordre_follo).pk}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Ski bibliotek, inngang"


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_edit_image_without_collection_right(as_nf, indre_ostfold, where):
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    other = image("Askim torg", collection)
    url = reverse("wagtailimages:edit", args=(other.pk,))
    assert_refused(as_nf.get(url))
    assert_refused(as_nf.post(url, {"title": "Overtatt", "collection": collection.pk}))
    other.refresh_from_db()
    assert other.title == "Askim torg"
    assert other.collection == collection


def test_upload_image_with_collection_right(as_nf, nordre_follo):
    collection = collection_of(nordre_follo)
    response = as_nf.post(
        reverse("wagtailimages:add"),
        {"title": "Kurs i Ski", "file": image_upload(), "collection": collection.pk},
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Kurs i Ski").collection == collection


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_upload_image_without_collection_right(as_nf, nordre_follo, indre_ostfold, where):
    """The form offers no other collection; a forged choice still lands in her own."""
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    form = as_nf.get(reverse("wagtailimages:add")).context["form"]
    assert collection not in offered_collections(form)

    as_nf.post(
        reverse("wagtailimages:add"),
        {"title": "Kurs i Ski", "file": image_upload(), "collection": collection.pk},
    )
    assert not Image.objects.filter(collection=collection).exists()
    assert set(Image.objects.values_list("collection", flat=True)) <= {
        collection_of(nordre_follo).pk
    }


def test_document_listing_with_collection_right(as_nf, nordre_follo):
    document("Referat Ski", collection_of(nordre_follo))
    response = as_nf.get(reverse("wagtaildocs:index"))
    assert response.status_code == 200
    assert "Referat Ski" in text(response)


def test_document_listing_without_collection_right(as_nf, indre_ostfold):
    document("Referat Askim", collection_of(indre_ostfold))
    document("Felles vedtekter", felles())
    response = as_nf.get(reverse("wagtaildocs:index"))
    assert response.status_code == 200
    assert "Referat Askim" not in text(response)
    assert "Felles vedtekter" not in text(response)


def test_document_chooser_with_choose_right(as_nf, nordre_follo):
    document("Referat Ski", collection_of(nordre_follo))
    document("Felles vedtekter", felles())
    response = as_nf.get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert "Referat Ski" in text(response)
    assert "Felles vedtekter" in text(response)


def test_document_chooser_without_choose_right(as_nf, indre_ostfold):
    document("Referat Askim", collection_of(indre_ostfold))
    response = as_nf.get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert "Referat Askim" not in text(response)


def test_edit_document_with_collection_right(as_nf, nordre_follo):
    own = document("Referat Ski", collection_of(nordre_follo))
    url = reverse("wagtaildocs:edit", args=(own.pk,))
    assert as_nf.get(url).status_code == 200
    response = as_nf.post(
        url, {"title": "Referat Ski, mars", "collection": collection_of(nordre_follo).pk}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Referat Ski, mars"


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_edit_document_without_collection_right(as_nf, indre_ostfold, where):
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    other = document("Referat Askim", collection)
    url = reverse("wagtaildocs:edit", args=(other.pk,))
    assert_refused(as_nf.get(url))
    assert_refused(as_nf.post(url, {"title": "Overtatt", "collection": collection.pk}))
    other.refresh_from_db()
    assert other.title == "Referat Askim"
    assert other.collection == collection


def test_upload_document_with_collection_right(as_nf, nordre_follo):
    collection = collection_of(nordre_follo)
    upload = SimpleUploadedFile("referat.txt", b"Referat fra mars.")
    response = as_nf.post(
        reverse("wagtaildocs:add"),
        {"title": "Referat mars", "file": upload, "collection": collection.pk},
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Referat mars").collection == collection


@pytest.mark.parametrize("where", ["other section", "Felles"])
def test_upload_document_without_collection_right(as_nf, nordre_follo, indre_ostfold, where):
    """The form offers no other collection; a forged choice still lands in her own."""
    collection = collection_of(indre_ostfold) if where == "other section" else felles()
    form = as_nf.get(reverse("wagtaildocs:add")).context["form"]
    assert collection not in offered_collections(form)

    upload = SimpleUploadedFile("referat.txt", b"Referat fra mars.")
    as_nf.post(
        reverse("wagtaildocs:add"),
        {"title": "Referat mars", "file": upload, "collection": collection.pk},
    )
    assert not Document.objects.filter(collection=collection).exists()
    assert set(Document.objects.values_list("collection", flat=True)) <= {
        collection_of(nordre_follo).pk
    }
