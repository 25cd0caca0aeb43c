"""The public calendar: what it lists, how it filters, and what it never shows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.events.calendar import forget_feeds
from cms.events.models import EventStatus
from tests.factories import (
    OSLO,
    EventFactory,
)
from tests.helpers.events import YEAR, at, titles, translate


def test_calendar_lists_upcoming_public_events_in_date_order(client, fixed_events):
    response = client.get("/arrangementer/")

    assert response.status_code == 200
    assert titles(response) == [
        "Temakveld om helse",
        "Norskkurs Oslo",
        "Avlyst temakveld",
        "Norskkurs Follo",
        "Skole og hjem",
        "Sommerfest Mysen",
    ]


def test_volunteer_only_and_draft_events_never_reach_the_public(client, fixed_events, places):
    hidden = ("Opplæring for frivillige", "Utkast til fest")
    pages = [
        client.get("/arrangementer/"),
        client.get("/arrangementer/?q=frivillige"),
        client.get("/arrangementer/ical/"),
        client.get(places["stovner"].url),
        client.get("/"),
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert not any(title in body for title in hidden)
    # Nor in the count of results.
    count = re.search(r'class="result-count"[^>]*>(\d+) ', pages[0].content.decode())
    assert count.group(1) == "6"
    for key in ("frivillige", "utkast"):
        pk = fixed_events[key].pk
        assert client.get(f"/arrangementer/{pk}/").status_code == 404
        assert client.get(f"/arrangementer/{pk}/ical/").status_code == 404


def test_cancelled_event_stays_visible_and_marked(client, fixed_events):
    listing = client.get("/arrangementer/").content.decode()
    item = listing.split("Avlyst temakveld")[1].split("</li>")[0]
    assert "badge--cancelled" in item

    page = client.get(f"/arrangementer/{fixed_events['avlyst'].pk}/").content.decode()
    assert "This event is cancelled." in page or "Dette arrangementet er avlyst." in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A municipality includes its districts; the association is under Nordre Follo.
        ("seksjon={oslo}", ["Temakveld om helse", "Norskkurs Oslo", "Avlyst temakveld"]),
        ("seksjon={stovner}", ["Temakveld om helse", "Avlyst temakveld"]),
        ("seksjon={follo}", ["Norskkurs Follo", "Skole og hjem"]),
        ("kategori=kurs", ["Norskkurs Oslo", "Norskkurs Follo", "Sommerfest Mysen"]),
        ("sprak=ar", ["Norskkurs Oslo", "Skole og hjem"]),
        (
            "fra={year}-03-03&til={year}-03-10",
            ["Norskkurs Oslo", "Avlyst temakveld", "Norskkurs Follo"],
        ),
        ("kategori=kurs&sprak=so&seksjon={follo}", ["Norskkurs Follo"]),
        ("kategori=kurs&fra={year}-04-01", ["Sommerfest Mysen"]),
        ("q=skole", ["Skole og hjem"]),
        ("q=NORSKKURS&seksjon={oslo}", ["Norskkurs Oslo"]),
        ("seksjon={ostfold}&kategori=temakveld", []),
    ],
)
def test_filters_show_exactly_the_matching_events(client, fixed_events, places, query, expected):
    query = query.format(year=YEAR, **{name: page.pk for name, page in places.items()})

    response = client.get(f"/arrangementer/?{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_ical_feed_with_the_same_filters_gives_the_same_events(client, fixed_events, places):
    import icalendar

    query = f"kategori=kurs&sprak=so&fra={YEAR}-03-01&til={YEAR}-03-31"
    html_titles = titles(client.get(f"/arrangementer/?{query}"))

    response = client.get(f"/arrangementer/ical/?{query}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == html_titles
    assert html_titles == ["Norskkurs Oslo", "Norskkurs Follo"]


def test_weekly_event_keeps_its_local_time_across_the_march_change(client, places, calendar):
    # The clocks go forward on the last Sunday of March.
    last_sunday = max(
        datetime.date(YEAR, 3, day)
        for day in range(25, 32)
        if datetime.date(YEAR, 3, day).weekday() == 6
    )
    before = last_sunday - datetime.timedelta(days=4)  # the Wednesday before
    start = datetime.datetime.combine(before, datetime.time(10), tzinfo=OSLO)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=before + datetime.timedelta(days=14),
    )

    html = client.get(f"/arrangementer/?fra={before}").content.decode()

    times = re.findall(r'class="nowrap">([0-9:]+–[0-9:]+)<', html)
    assert times == ["10:00–11:00"] * 3


def test_bad_filters_give_a_normal_page_with_a_message(client, fixed_events):
    bad = [
        "kategori=finnes-ikke",
        "fra=2026-13-45",
        "til=i-morgen",
        "seksjon=999999",
        "seksjon=abc",
        "sprak=xx",
        "malgruppe=volunteers",
        "periode=ar",
        "q=" + "a" * 5000,
        f"fra={YEAR}-05-01&til={YEAR}-04-01",
    ]
    for query in bad:
        response = client.get(f"/arrangementer/?{query}")
        assert response.status_code == 200, query
        assert 'class="form-errors"' in response.content.decode(), query


def test_bad_filters_on_the_ical_feed_give_400(client, fixed_events):
    for query in ("kategori=finnes-ikke", "fra=2026-13-45", "q=" + "a" * 5000):
        response = client.get(f"/arrangementer/ical/?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("number", ["999999", "abc", "-1", "0", "1e9", ""])
def test_odd_page_numbers_give_a_page(client, fixed_events, number):
    response = client.get(f"/arrangementer/?side={number}")

    assert response.status_code == 200
    assert titles(response)


def test_odd_event_ids_give_404(client, calendar):
    assert client.get("/arrangementer/99999999999/").status_code == 404
    assert client.get("/arrangementer/abc/").status_code == 404


def test_event_page_shows_what_a_visitor_needs(client, fixed_events):
    event = fixed_events["kurs-oslo"]
    event.address = "Stovner senter 3, 0985 Oslo"
    event.childcare = True
    event.registration_url = "https://example.no/pamelding"
    event.save()

    html = client.get(f"/arrangementer/{event.pk}/").content.decode()

    assert "Norskkurs Oslo" in html
    assert "https://www.openstreetmap.org/search?query=Stovner+senter+3%2C+0985+Oslo" in html
    assert "Soomaali" in html
    assert "https://example.no/pamelding" in html
    assert f'href="/arrangementer/{event.pk}/ical/"' in html
    assert "18:00–20:00" in html


def test_section_page_shows_its_next_events_and_links_to_its_calendar(client, fixed_events, places):
    html = client.get(places["oslo"].url).content.decode()

    assert "Temakveld om helse" in html  # from the district Stovner
    assert "Sommerfest Mysen" not in html
    assert f'href="/arrangementer/?seksjon={places["oslo"].pk}"' in html


def test_front_page_shows_the_next_events_network_wide(client, fixed_events):
    html = client.get("/").content.decode()

    assert "Temakveld om helse" in html
    assert 'href="/arrangementer/"' in html


def test_translated_calendar_shows_translations_and_falls_back_to_norwegian(
    client, fixed_events, english
):
    source = fixed_events["helse"]
    translate(source, english, "Theme evening on health")

    response = client.get("/en/arrangementer/")

    assert response.status_code == 200
    found = titles(response)
    assert "Theme evening on health" in found
    assert "Norskkurs Oslo" in found  # not translated: shown in Norwegian
    # The event page keeps its address in every language.
    assert client.get(f"/en/arrangementer/{source.pk}/").status_code == 200


def test_an_event_page_says_whether_the_event_is_in_the_readers_language(
    client, fixed_events, english
):
    """The notice follows the event, not the (translated) calendar page it is shown on."""
    translated = fixed_events["helse"]
    translate(translated, english, "Theme evening on health")
    untranslated = fixed_events["kurs-oslo"]

    assert (
        "notice--language" not in client.get(f"/en/arrangementer/{translated.pk}/").content.decode()
    )
    assert (
        "notice--language" in client.get(f"/en/arrangementer/{untranslated.pk}/").content.decode()
    )
    # The language switcher says the same: English exists for one event only.
    switcher = re.compile(r'<a href="/en/arrangementer/\d+/"[^>]*>(.*?)</a>', re.S)
    link = switcher.search(client.get(f"/arrangementer/{translated.pk}/").content.decode())
    assert "<small>" not in link.group(1)
    link = switcher.search(client.get(f"/arrangementer/{untranslated.pk}/").content.decode())
    assert "<small>" in link.group(1)


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


def test_a_stale_translation_shows_the_cancellation_and_new_place(client, fixed_events, english):
    source = fixed_events["helse"]
    translate(source, english, "Theme evening on health")
    # Cancelled and moved in Norwegian after the translation was made.
    source.status = EventStatus.CANCELLED
    source.place_name = "Grorud bibliotek"
    source.save()

    html = client.get(f"/en/arrangementer/{source.pk}/").content.decode()

    assert "Theme evening on health" in html
    assert "This event is cancelled." in html
    assert "Grorud bibliotek" in html


def _last_sunday(year, month):
    return max(
        datetime.date(year, month, day)
        for day in range(25, 32)
        if datetime.date(year, month, day).weekday() == 6
    )


@pytest.mark.parametrize("month", [3, 10])
def test_feed_and_calendar_agree_on_local_times_across_clock_changes(
    client, places, calendar, month
):
    import icalendar
    import recurring_ical_events

    change = _last_sunday(YEAR, month)
    first = change - datetime.timedelta(days=18)  # a Wednesday, three weeks before
    assert first.weekday() == 2
    start = datetime.datetime.combine(first, datetime.time(10), tzinfo=OSLO)
    EventFactory(
        title="Trening for kvinner",
        section=places["stovner"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=first + datetime.timedelta(weeks=5),
        excluded_dates=[first + datetime.timedelta(weeks=1)],
    )

    html = client.get(f"/arrangementer/?fra={first}").content.decode()
    shown = [
        datetime.datetime.fromisoformat(value)
        for value in re.findall(r'<time datetime="([^"]+)"', html)
    ]
    feed = icalendar.Calendar.from_ical(client.get("/arrangementer/ical/").content)
    expanded = [
        occurrence["DTSTART"].dt
        for occurrence in recurring_ical_events.of(feed).between(
            first, first + datetime.timedelta(weeks=6)
        )
    ]

    assert shown == expanded
    assert len(shown) == 5  # six Wednesdays, one excluded
    assert {moment.astimezone(OSLO).hour for moment in shown} == {10}
    # Across the change the UTC hour moves, the wall clock does not.
    assert len({moment.astimezone(datetime.UTC).hour for moment in shown}) == 2


def test_listing_names_each_event_category(client, fixed_events):
    html = client.get("/arrangementer/?kategori=kurs").content.decode()

    assert html.count('class="event-item__meta"><span>Kurs</span>') == 3


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


def test_events_of_an_unpublished_or_private_section_stay_off_public_pages(
    client, fixed_events, places
):
    from wagtail.models import PageViewRestriction

    client.get("/arrangementer/ical/")  # a feed in the cache must not keep them either
    places["stovner"].unpublish()
    PageViewRestriction.objects.create(
        page=places["ostfold"], restriction_type=PageViewRestriction.LOGIN
    )

    found = titles(client.get("/arrangementer/"))
    feed = client.get("/arrangementer/ical/").content.decode()

    assert "Temakveld om helse" not in found  # Stovner
    assert "Sommerfest Mysen" not in found  # Indre Østfold
    assert "Norskkurs Oslo" in found
    for key in ("helse", "mysen"):
        assert fixed_events[key].title not in feed
        assert client.get(f"/arrangementer/{fixed_events[key].pk}/").status_code == 404


def test_translation_made_with_wagtail_localize_keeps_the_schedule(client, fixed_events, english):
    from wagtail_localize.models import StringTranslation, TranslationSource

    event = fixed_events["kurs-oslo"]
    event.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(event)
    title = source.stringsegment_set.get(string__data="Norskkurs Oslo").string
    StringTranslation.objects.create(
        translation_of=title,
        locale=english,
        context=title.segments.first().context,
        data="Norwegian course, Oslo",
    )

    translation, _created = source.create_or_update_translation(english)

    assert translation.section_id == event.section_id
    assert list(translation.languages.all()) == list(event.languages.all())
    assert not translation.occurrences.exists()  # it shares its source's dates
    html = client.get("/en/arrangementer/?kategori=kurs").content.decode()
    assert "Norwegian course, Oslo" in html
    assert "Norskkurs Oslo" not in html


def test_this_week_and_this_month_show_what_is_left_of_them(client, places, calendar):
    today = timezone.localdate()
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=OSLO)

    def event(title, days, start_hour=0, end_hour=23):
        day = midnight + datetime.timedelta(days=days)
        EventFactory(
            title=title,
            section=places["oslo"],
            start=day + datetime.timedelta(hours=start_hour),
            end=day + datetime.timedelta(hours=end_hour, minutes=59),
        )

    event("I dag", 0)
    event("Om 40 dager", 40)
    event("For en uke siden", -7)
    sunday = 6 - today.weekday()
    event("Søndag denne uka", sunday)

    this_week = titles(client.get("/arrangementer/?periode=uke"))
    this_month = titles(client.get("/arrangementer/?periode=maned"))

    assert "I dag" in this_week
    assert ("Søndag denne uka" in this_week) and ("Om 40 dager" not in this_week)
    assert "For en uke siden" not in this_week
    assert "I dag" in this_month
    assert "Om 40 dager" not in this_month
    assert "For en uke siden" not in this_month


def test_admin_preview_shows_the_event_and_its_dates(rf, fixed_events):
    event = fixed_events["helse"]
    event.repeat, event.repeat_until = "weekly", event.start.date() + datetime.timedelta(weeks=2)

    response = event.serve_preview(rf.get("/"), event.default_preview_mode)
    html = response.render().content.decode()

    assert "Temakveld om helse" in html
    assert html.count("18:00–20:00") == 4  # "when", then three coming dates


def test_a_listing_links_to_the_date_it_shows(client, places, calendar):
    start = at(3, 3, 10)
    event = EventFactory(
        title="Trening",
        section=places["oslo"],
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat="weekly",
        repeat_until=start.date() + datetime.timedelta(weeks=3),
    )
    html = client.get("/arrangementer/").content.decode()
    assert f'href="/arrangementer/{event.pk}/?dato={YEAR}-03-17"' in html

    page = client.get(f"/arrangementer/{event.pk}/?dato={YEAR}-03-17").content.decode()
    when = page.split("<dd>", 1)[1].split("</dd>", 1)[0]
    assert f'datetime="{YEAR}-03-17T10:00:00+01:00"' in when

    for odd in ("2026-13-45", "abc", "9999-12-31", f"{YEAR}-03-18"):
        page = client.get(f"/arrangementer/{event.pk}/?dato={odd}")
        assert page.status_code == 200
        when = page.content.decode().split("<dd>", 1)[1].split("</dd>", 1)[0]
        assert f'datetime="{YEAR}-03-03T10:00:00+01:00"' in when  # the next date
