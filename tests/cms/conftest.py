"""Fixtures for the section roles' tests: sections that provisioned themselves, and people.

The ``db`` fixture runs each test in a transaction that never commits, so
fixtures that rely on saving run the on-commit callbacks themselves
(``committed``).
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from cms import provisioning
from tests.cms.helpers import PASSWORD
from tests.factories import MunicipalityPageFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def section(home, committed):
    """Make a section and let it provision itself, as saving it does."""

    def make(title, parent=None, factory=MunicipalityPageFactory, **kwargs):
        with committed():
            return factory(parent=parent or home, title=title, **kwargs)

    return make


@pytest.fixture
def nordre_follo(section):
    return section("Nordre Follo", slug="nordre-follo")


@pytest.fixture
def indre_ostfold(section):
    return section("Indre Østfold", slug="indre-ostfold")


@pytest.fixture
def member(django_user_model):
    """A new user in the given groups, who logs in with PASSWORD."""

    def make(username, *groups):
        user = django_user_model.objects.create_user(username, f"{username}@example.no", PASSWORD)
        user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def network(nordre_follo, indre_ostfold):
    call_command("provision_sections", stdout=io.StringIO())
    return {
        name: Group.objects.get(name=name)
        for name in (
            provisioning.NATIONAL_EDITORS,
            provisioning.TRANSLATORS,
            provisioning.VOLUNTEERS,
        )
    }
