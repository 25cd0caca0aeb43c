"""Fixtures of the sections' tests: the people of Nordre Follo and the network.

A national editor, Nordre Follo's coordinator and editor (logged in as
``as_coordinator``), an editor of Indre Østfold, and an association below
Nordre Follo, provisioned as saving it does.
"""

import pytest

from cms.core.groups import NATIONAL_EDITORS
from tests.factories import AssociationPageFactory
from tests.helpers.sections import (
    coordinators,
    editors,
    login,
)


@pytest.fixture
def national(network, member):
    return member("nasjonal", network[NATIONAL_EDITORS])


@pytest.fixture
def association(section, nordre_follo):
    return section("Bydelsmødre i Follo", nordre_follo, AssociationPageFactory)


@pytest.fixture
def coordinator(nordre_follo, member):
    return member("koordinator", coordinators(nordre_follo))


@pytest.fixture
def nf_editor(nordre_follo, member):
    return member("redaktor", editors(nordre_follo))


@pytest.fixture
def io_editor(indre_ostfold, member):
    return member("askim", editors(indre_ostfold))


@pytest.fixture
def as_coordinator(client, coordinator):
    return login(client, coordinator)
