"""Fixtures of the outreach tests: the two public forms' posts, stored rows, the people who look.

Everyone logs in with ``force_login``; the rows are made directly, so each
test file says in one fixture what it starts from.
"""

import pytest
from django.utils import translation
from django.utils.html import escape

from cms.core.groups import TRANSLATORS
from cms.outreach.models import Candidate, ContactRequest
from cms.sections.models import SectionRoles
from tests.factories import SpokenLanguageFactory
from tests.helpers.translation import language_group

#: A name that appears nowhere else, to look for on every surface.
NAME = "Zainab Unikhetsen"


def said(response, message):
    """Whether ``response`` shows ``message`` in its own language (translated or not)."""
    language = response.get("Content-Language", "nb")
    with translation.override(language):
        text = translation.gettext(message)
    return escape(text) in response.content.decode()


def stored():
    """How many rows of each kind are stored."""
    return {"candidates": Candidate.objects.count(), "requests": ContactRequest.objects.count()}


@pytest.fixture
def somali_language(db):
    return SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")


@pytest.fixture
def arabic_language(db):
    return SpokenLanguageFactory(code="ar", name="arabisk", name_local="العربية")


@pytest.fixture
def candidate_post(nordre_follo, somali_language, arabic_language):
    """A valid "Become a bydelsmor" post to Nordre Follo (a dict: change a copy)."""
    return {
        "section": str(nordre_follo.pk),
        "name": "  Zainab   Unikhetsen ",
        "phone": "912  34 567",
        "email": "zainab@example.no",
        "languages": [str(somali_language.pk), str(arabic_language.pk)],
        "other_languages": "swahili",
        "neighbourhood": "Ski sentrum",
        "heard_from": "friend",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def request_post(nordre_follo, somali_language):
    """A valid "Ask for a bydelsmor" post to Nordre Follo (a dict: change a copy)."""
    return {
        "section": str(nordre_follo.pk),
        "requester": "service",
        "organisation": "Helsestasjonen Ski",
        "language": str(somali_language.pk),
        "other_language": "",
        "topic": "health",
        "name": "Zainab  Unikhetsen",
        "phone": "",
        "email": "zainab@example.no",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def make_candidate(nordre_follo):
    """A candidate stored directly: ``make_candidate(section=nordre_follo, **fields)``."""

    def make(section=None, languages=(), **fields):
        fields.setdefault("name", NAME)
        fields.setdefault("phone", "912 34 567")
        candidate = Candidate.objects.create(section=section or nordre_follo, **fields)
        candidate.languages.set(languages)
        return candidate

    return make


@pytest.fixture
def make_request(nordre_follo):
    """A contact request stored directly: ``make_request(section=nordre_follo, **fields)``."""

    def make(section=None, **fields):
        fields.setdefault("name", NAME)
        fields.setdefault("phone", "912 34 567")
        fields.setdefault("requester", "family")
        fields.setdefault("topic", "health")
        fields.setdefault("other_language", "tigrinja")
        return ContactRequest.objects.create(section=section or nordre_follo, **fields)

    return make


@pytest.fixture
def translator(network, member, somali):
    """A translator into Somali: translates pages, coordinates nothing."""
    return member("oversetter", network[TRANSLATORS], language_group(somali))


@pytest.fixture
def nf_municipality_contact(nordre_follo, member):
    """Nordre Follo municipality's contact: reads the activity report, nothing else."""
    return member(
        "kommune-nordrefollo", SectionRoles.objects.get(section=nordre_follo).municipality_contacts
    )
