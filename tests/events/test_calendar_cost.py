"""What the public calendar costs: flat queries, and a feed kept until an event changes.

The listing, a filtered listing, the iCal feed, a section page and the front
page take as many queries for 500 events as for 10; the feed is cached, once
per filter and language, until an event is saved.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.events.calendar import forget_feeds
from tests.factories import EventFactory
from tests.helpers.events import YEAR, translate


def test_query_count_is_flat_from_10_to_500_events(client, places, calendar):
    section = places["stovner"]
    urls = [
        "/arrangementer/",
        f"/arrangementer/?kategori=temakveld&seksjon={section.pk}&fra={YEAR - 2}-01-01",
        "/arrangementer/ical/",
        section.url,
        "/",
    ]

    def count_queries():
        counts = {}
        for url in urls:
            client.get(url)  # warm Wagtail's site and locale caches
            forget_feeds()  # build the feed, don't read it from the cache
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts[url] = len(queries)
        return counts

    EventFactory.create_batch(10, section=section)
    small = count_queries()
    EventFactory.create_batch(490, section=section)

    assert count_queries() == small


def test_feed_is_cached_until_an_event_changes(client, fixed_events):
    client.get("/arrangementer/ical/")
    with CaptureQueriesContext(connection) as queries:
        cached = client.get("/arrangementer/ical/")
    assert b"Temakveld om helse" in cached.content
    assert not any('"cms_event"' in query["sql"] for query in queries.captured_queries)

    event = fixed_events["helse"]
    event.title = "Temakveld om helse og trivsel"
    event.save()

    assert b"Temakveld om helse og trivsel" in client.get("/arrangementer/ical/").content


def test_feed_cache_keeps_filters_and_languages_apart(client, fixed_events, english):
    translate(fixed_events["helse"], english, "Theme evening on health")

    everything = client.get("/arrangementer/ical/").content
    courses = client.get("/arrangementer/ical/?kategori=kurs").content
    in_english = client.get("/en/arrangementer/ical/").content

    assert b"Temakveld om helse" in everything
    assert b"Temakveld om helse" not in courses
    assert b"Theme evening on health" in in_english
