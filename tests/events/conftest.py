"""Fixtures of the event tests: sections with their editors, and a calendar with events.

Nordre Follo (with its association) and Indre Østfold each have an editors
group with page rights on their section only; ``places`` and
``fixed_events`` are the public calendar's fixed data.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from cms.events.models import Audience, EventStatus
from tests.events.helpers import at, editors_of
from tests.factories import (
    AssociationPageFactory,
    EventCategoryFactory,
    EventFactory,
    EventIndexPageFactory,
    MunicipalityPageFactory,
    SpokenLanguageFactory,
)


@pytest.fixture
def nordre_follo(home):
    return MunicipalityPageFactory(parent=home, title="Nordre Follo", slug="nordre-follo")


@pytest.fixture
def indre_ostfold(home):
    return MunicipalityPageFactory(parent=home, title="Indre Østfold", slug="indre-ostfold")


@pytest.fixture
def association(nordre_follo):
    return AssociationPageFactory(parent=nordre_follo, title="Bydelsmødre Nordre Follo")


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(username, f"{username}@example.no", "x")
        user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def nf_editor(make_user, nordre_follo):
    return make_user("nordre-follo", editors_of(nordre_follo, "Nordre Follo"))


@pytest.fixture
def io_editor(make_user, indre_ostfold):
    return make_user("indre-ostfold", editors_of(indre_ostfold, "Indre Østfold"))


@pytest.fixture
def root_editor(make_user, home):
    return make_user("riks", editors_of(home, "Nasjonalt"))


@pytest.fixture
def no_rights(make_user):
    """An admin user with no page rights at all."""
    group = Group.objects.create(name="Bare innlogging")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return make_user("ingen", group)


@pytest.fixture
def nf_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Temakveld i Ski")


@pytest.fixture
def association_event(association):
    return EventFactory(section=association, title="Årsmøte i foreningen")


@pytest.fixture
def io_event(indre_ostfold):
    return EventFactory(section=indre_ostfold, title="Kurs i Askim")


@pytest.fixture
def events(nf_event, association_event, io_event):
    return nf_event, association_event, io_event


@pytest.fixture
def translator(nf_editor):
    """The Nordre Follo editor, also allowed to submit translations."""
    group = Group.objects.create(name="Oversettere")
    group.permissions.add(Permission.objects.get(codename="submit_translation"))
    nf_editor.groups.add(group)
    return nf_editor


@pytest.fixture
def places(home):
    oslo = MunicipalityPageFactory(parent=home, title="Oslo", slug="oslo")
    stovner = MunicipalityPageFactory(parent=oslo, title="Stovner", slug="stovner")
    follo = MunicipalityPageFactory(parent=home, title="Nordre Follo", slug="nordre-follo")
    association = AssociationPageFactory(parent=follo, title="Bydelsmødre Nordre Follo")
    ostfold = MunicipalityPageFactory(parent=home, title="Indre Østfold", slug="indre-ostfold")
    return {
        "oslo": oslo,
        "stovner": stovner,
        "follo": follo,
        "association": association,
        "ostfold": ostfold,
    }


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def fixed_events(places, calendar):
    somali = SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")
    arabic = SpokenLanguageFactory(code="ar", name="arabisk", name_local="العربية")
    course = EventCategoryFactory(slug="kurs")
    theme = EventCategoryFactory(slug="temakveld")

    def event(title, section, start, category=theme, languages=(), **kwargs):
        return EventFactory(
            title=title,
            section=places[section],
            start=start,
            end=start + datetime.timedelta(hours=2),
            category=category,
            languages=list(languages),
            **kwargs,
        )

    return {
        "helse": event("Temakveld om helse", "stovner", at(3, 2), languages=[somali]),
        "kurs-oslo": event("Norskkurs Oslo", "oslo", at(3, 4), course, [somali, arabic]),
        "kurs-follo": event("Norskkurs Follo", "association", at(3, 10), course, [somali]),
        "skole": event("Skole og hjem", "follo", at(4, 1), languages=[arabic]),
        "mysen": event("Sommerfest Mysen", "ostfold", at(6, 20), course, [somali]),
        "avlyst": event("Avlyst temakveld", "stovner", at(3, 5), status=EventStatus.CANCELLED),
        "frivillige": event(
            "Opplæring for frivillige", "stovner", at(3, 3), audience=Audience.VOLUNTEERS
        ),
        "utkast": event("Utkast til fest", "stovner", at(3, 6), live=False),
    }


@pytest.fixture
def english(home, calendar):
    """The English locale, with the front page and the calendar translated."""
    english = Locale.objects.get(language_code="en")
    home.copy_for_translation(english).save_revision().publish()
    calendar.copy_for_translation(english).save_revision().publish()
    return english
