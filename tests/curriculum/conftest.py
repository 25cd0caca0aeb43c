"""Fixtures of the curriculum tests: two named volunteers and the editors who are not coordinators.

Amina in Nordre Follo and Hawa in Indre Østfold, with names to look for, an
editor of Nordre Follo who is not its coordinator, and a national editor.
"""

import pytest

from cms.core.groups import NATIONAL_EDITORS
from cms.sections.models import SectionRoles
from tests.helpers.training import name


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
