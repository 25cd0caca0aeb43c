"""An event's public page is read once per content generation, and a change shows at once.

``cms.events.views.shown_event`` keeps the event, its translation and its
languages per generation and language; these tests read the page first, so
a kept copy that outlived a change would fail them.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import EventFactory


@pytest.fixture
def event(places, calendar):
    start = timezone.now() + datetime.timedelta(days=2)
    return EventFactory(
        title="Kaffetreff",
        section=places["follo"],
        start=start,
        end=start + datetime.timedelta(hours=2),
    )


def _page(client, event):
    return client.get(f"/arrangementer/{event.pk}/")


def test_a_new_title_shows_at_once(client, event):
    assert "Kaffetreff" in _page(client, event).content.decode()

    event.title = "Kaffetreff og lekser"
    event.save()

    assert "Kaffetreff og lekser" in _page(client, event).content.decode()


def test_an_unpublished_event_is_gone_at_once(client, event):
    assert _page(client, event).status_code == 200

    event.live = False
    event.save()

    assert _page(client, event).status_code == 404
    assert client.get(f"/arrangementer/{event.pk}/ical/").status_code == 404


def test_an_event_whose_section_turns_private_is_gone_at_once(client, event, places):
    assert _page(client, event).status_code == 200

    PageViewRestriction.objects.create(
        page=places["follo"], restriction_type=PageViewRestriction.LOGIN
    )

    assert _page(client, event).status_code == 404


def test_each_language_has_its_own_copy(client, event, locales):
    assert _page(client, event).status_code == 200

    response = client.get(f"/en/arrangementer/{event.pk}/")

    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
