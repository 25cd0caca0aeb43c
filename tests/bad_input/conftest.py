"""The content every surface lists, a section editor, and an event made of hostile text."""

import pytest
from django.core.files.base import ContentFile
from wagtail.images.tests.utils import get_test_image_file

from tests.bad_input.surfaces import Document, Image
from tests.factories import (
    CurriculumModuleFactory,
    EventFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SpokenLanguageFactory,
)
from tests.helpers.events import at
from tests.helpers.hostile import HOSTILE, IMG, SCRIPT
from tests.helpers.sections import editors


@pytest.fixture
def content(home, network, nordre_follo, area, calendar):
    """A bit of what every surface lists: events, news, a module, an image, a document."""
    SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")
    event = EventFactory(section=nordre_follo, title="Temakveld om helse")
    EventFactory(section=nordre_follo, title="Norskkurs", live=False)
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="Nyhet fra Nordre Follo")
    module = CurriculumModuleFactory()
    Image.objects.create(title="Samling", file=get_test_image_file())
    document = Document(title="Hefte")
    document.file.save("hefte.txt", ContentFile(b"Hefte"), save=False)
    document.save()
    return {
        "home": home.pk,
        "section": nordre_follo.pk,
        "event": event.pk,
        "module": module.pk,
        "document": document.pk,
        "filename": document.filename,
    }


@pytest.fixture
def section_editor(nordre_follo, member):
    return member("kari", editors(nordre_follo))


@pytest.fixture
def hostile_event(nordre_follo, calendar):
    """An event in Nordre Follo whose title, place, address and image title carry markup."""
    image = Image.objects.create(title=HOSTILE, file=get_test_image_file())
    return EventFactory(
        section=nordre_follo,
        start=at(3, 3),
        end=at(3, 3, 20),
        title=HOSTILE,
        place_name=f"Kafé {IMG}",
        address=f"Storgata 1 {SCRIPT}",
        registration_info=SCRIPT,
        description="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        image=image,
    )
