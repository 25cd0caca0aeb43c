"""Fixtures of the event tests: sections with their editors, and their events.

Nordre Follo (with its association) and Indre Østfold each have an editors
group with page rights on their section only (these sections are not
provisioned); ``section`` here is one more such municipality, not the root
conftest's maker of provisioned sections. ``as_nf`` and ``as_io`` are clients
logged in as either section's editor. The public calendar's fixed data
(``places``, ``calendar``, ``fixed_events``) is in tests/conftest.py; ``english``
here also translates the front page and the calendar.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from tests.factories import (
    AssociationPageFactory,
    EventFactory,
    MunicipalityPageFactory,
)
from tests.helpers.events import editors_of


@pytest.fixture
def nordre_follo(home):
    return MunicipalityPageFactory(parent=home, title="Nordre Follo", slug="nordre-follo")


@pytest.fixture
def indre_ostfold(home):
    return MunicipalityPageFactory(parent=home, title="Indre Østfold", slug="indre-ostfold")


@pytest.fixture
def section(home):
    """A municipality under the front page, not provisioned."""
    return MunicipalityPageFactory(parent=home)


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
def as_nf(client, nf_editor, events):
    """A client logged in as a Nordre Follo editor, with events in both sections."""
    client.force_login(nf_editor)
    return client


@pytest.fixture
def as_io(client, io_editor, events):
    """A client logged in as an Indre Østfold editor, with events in both sections."""
    client.force_login(io_editor)
    return client


@pytest.fixture
def translator(nf_editor):
    """The Nordre Follo editor, also allowed to submit translations."""
    group = Group.objects.create(name="Oversettere")
    group.permissions.add(Permission.objects.get(codename="submit_translation"))
    nf_editor.groups.add(group)
    return nf_editor


@pytest.fixture
def english(home, calendar):
    """The English locale, with the front page and the calendar translated."""
    english = Locale.objects.get(language_code="en")
    home.copy_for_translation(english).save_revision().publish()
    calendar.copy_for_translation(english).save_revision().publish()
    return english
