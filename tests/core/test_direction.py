"""Mixed directions: each piece in another language or direction is isolated.

On an Arabic page a Norwegian place or category, a language's own name and a
time range each sit in their own isolated element (``<bdi>``, or their own
``dir``), so the "·" between an event's kind, place and section, and the
brackets around a language's own name, land where the reader expects, and
"18:00–20:00" does not read "20:00–18:00". Languages are named in the
reader's language first, their own name beside (tests/browser/test_direction.py
looks at how Chromium lays them out).
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from cms.events.models import Audience
from cms.translation.trees import sync_translation_trees
from tests.factories import OSLO, EventFactory, SpokenLanguageFactory

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"
#: One isolated piece: a <bdi>, or an element with its own dir, holding text only.
ISOLATED = re.compile(r'<(bdi)(?: [^>]*)?>[^<]+</bdi>|<(\w+) [^>]*dir="[a-z]+"[^>]*>[^<]+</\2>')


def meta_lines(html):
    return re.findall(r'<p class="event-item__meta">(.*?)</p>', html)


def segments(line):
    parts = line.split(" · ")
    assert len(parts) > 1, line
    return parts


def languages_spoken(html):
    """The items of an event page's "Languages spoken" list."""
    found = re.search(r'<dd><ul class="inline-list">(.*?)</ul></dd>', html)
    return re.findall(r"<li>(.*?)</li>", found.group(1))


def group_languages(html):
    """The items of a section page's "In our group we speak" list."""
    found = re.search(r'<ul class="tag-list">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1))


# --- An event's kind, place and section ----------------------------------------------


@pytest.mark.parametrize("prefix", ["/ar", ""])
def test_each_part_of_an_event_meta_line_is_isolated(client, fixed_events, prefix):
    sync_translation_trees()

    lines = meta_lines(client.get(f"{prefix}/arrangementer/").content.decode())

    assert len(lines) == 6
    for line in lines:
        for segment in segments(line):
            assert ISOLATED.fullmatch(segment), segment
    assert lines[1] == (
        "<bdi>Kurs</bdi> · <bdi>Stovner bibliotek</bdi> · "
        + ('<bdi lang="nb" dir="ltr">Oslo</bdi>' if prefix else "<bdi>Oslo</bdi>")
    )


def test_the_volunteer_areas_event_lines_isolate_place_and_section(
    client, area, volunteer, nordre_follo
):
    EventFactory(
        title="Samling for frivillige",
        section=nordre_follo,
        place_name="Kolben",
        audience=Audience.VOLUNTEERS,
        start=datetime.datetime.now(tz=OSLO) + datetime.timedelta(days=3),
    )
    sync_translation_trees()
    client.force_login(volunteer.user)

    html = client.get("/ar/frivillig/").content.decode()

    assert "Samling for frivillige" in html
    assert meta_lines(html) == ['<bdi>Kolben</bdi> · <bdi lang="nb" dir="ltr">Nordre Follo</bdi>']


# --- Names of languages ------------------------------------------------------------


def test_an_event_page_names_its_languages_in_the_readers_language_first(client, fixed_events):
    sync_translation_trees()
    url = f"/arrangementer/{fixed_events['kurs-oslo'].pk}/"

    arabic_page = languages_spoken(client.get(f"/ar{url}").content.decode())
    norwegian_page = languages_spoken(client.get(url).content.decode())

    # Arabic is not named twice on the Arabic page.
    assert arabic_page == [
        "<bdi>العربية</bdi>",
        '<bdi>الصومالية</bdi> (<bdi lang="so">Soomaali</bdi>)',
    ]
    assert norwegian_page == [
        '<bdi>arabisk</bdi> (<bdi lang="ar">العربية</bdi>)',
        '<bdi>somali</bdi> (<bdi lang="so">Soomaali</bdi>)',
    ]


def test_a_section_page_names_its_groups_languages_in_the_readers_language_first(client, places):
    follo = places["follo"]
    follo.languages.set(
        [
            SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali"),
            SpokenLanguageFactory(code="ti", name="tigrinja", name_local="ትግርኛ"),
        ]
    )
    follo.save_revision().publish()
    sync_translation_trees()

    assert group_languages(client.get("/ar/nordre-follo/").content.decode()) == [
        '<bdi>الصومالية</bdi> (<bdi lang="so">Soomaali</bdi>)',
        '<bdi>التغرينية</bdi> (<bdi lang="ti">ትግርኛ</bdi>)',
    ]
    assert group_languages(client.get("/nordre-follo/").content.decode()) == [
        '<bdi>somali</bdi> (<bdi lang="so">Soomaali</bdi>)',
        '<bdi>tigrinja</bdi> (<bdi lang="ti">ትግርኛ</bdi>)',
    ]


def test_the_calendars_language_filter_names_the_readers_language_first(client, fixed_events):
    sync_translation_trees()

    arabic_page = client.get("/ar/arrangementer/").content.decode()
    norwegian_page = client.get("/arrangementer/").content.decode()

    # An <option> holds no <bdi>: Unicode's isolates keep the own name apart.
    assert f'<option value="so">الصومالية – {FSI}Soomaali{PDI}</option>' in arabic_page
    assert f'<option value="so">somali – {FSI}Soomaali{PDI}</option>' in norwegian_page


def test_the_request_form_names_the_readers_language_first(client, home):
    SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")

    arabic_page = client.get("/ar/be-om-bydelsmor/").content.decode()
    norwegian_page = client.get("/be-om-bydelsmor/").content.decode()

    assert re.search(rf'<option value="\d+">الصومالية – {FSI}Soomaali{PDI}</option>', arabic_page)
    assert re.search(rf'<option value="\d+">somali – {FSI}Soomaali{PDI}</option>', norwegian_page)


# --- Times ----------------------------------------------------------------------------


def when(start, end, **context):
    occurrence = SimpleNamespace(start=start, end=end, spans_days=start.date() != end.date())
    with translation.override("ar"):
        return render_to_string(
            "includes/occurrence_when.html", {"occurrence": occurrence, **context}
        )


def test_a_time_range_reads_left_to_right_on_an_arabic_page():
    start = datetime.datetime(2027, 11, 26, 18, 0, tzinfo=OSLO)

    html = when(start, start + datetime.timedelta(hours=2))

    assert '<span class="nowrap" dir="ltr">18:00–20:00</span>' in html


def test_the_times_of_an_event_over_two_days_each_read_left_to_right():
    start = datetime.datetime(2027, 11, 26, 18, 0, tzinfo=OSLO)

    html = when(start, start + datetime.timedelta(days=1, hours=2))

    assert re.findall(r'<span class="nowrap" dir="ltr">([0-9:]+)</span>', html) == [
        "18:00",
        "20:00",
    ]


def test_the_last_date_of_a_repeating_event_is_its_own_date_element(client, places, calendar):
    start = datetime.datetime(2027, 1, 5, 18, 0, tzinfo=OSLO)
    event = EventFactory(
        section=places["oslo"],
        start=start,
        end=start + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_until=datetime.date(2099, 6, 1),
    )
    sync_translation_trees()

    html = client.get(f"/ar/arrangementer/{event.pk}/").content.decode()

    assert re.search(r'<time datetime="2099-06-01" lang="ar" dir="auto">[^<]+</time>', html)
    # After the rule, the Arabic comma from the catalog, not a Latin one.
    assert re.search(r'<br>[^<]+، [^<]*<time datetime="2099-06-01"', html)
