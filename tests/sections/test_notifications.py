"""E-mail to a section's coordinators: a new candidate, a new request, a deletion request.

Each of the section's coordinators with an address gets one message in her
own admin language, unless she turned that kind off in her account settings;
nobody else gets one, and no message holds what the person wrote.
"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.sections.models import NotificationPreferences, SectionRoles
from tests.factories import SpokenLanguageFactory
from tests.helpers.training import route

pytestmark = pytest.mark.django_db

NAME, PHONE = "Zainab Varslingsen", "912 34 567"
ACCOUNT = "/admin/account/"


@pytest.fixture
def people(nordre_follo, indre_ostfold, network, member, coordinator, other_coordinator):
    """The section's two coordinators (one reads English), its editor, and others."""
    roles = SectionRoles.objects.get(section=nordre_follo)
    english = member("koordinator-engelsk", roles.coordinators)
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    no_address = member("koordinator-uten-epost", roles.coordinators)
    no_address.email = ""
    no_address.save()
    gone = member("koordinator-sluttet", roles.coordinators)
    gone.is_active = False
    gone.save()
    return {
        "coordinator": coordinator,
        "english": english,
        "editor": member("redaktor-nordrefollo", roles.editors),
        "other": other_coordinator,
    }


def _candidate(client, section, **extra):
    data = {"section": section.pk, "name": NAME, "phone": PHONE, "consent": "on", **extra}
    response = client.post("/bli-bydelsmor/", data)
    assert response.status_code == 302
    return response


def _request(client, section):
    language = SpokenLanguageFactory(code="so-n", name="somali")
    data = {
        "section": section.pk,
        "requester": "family",
        "language": language.pk,
        "topic": "health",
        "name": NAME,
        "phone": PHONE,
        "consent": "on",
    }
    response = client.post("/be-om-bydelsmor/", data)
    assert response.status_code == 302


def test_a_new_candidate_tells_each_coordinator_in_her_language(
    client, people, nordre_follo, mailoutbox, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://bydelsmor.test"

    _candidate(client, nordre_follo)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {people["coordinator"].email, people["english"].email}
    with translation.override("nb"):
        nb_subject = translation.gettext("New candidate in %(section)s") % {
            "section": "Nordre Follo"
        }
    assert by_address[people["coordinator"].email].subject == nb_subject
    assert by_address["koordinator-engelsk@example.no"].subject == "New candidate in Nordre Follo"
    for message in mailoutbox:
        assert (
            f"https://bydelsmor.test/admin/seksjoner/{nordre_follo.pk}/kandidater/" in message.body
        )
        assert "https://bydelsmor.test/admin/account/" in message.body
        assert NAME not in message.body and NAME not in message.subject
        assert PHONE not in message.body


def test_a_request_tells_the_coordinators_and_links_to_the_requests(
    client, people, nordre_follo, mailoutbox
):
    _request(client, nordre_follo)

    assert {message.to[0] for message in mailoutbox} == {
        people["coordinator"].email,
        people["english"].email,
    }
    english = next(message for message in mailoutbox if message.to[0].startswith("koordinator-e"))
    assert english.subject == "Someone asks for a bydelsmor in Nordre Follo"
    assert f"/admin/seksjoner/{nordre_follo.pk}/foresporsler/" in english.body


def test_another_sections_submission_tells_only_its_own_coordinators(
    client, people, indre_ostfold, mailoutbox
):
    _candidate(client, indre_ostfold)

    assert [message.to for message in mailoutbox] == [[people["other"].email]]


def test_a_coordinator_who_turned_a_kind_off_gets_none_of_it(
    client, people, nordre_follo, mailoutbox
):
    NotificationPreferences.objects.create(user=people["coordinator"], new_candidates=False)

    _candidate(client, nordre_follo)
    _request(client, nordre_follo)

    to_her = [
        message.subject for message in mailoutbox if message.to == [people["coordinator"].email]
    ]
    assert len(to_her) == 1  # the request only
    assert len(mailoutbox) == 3


def test_a_refused_post_tells_nobody(client, people, nordre_follo, mailoutbox):
    response = client.post("/bli-bydelsmor/", {"section": nordre_follo.pk, "name": NAME})
    assert response.status_code == 400
    response = client.post(
        "/bli-bydelsmor/",
        {"section": nordre_follo.pk, "name": NAME, "phone": PHONE, "consent": "on", "website": "x"},
    )
    assert response.status_code == 400
    assert mailoutbox == []


def test_a_deletion_request_tells_her_coordinators_once(
    client, area, amina, people, nordre_follo, mailoutbox
):
    client.force_login(amina.user)

    client.post(route(area, "profile"), {"action": "request_deletion"})
    client.post(route(area, "profile"), {"action": "request_deletion"})

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [people["coordinator"].email, people["english"].email]
    )
    english = next(message for message in mailoutbox if message.to[0].startswith("koordinator-e"))
    assert english.subject == "A volunteer in Nordre Follo asks for her data to be deleted"
    assert f"/admin/seksjoner/{nordre_follo.pk}/frivillige/" in english.body
    assert amina.user.get_full_name() not in english.body
    assert amina.user.username not in english.body


# --- Her account settings ---------------------------------------------------------


class _Inputs(HTMLParser):
    """The values a browser would post back from the account settings form, as it stands."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form(response):
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.data


def test_a_coordinator_turns_a_kind_off_in_her_account_settings(client, people):
    client.force_login(people["coordinator"])
    page = client.get(ACCOUNT)
    with translation.override("nb"):
        title = translation.gettext("Notifications from my sections")
    assert title in page.content.decode()
    data = _form(page)
    assert data["section_notifications-new_candidates"] == "on"
    del data["section_notifications-new_candidates"]
    # Wagtail's own panel asks for her name, which the test's account has not.
    data.update({"name_email-first_name": "Kari", "name_email-last_name": "Koordinator"})

    response = client.post(ACCOUNT, data)

    assert response.status_code == 302
    preferences = NotificationPreferences.objects.get(user=people["coordinator"])
    assert not preferences.new_candidates
    assert preferences.new_requests and preferences.deletion_requests


@pytest.mark.parametrize("who", ["editor", "national_editor"])
def test_who_coordinates_nothing_sees_no_such_settings(client, people, national_editor, who):
    client.force_login(people["editor"] if who == "editor" else national_editor)

    page = client.get(ACCOUNT)

    assert page.status_code == 200
    assert not re.search(r'name="section_notifications-', page.content.decode())
