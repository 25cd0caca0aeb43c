"""Fixtures of the private area's tests: the area, the programme, volunteers, coordinators.

Two provisioned sections (Nordre Follo and Indre Østfold) with the network
roles, a volunteer area made private the way provisioning does it, four live
modules, and one volunteer and one coordinator per section. Everyone logs in
with ``PASSWORD``.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from cms.curriculum.models import CurriculumMaterial, Theme
from cms.privacy import restrictions
from cms.sections.models import SectionRoles
from tests.cms.helpers import PASSWORD
from tests.factories import (
    CurriculumModuleFactory,
    UserFactory,
    VolunteerAreaPageFactory,
    VolunteerProfileFactory,
)

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def area(home, network, committed):
    """The volunteer area at /frivillig/, private to the audience."""
    with committed():
        area = VolunteerAreaPageFactory(parent=home)
    restrictions.sync_private_area()
    return area


@pytest.fixture
def locales(db):
    """The English and Arabic locales (Norwegian exists already)."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("nb", "en", "ar")
    }


@pytest.fixture
def modules(db):
    """Four live modules; the first three are in the 10-evening programme."""
    return [
        CurriculumModuleFactory(title="Velkommen: hva er en bydelsmor?", theme=Theme.ROLE, order=1),
        CurriculumModuleFactory(
            title="Foreldreskap og barns utvikling", theme=Theme.PARENTHOOD, order=2
        ),
        CurriculumModuleFactory(title="Helse og helsestasjonen", theme=Theme.HEALTH, order=3),
        CurriculumModuleFactory(
            title="Samtalemetodikk: den gode samtalen",
            theme=Theme.METHOD,
            order=4,
            in_short_programme=False,
        ),
    ]


def _volunteer(section, username, **kwargs):
    user = UserFactory(username=username, password=PASSWORD)
    return VolunteerProfileFactory(user=user, section=section, **kwargs)


@pytest.fixture
def volunteer(nordre_follo, network):
    """Amina, a volunteer in Nordre Follo (a VolunteerProfile; ``.user`` logs in)."""
    return _volunteer(nordre_follo, "frivillig-nordrefollo", phone="912 34 567")


@pytest.fixture
def other_volunteer(indre_ostfold, network):
    """Hawa, a volunteer in Indre Østfold."""
    return _volunteer(indre_ostfold, "frivillig-indreostfold", phone="934 56 789")


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
def outsider(member):
    """Logged in, but in no group: not a volunteer, not an editor."""
    return member("nabo")


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
