"""Private files in tests: where a file is, images with renditions, a section's own collection.

A plugin of tests/conftest.py, so its fixtures are there for every test.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import CollectionViewRestriction

from cms.platform.storage import is_private_name
from cms.sections.models import SectionRoles

PNG = b"\x89PNG"
#: The renditions ``make_renditions`` makes.
FILTERS = ("width-400", "fill-320x180", "max-165x165")


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


def make_renditions(image, filters=FILTERS):
    for spec in filters:
        image.get_rendition(spec)
    image.refresh_from_db()
    return image


def file_names(image):
    """The original's and every rendition's file name of ``image``."""
    image.refresh_from_db()
    return [image.file.name] + [rendition.file.name for rendition in image.renditions.all()]


def file_urls(image):
    """The original's and every rendition's URL of ``image``."""
    image.refresh_from_db()
    return [image.file.url] + [rendition.url for rendition in image.renditions.all()]


@pytest.fixture
def private_image_with_renditions(private_image):
    return make_renditions(private_image)


@pytest.fixture
def section_collection(nordre_follo, network):
    """A collection inside Nordre Follo's, private to its editors and coordinators."""
    roles = SectionRoles.objects.get(section=nordre_follo)
    collection = roles.collection.add_child(name="Nordre Follo – internt")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([roles.editors, roles.coordinators])
    return collection


@pytest.fixture
def section_people(nordre_follo, indre_ostfold, member):
    own = SectionRoles.objects.get(section=nordre_follo)
    other = SectionRoles.objects.get(section=indre_ostfold)
    return {
        "own_editor": member("redaktor-nf", own.editors),
        "own_coordinator": member("koordinator-nf", own.coordinators),
        "other_editor": member("redaktor-io", other.editors),
        "other_coordinator": member("koordinator-io", other.coordinators),
    }
