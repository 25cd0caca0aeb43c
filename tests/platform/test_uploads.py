"""Upload abuse in the admin: programs, disguised files and oversized files get a clear error.

Each refused upload leaves nothing behind: no document or image, no file in
the media folder. Each kind of good file still goes through.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

Document = get_document_model()
Image = get_image_model()

pytestmark = pytest.mark.django_db

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


def docx():
    """A minimal Office Open XML file: a zip, as Word saves it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed date: the bytes name a parametrized test, and pytest-xdist's
        # workers must build the same name, whatever second each collects in.
        entry = zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(entry, "<Types/>")
    return buffer.getvalue()


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Kursmateriell",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def stored_files(settings, folder):
    path = Path(settings.MEDIA_ROOT) / folder
    return sorted(each.name for each in path.rglob("*") if each.is_file())


def form_errors(response):
    assert response.status_code == 200, "refused uploads show the form again"
    form = response.context["form"]
    return [str(error) for error in form.errors.get("file", [])]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kurs.exe", WINDOWS_PROGRAM),  # refused by its extension
        ("kurs.pdf", WINDOWS_PROGRAM),  # a program named as a PDF
        ("kurs.txt", LINUX_PROGRAM),
        ("kurs.docx", b"#!/bin/sh\nrm -rf /\n"),
        ("kurs.pdf", b"<html><script>alert(1)</script></html>"),
        ("kurs.docx", b"%PDF-1.7 not a word file"),
        ("kurs.csv", b"navn;telefon\x00\x00\x00"),
    ],
)
def test_a_program_or_disguised_file_is_refused_with_a_message(
    admin_client, settings, name, content
):
    before = stored_files(settings, "documents")

    errors = form_errors(upload_document(admin_client, name, content))

    assert errors, "the editor is told why"
    assert not Document.objects.exists()
    assert stored_files(settings, "documents") == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kurs.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("kurs.docx", docx()),
        ("kurs.txt", "Referat fra møtet på Kolben.".encode()),
        ("kurs.csv", b"navn;sted\nKari;Ski\n"),
        ("kurs.rtf", b"{\\rtf1\\ansi Hei}"),
    ],
)
def test_a_real_document_is_uploaded(admin_client, name, content):
    response = upload_document(admin_client, name, content)

    assert response.status_code == 302
    assert Document.objects.get().file.read() == content


def test_a_document_above_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # as 200 MB against 20 MB, smaller

    errors = form_errors(upload_document(admin_client, "kurs.pdf", b"%PDF-1.7\n" + b"x" * 2048))

    assert errors
    assert not Document.objects.exists()


def test_replacing_a_documents_file_with_a_program_keeps_the_old_file(admin_client):
    upload_document(admin_client, "kurs.pdf", b"%PDF-1.7 first version")
    document = Document.objects.get()

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Kursmateriell",
            "file": SimpleUploadedFile("kurs.pdf", WINDOWS_PROGRAM),
            "collection": document.collection_id,
        },
    )

    assert form_errors(response)
    document.refresh_from_db()
    assert document.file.read() == b"%PDF-1.7 first version"


def test_the_multiple_upload_refuses_a_program_too(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("kurs.pdf", WINDOWS_PROGRAM)},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("bilde.jpg", WINDOWS_PROGRAM), ("bilde.png", b"<svg onload='alert(1)'/>")],
)
def test_an_image_that_is_not_an_image_is_refused(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Bilde", "file": SimpleUploadedFile(name, content)},
    )

    assert form_errors(response)
    assert not Image.objects.exists()


def test_an_image_above_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    image = get_test_image_file().file.getvalue()

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Bilde", "file": SimpleUploadedFile("bilde.png", image)},
    )

    assert form_errors(response)
    assert not Image.objects.exists()
