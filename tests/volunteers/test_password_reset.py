"""“Forgot password?” tells nobody who has an account, and works for an invited person too.

The same answer and the same page for a known address, an unknown one and
an account without an e-mail address; one e-mail for the known one only.
Someone invited who lost her invitation (or let it grow old) gets a link
this way as well: her account's password is random, not unusable.
(The reset link itself is tested in tests/volunteers/accounts/test_password_reset.py.)
"""

import pytest
from django.core import mail

from tests.helpers.accounts import RESET, RESET_SENT
from tests.helpers.training import volunteers_url

pytestmark = pytest.mark.django_db


def ask(client, email):
    """Ask for a link; the answer and the page it leads to."""
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    return response["Location"], client.get(response["Location"]).content


def test_the_same_answer_for_a_known_and_an_unknown_address(client, home, member):
    known = member("kjent")

    answer_known = ask(client, known.email)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [known.email]
    answer_unknown = ask(client, "ukjent@example.no")

    assert answer_known == answer_unknown
    assert answer_known[0] == RESET_SENT
    assert len(mail.outbox) == 1


def test_nothing_for_an_account_without_an_e_mail_address(client, home, member):
    nobody = member("uten-adresse")
    nobody.email = ""
    nobody.save()
    known = member("kjent")
    expected = ask(client, known.email)
    mail.outbox.clear()

    for email in ("uten-adresse@example.no", "uten-adresse"):
        response = client.post(RESET, {"email": email})
        assert response.status_code in (200, 302)  # an address, or the form again
        if response.status_code == 302:
            assert (response["Location"], client.get(response["Location"]).content) == expected
    assert mail.outbox == []


def test_an_invited_person_who_lost_her_invitation_gets_a_link(
    client, coordinator, nordre_follo, network
):
    client.force_login(coordinator)
    client.post(
        volunteers_url(nordre_follo),
        {"action": "add", "role": "volunteers", "person": "ny@example.no", "first_name": "Ny"},
    )
    client.logout()
    mail.outbox.clear()

    ask(client, "ny@example.no")

    [message] = mail.outbox
    assert message.to == ["ny@example.no"]
    assert RESET in message.body  # a "Forgot password?" link, not an invitation
