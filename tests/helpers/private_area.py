"""Fixtures of the private area's tests, in every folder (a plugin of tests/conftest.py).

Amina in Nordre Follo and Hawa in Indre Østfold with names to look for, the
coordinator of each section, an editor of Nordre Follo who is not its
coordinator, a national editor, and a training document and image in the
private collection. Everyone logs in with ``PASSWORD``.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.core.groups import NATIONAL_EDITORS
from cms.curriculum.models import CurriculumMaterial
from cms.privacy import restrictions
from cms.sections.models import SectionRoles
from tests.helpers.training import name

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def amina(volunteer):
    """The Nordre Follo volunteer, with a name to look for."""
    return name(volunteer, "Amina", "Haji")


@pytest.fixture
def hawa(other_volunteer):
    """The Indre Østfold volunteer, with a name to look for."""
    return name(other_volunteer, "Hawa", "Diriye")


@pytest.fixture
def nf_editor(nordre_follo, member):
    """An editor of Nordre Follo who is not its coordinator."""
    return member("redaktor-nordrefollo", SectionRoles.objects.get(section=nordre_follo).editors)


@pytest.fixture
def national_editor(network, member):
    return member("redaksjon", network[NATIONAL_EDITORS])


@pytest.fixture
def coordinator(nordre_follo, member):
    """The coordinator of Nordre Follo."""
    roles = SectionRoles.objects.get(section=nordre_follo)
    return member("koordinator-nordrefollo", roles.coordinators)


@pytest.fixture
def other_coordinator(indre_ostfold, member):
    """The coordinator of Indre Østfold."""
    roles = SectionRoles.objects.get(section=indre_ostfold)
    return member("koordinator-indreostfold", roles.coordinators)


@pytest.fixture
def training_document(area, modules):
    """A handout in the private training collection, attached to the first module."""
    document = Document(
        title="Rollen som bydelsmor – hefte", collection=restrictions.training_collection()
    )
    document.file.save("rollen-som-bydelsmor.txt", ContentFile(b"Privat opplaering"), save=False)
    document.save()
    CurriculumMaterial.objects.create(module=modules[0], document=document)
    return document


@pytest.fixture
def private_image(area):
    """An image in the private training collection."""
    image = Image(
        title="Samling (privat)",
        collection=restrictions.training_collection(),
        file=get_test_image_file(filename="samling-privat.png"),
    )
    image.save()
    return image
