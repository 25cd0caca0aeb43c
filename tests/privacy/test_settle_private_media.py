"""``manage.py settle_private_media``: an older installation's private files leave the media folder.

Before private files had a storage of their own, a training image's original
and renditions, and a training document, sat in ``MEDIA_ROOT`` under plain
names. The command moves them to the private storage (and marked files of
public items back), says what it moved, and ``--check`` only lists them.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.platform.storage import private_name, public_name
from tests.helpers.private_files import (
    assert_nowhere_public,
    assert_private_file,
    assert_public_file,
    media_path,
    new_image,
    private_path,
)

Image = get_image_model()
Document = get_document_model()

FILTERS = ("width-400", "fill-320x180")


# --- Helpers ------------------------------------------------------------------


def put_back(model, pk, name, rename):
    """Store one file under ``rename(name)`` with plain storage calls; no signal is sent."""
    storage = model._meta.get_field("file").storage
    with storage.open(name) as content:
        new_name = storage.save(rename(name), content)
    storage.delete(name)
    model.objects.filter(pk=pk).update(file=new_name)
    return new_name


def put_all_back(image, rename):
    """The image's original and renditions under renamed files; their names, original first."""
    names = [put_back(Image, image.pk, image.file.name, rename)]
    for rendition in image.renditions.order_by("pk"):
        names.append(put_back(type(rendition), rendition.pk, rendition.file.name, rename))
    return names


def file_names(image):
    image.refresh_from_db()
    return [image.file.name] + [r.file.name for r in image.renditions.order_by("pk")]


@pytest.fixture
def settle(committed):
    """Run the command as from a shell, where each move commits; its output."""

    def run(*args):
        out = io.StringIO()
        with committed():
            call_command("settle_private_media", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def old_installation(private_image, training_document):
    """A training image with renditions and a training document where an old installation had them.

    Also a public image, which is where it belongs.
    """
    for spec in FILTERS:
        private_image.get_rendition(spec)
    public = new_image(Collection.get_first_root_node(), "offentlig.png", FILTERS)
    return {
        "image": private_image,
        "image_files": put_all_back(private_image, public_name),
        "document": training_document,
        "document_file": put_back(
            Document, training_document.pk, training_document.file.name, public_name
        ),
        "public": public,
        "public_files": file_names(public),
    }


# --- Tests ----------------------------------------------------------------------------


def test_check_lists_the_misplaced_files_and_moves_nothing(old_installation):
    old = old_installation
    for name in [*old["image_files"], old["document_file"]]:
        assert_public_file(name)

    out = io.StringIO()
    with pytest.raises(SystemExit) as raised:
        call_command("settle_private_media", "--check", stdout=out)

    assert raised.value.code == 1
    output = out.getvalue()
    for name in [*old["image_files"], old["document_file"]]:
        assert name in output
        assert_public_file(name)
    assert file_names(old["image"]) == old["image_files"]
    assert "belongs in the private storage" in output
    assert "4 file(s) of 1 image(s) and 1 document(s)" in output
    assert not any(name in output for name in old["public_files"])


def test_the_command_moves_them_to_the_private_storage_and_says_so(old_installation, settle):
    old = old_installation

    output = settle()

    image_files = file_names(old["image"])
    assert len(image_files) == 1 + len(FILTERS)
    for before, after in zip(old["image_files"], image_files, strict=True):
        assert_private_file(after)
        assert_nowhere_public(after)
        assert not media_path(before).exists()
        assert f"{before} → {after}" in output
    old["document"].refresh_from_db()
    assert_private_file(old["document"].file.name)
    assert f"{old['document_file']} → {old['document'].file.name}" in output
    image = old["image"]
    assert f"image {image.pk} “{image.title}” (" in output
    assert "moved to the private storage" in output
    assert "Moved 4 file(s) of 1 image(s) and 1 document(s)." in output

    # The public image is left alone, and a second run finds nothing.
    assert file_names(old["public"]) == old["public_files"]
    for name in old["public_files"]:
        assert_public_file(name)
        assert name not in output
    assert settle().startswith("Nothing to move")
    assert settle("--check").startswith("Nothing to move")


def test_marked_files_of_a_public_image_go_back_to_the_public_storage(home, settle):
    image = new_image(Collection.get_first_root_node(), "var-privat.png", FILTERS)
    marked = put_all_back(image, private_name)
    for name in marked:
        assert_private_file(name)

    output = settle()

    for before, after in zip(marked, file_names(image), strict=True):
        assert_public_file(after)
        assert not private_path(before).exists()
        assert f"{before} → {after}" in output
    assert "moved to the public storage" in output
    assert "Moved 3 file(s) of 1 image(s) and 0 document(s)." in output
