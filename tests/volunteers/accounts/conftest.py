"""Fixtures of the login and password tests.

Here ``amina`` is the volunteer's user account, which logs in; elsewhere it is
her profile (tests/helpers/private_area.py).
"""

import pytest


@pytest.fixture
def amina(area, volunteer):
    """The volunteer's user, with the area in place."""
    return volunteer.user


@pytest.fixture
def person(home, member):
    """Amina's account without the area around her: enough for forms that refuse her."""
    return member("frivillig-nordrefollo")
