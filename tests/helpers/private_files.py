"""Where a test finds a media file: the public folder or the private one (cms.platform.storage)."""

import os
from pathlib import Path

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.platform.storage import is_private_name


def media_path(name):
    return Path(settings.MEDIA_ROOT) / name


def private_path(name):
    return Path(settings.PRIVATE_MEDIA_ROOT) / name


def assert_private_file(name):
    """``name`` is a private file, in the private folder and not in the public one."""
    assert is_private_name(name), name
    assert private_path(name).is_file(), name
    assert not media_path(name).exists(), name


def assert_nowhere_public(name):
    """No file of ``name``'s own name, marked or not, is left in the public folder."""
    base = os.path.basename(name).lstrip("~")
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"*{base}")), name


def assert_public_file(name):
    assert not is_private_name(name), name
    assert media_path(name).is_file(), name
    assert not private_path(name).exists(), name


def new_image(collection, filename="bilde.png", filters=()):
    """An image of ``collection`` with a file named ``filename``, and a rendition per filter."""
    image = get_image_model().objects.create(
        title="Bilde", collection=collection, file=get_test_image_file(filename=filename)
    )
    for spec in filters:
        image.get_rendition(spec)
    return image
