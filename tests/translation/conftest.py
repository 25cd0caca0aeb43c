"""Fixtures of the translation tests: a Somali translator, and a group that may submit translations.

The locales (``english``, ``arabic``, ``somali``) are in tests/conftest.py.
"""

import pytest

from tests.factories import EventFactory
from tests.helpers.translation import language_group


@pytest.fixture
def somali_translator(network, member, somali):
    """A member of "Oversettere – somali", as provisioning made it."""
    return member("hodan", language_group(somali))


@pytest.fixture
def nf_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Temakveld i Ski")
