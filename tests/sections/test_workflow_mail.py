"""Wagtail's workflow e-mails reach a section's coordinators, in their language, and no one else.

An editor submits a page of a section that needs approval: the section's
coordinators get Wagtail's "submitted" message (through the task queue in
production), another section's people get nothing, and a coordinator who
turned these off in her account settings gets nothing either.
"""

import pytest
from wagtail.users.models import UserProfile

from tests.factories import StandardPageFactory
from tests.helpers.sections import edit_url, login, standard_page_form
from tests.sections.test_requiring_approval import require_approval

pytestmark = pytest.mark.django_db


def _submit(client, editor, section, committed):
    page = StandardPageFactory(parent=section, title="Om oss", slug="om-oss", live=False)
    with committed():
        response = login(client, editor).post(
            edit_url(page), standard_page_form(title="Om oss i Ski", **{"action-submit": "1"})
        )
    assert response.status_code == 302
    return page


def test_the_sections_coordinator_is_told_a_page_waits_in_her_language(
    client,
    nordre_follo,
    indre_ostfold,
    nf_editor,
    coordinator,
    other_coordinator,
    io_editor,
    committed,
    mailoutbox,
    settings,
):
    settings.WAGTAILADMIN_BASE_URL = "https://bydelsmor.test"
    require_approval(nordre_follo)
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "nb"
    profile.save()

    page = _submit(client, nf_editor, nordre_follo, committed)

    assert [message.to for message in mailoutbox] == [[coordinator.email]]
    (message,) = mailoutbox
    # Wagtail's own sentence, from the project's catalog (cms/sections/workflow_messages.py).
    assert message.subject == (
        "Siden «Om oss i Ski» er sendt til godkjenning i trinnet «Nordre Follo – godkjenning»"
    )
    assert "https://bydelsmor.test/admin/" in message.body
    assert str(page.pk) in message.body
    assert "localhost" not in message.body


def test_a_coordinator_who_turned_them_off_is_not_told(
    client, nordre_follo, nf_editor, coordinator, committed, mailoutbox
):
    require_approval(nordre_follo)
    profile = UserProfile.get_for_user(coordinator)
    profile.submitted_notifications = False
    profile.save()

    _submit(client, nf_editor, nordre_follo, committed)

    assert mailoutbox == []
