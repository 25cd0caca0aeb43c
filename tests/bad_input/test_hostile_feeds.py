"""Hostile text stays text in feeds, the JSON API and calendar files.

Each test reads one output as its reader would (a feed reader, another
site's script, a calendar app): markup and control characters in titles
arrive as text, a line break in a title cannot make a second event, and a
runaway recurrence rule is refused by the form and, stored anyway, keeps the
calendar and its feeds small.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
import recurring_ical_events
from icalendar import Calendar

from cms.events import recurrence
from cms.events.models import Event
from tests.factories import (
    EventFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.helpers.events import at, event_form
from tests.helpers.events import url as event_url
from tests.helpers.hostile import HOSTILE, IMG, SCRIPT

pytestmark = pytest.mark.django_db


INJECTION = "Temakveld\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk"


# --- Feeds and the API ---------------------------------------------------------------


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_news_feeds_carry_markup_as_text(client, nordre_follo, route):
    index = NewsIndexPageFactory(parent=nordre_follo, title=f"Nytt {SCRIPT}")
    NewsPageFactory(parent=index, title=HOSTILE, intro=IMG)
    response = client.get(f"{index.url}{route}/")
    assert response.status_code == 200
    assert b"<script>" not in response.content and b"<img " not in response.content
    texts = [node.text for node in ET.fromstring(response.content).iter()]  # noqa: S314
    assert HOSTILE in texts and IMG in texts


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_a_control_character_pasted_into_a_title_does_not_break_the_feeds(
    client, nordre_follo, route
):
    # Word's soft line break is a vertical tab, which XML 1.0 cannot carry.
    index = NewsIndexPageFactory(parent=nordre_follo)
    NewsPageFactory(parent=index, title="Samling\x0bpå Ski", intro="Kom\x08 og se")
    response = client.get(f"{index.url}{route}/")
    assert response.status_code == 200
    texts = [node.text for node in ET.fromstring(response.content).iter()]  # noqa: S314
    assert "Samling på Ski" in texts


def test_json_api_gives_markup_as_data_never_as_a_page(client, home, hostile_event):
    StandardPageFactory(parent=home, title=HOSTILE, slug="om-oss")
    for url, field in [("/api/v2/pages/", "title"), ("/api/v2/events/", "title")]:
        response = client.get(url)
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert HOSTILE in [item[field] for item in response.json()["items"]]
    item = client.get("/api/v2/events/").json()["items"][0]
    assert (item["place_name"], item["registration_info"]) == (f"Kafé {IMG}", SCRIPT)


# --- iCal ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (INJECTION, INJECTION.replace("\r\n", "\n")),
        ("Temakveld\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Falsk", None),
        ("Temakveld\rEND:VCALENDAR\rBEGIN:VEVENT", "Temakveld\nEND:VCALENDAR\nBEGIN:VEVENT"),
        (HOSTILE, None),
    ],
    ids=["crlf", "lf", "cr", "markup"],
)
def test_a_title_cannot_make_a_second_event_or_break_the_calendar(
    client, nordre_follo, calendar, title, summary
):
    place = "Kafé; Ski, sentrum \\ bak"
    event = EventFactory(section=nordre_follo, title=title, place_name=place, address="")
    EventFactory(section=nordre_follo, title="Naboens arrangement")
    for url, count in [("/arrangementer/ical/", 2), (f"/arrangementer/{event.pk}/ical/", 1)]:
        vevents = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        assert len(vevents) == count
        mine = [vevent for vevent in vevents if str(vevent["location"]) == place]
        assert [str(vevent["summary"]) for vevent in mine] == [summary or title]


# --- Recurrence ----------------------------------------------------------------------


@pytest.mark.parametrize("repeat", ["weekly", "monthly"])
def test_the_form_refuses_a_rule_beyond_the_cap_and_says_so(admin_client, nordre_follo, repeat):
    form = event_form(
        section=nordre_follo.pk, repeat=repeat, repeat_interval="1", repeat_until="2099-12-31"
    )
    response = admin_client.post(event_url("add"), form)
    assert response.status_code == 200
    [message] = response.context["form"].errors["repeat_until"]
    assert str(recurrence.MAX_YEARS) in message
    assert not Event.objects.exists()


@pytest.mark.parametrize("repeat", ["weekly", "monthly"])
def test_a_stored_runaway_rule_keeps_the_calendar_and_feeds_small(
    client, nordre_follo, calendar, repeat
):
    # Saved without the form's check, as an import or a script would.
    start = at(1, 6, 10)
    last = datetime.date(2099, 12, 31)
    weekly = [start.date() + datetime.timedelta(weeks=n) for n in range(4000)]
    event = EventFactory(
        section=nordre_follo,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat=repeat,
        repeat_interval=1,
        repeat_until=last,
        excluded_dates=weekly[1::2],
    )
    limit = recurrence.latest_until(start.date())

    stored = list(event.occurrences.values_list("start", flat=True))
    assert 0 < len(stored) <= recurrence.MAX_OCCURRENCES
    assert max(stored).date() <= limit

    for url in (f"/arrangementer/{event.pk}/ical/", "/arrangementer/ical/"):
        body = client.get(url).content
        assert len(body) < 20_000
        expanded = recurring_ical_events.of(Calendar.from_ical(body)).between(start, last)
        assert len(expanded) == len(stored)
    assert client.get(f"/arrangementer/{event.pk}/").status_code == 200
