"""The calendar's number of pages: its count is kept, and a change counts at once.

``cms.events.views.KeptCountPaginator`` keeps the number of coming
occurrences a minute per content generation and listing, as counting them
costs more than the rest of the page.
"""

import datetime

from django.utils import timezone

from tests.factories import EventFactory

PER_PAGE = 20


def _events(section, count, title="Kaffetreff"):
    start = timezone.now() + datetime.timedelta(days=1)
    for number in range(count):
        EventFactory(
            title=f"{title} {number}",
            section=section,
            start=start + datetime.timedelta(hours=number),
            end=start + datetime.timedelta(hours=number, minutes=30),
        )


def test_a_second_page_appears_as_soon_as_events_fill_one(client, places, calendar):
    _events(places["follo"], PER_PAGE)
    first = client.get("/arrangementer/").content.decode()
    assert "side=2" not in first

    _events(places["follo"], 1, title="Sommerfest")

    assert "side=2" in client.get("/arrangementer/").content.decode()
    second = client.get("/arrangementer/?side=2")
    assert second.status_code == 200
    assert "Kaffetreff 19" in second.content.decode() or "Sommerfest" in second.content.decode()


def test_each_filter_has_its_own_count(client, places, calendar):
    _events(places["follo"], PER_PAGE + 1)
    _events(places["ostfold"], 2, title="Mysen")

    assert "side=2" in client.get("/arrangementer/").content.decode()
    only_ostfold = client.get(f"/arrangementer/?seksjon={places['ostfold'].pk}").content.decode()
    assert "Mysen 0" in only_ostfold
    assert "side=2" not in only_ostfold
