"""Uploads that a browser could run are refused, and documents are served so none runs.

SVG and HTML, also disguised as a PDF, a text file, a CSV or a Word file, are
refused as documents and as images, with the editor told why; an image
claiming absurd dimensions is refused from its header, before any decoding;
documents are served with ``nosniff``, a ``default-src 'none'`` policy, and
as attachments unless PDF.
"""

import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ImageFile
from wagtail.models import Collection

from tests.bad_input.surfaces import Document, Image

pytestmark = pytest.mark.django_db


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def png(width, height):
    """A PNG's first bytes claiming ``width`` × ``height`` pixels: a header and no picture."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def upload(admin_client, kind, name, content):
    data = {"title": "Kurs", "file": SimpleUploadedFile(name, content)}
    data["collection"] = Collection.get_first_root_node().pk
    response = admin_client.post(reverse(f"wagtail{kind}:add"), data)
    assert response.status_code == 200, "a refused upload shows the form again"
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kart.svg", SVG),
        ("side.html", HTML),
        ("side.htm", HTML),
        ("kurs.pdf", HTML),
        ("kurs.txt", HTML),
        ("kurs.txt", b"\xef\xbb\xbf  " + SVG),
        ("liste.csv", b'<?xml version="1.0"?>' + SVG),
        ("kurs.docx", b"%PDF-1.7 not a word file"),
        ("kurs.rtf", HTML),
    ],
)
def test_markup_or_a_disguised_document_is_refused(admin_client, name, content):
    assert upload(admin_client, "docs", name, content), "the editor is told why"
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"), [("kart.svg", SVG), ("kart.png", SVG), ("side.jpg", HTML)]
)
def test_svg_or_markup_as_an_image_is_refused(admin_client, name, content):
    assert upload(admin_client, "images", name, content)
    assert not Image.objects.exists()


@pytest.mark.parametrize("size", [(100_000, 100_000), (8_000, 8_000)])
def test_an_image_with_absurd_dimensions_is_refused_before_decoding(
    admin_client, monkeypatch, size
):
    def no_decoding(self):
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)

    errors = upload(admin_client, "images", "kart.png", png(*size))

    assert "pixels" in errors or "piksler" in errors
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [("kurs.pdf", b"%PDF-1.7 test", True), ("kurs.txt", b"Hei", False), ("a.csv", b"a;b", False)],
)
def test_documents_are_served_so_that_no_browser_runs_them(client, name, content, inline):
    document = Document.objects.create(title="Kurs", file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")
