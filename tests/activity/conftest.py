"""Fixtures of the activity log's tests: languages, entries made directly, the area's addresses."""

import datetime

import pytest
from django.utils import timezone

from cms.activity.models import ActivityEntry, EntryService, EntryTopic
from cms.sections.models import SectionRoles
from tests.factories import SpokenLanguageFactory


@pytest.fixture
def somali(db):
    return SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")


@pytest.fixture
def arabic(db):
    return SpokenLanguageFactory(code="ar", name="arabisk", name_local="العربية")


@pytest.fixture
def amina_speaks(volunteer, somali, arabic):
    """Amina speaks Somali and Arabic (her profile's languages)."""
    volunteer.languages.set([somali, arabic])
    return volunteer


@pytest.fixture
def log_url(area):
    return area.url + area.reverse_subpage("activity")


@pytest.fixture
def make_entry(somali):
    """An entry made directly: ``make_entry(section, user, days_ago=0, **fields)``."""

    def make(
        section, user=None, days_ago=0, topics=("health",), services=(), languages=None, **fields
    ):
        fields.setdefault("kind", "conversation")
        fields.setdefault("people", 1)
        fields.setdefault("minutes", 60)
        entry = ActivityEntry.objects.create(
            section=section,
            volunteer=user,
            date=fields.pop("date", timezone.localdate() - datetime.timedelta(days=days_ago)),
            **fields,
        )
        entry.languages.set(languages or [somali])
        EntryTopic.objects.bulk_create(EntryTopic(entry=entry, topic=topic) for topic in topics)
        EntryService.objects.bulk_create(
            EntryService(entry=entry, service=service) for service in services
        )
        return entry

    return make


@pytest.fixture
def municipality_contact(nordre_follo, member):
    """Nordre Follo municipality's contact: reads the section's report, nothing else."""
    roles = SectionRoles.objects.get(section=nordre_follo)
    return member("kommune-nordrefollo", roles.municipality_contacts)
