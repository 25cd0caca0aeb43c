"""The calendar as a phone shows it: each series once, quick filters, and messages in sight.

By default a repeating event is listed once, at its next date, with its rule
in words ("Hver tirsdag, 18:00–20:00") and a link to all its dates; every
date is a tap away (``?visning=datoer``). Quick filters sit outside the
folded filter panel, and a filter that could not be used is said above the
results while the rest of the filter still applies.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory
from tests.helpers.events import YEAR, at, titles


def _weekly(section, title, start, weeks, **kwargs):
    return EventFactory(
        title=title,
        section=section,
        start=start,
        end=start + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_until=start.date() + datetime.timedelta(weeks=weeks - 1),
        **kwargs,
    )


def _items(html):
    """The listing's entries, each as its HTML."""
    return re.findall(r'<li class="event-item[^"]*">(.*?)</li>', html, re.S)


def _count(html):
    return int(re.search(r'class="result-count"[^>]*>(\d+) ', html).group(1))


#: The first Tuesday of March in the fixtures' year.
TUESDAY = next(day for day in range(1, 8) if datetime.date(YEAR, 3, day).weekday() == 1)


@pytest.fixture
def group(places, calendar):
    """A weekly women's group: eight Tuesdays at 18:00 in Stovner."""
    return _weekly(places["stovner"], "Kvinnegruppe", at(3, TUESDAY), 8)


# --- Each series once ---------------------------------------------------------------


def test_default_listing_shows_a_weekly_group_once_with_its_rule_in_words(client, group, places):
    EventFactory(title="Sommerfest", section=places["oslo"], start=at(6, 20), end=at(6, 20, 22))

    response = client.get("/arrangementer/")

    html = response.content.decode()
    assert titles(response) == ["Kvinnegruppe", "Sommerfest"]
    assert _count(html) == 2
    assert "2 arrangementer funnet." in html
    [weekly, single] = _items(html)
    assert "Hver tirsdag" in weekly
    assert re.search(r'dir="ltr">18:00–20:00<', weekly)
    # Its next date, and its other dates a tap away on its own page.
    assert f'datetime="{YEAR}-03-{TUESDAY:02}T18:00:00+01:00"' in weekly
    assert f'href="/arrangementer/{group.pk}/#datoer"' in weekly
    assert "Hver" not in single
    assert f'datetime="{YEAR}-06-20T18:00:00+02:00"' in single


def test_every_date_is_one_tap_away(client, group, places):
    html = client.get("/arrangementer/").content.decode()
    assert 'href="?visning=datoer"' in html

    response = client.get("/arrangementer/?visning=datoer")

    every = response.content.decode()
    assert titles(response) == ["Kvinnegruppe"] * 8
    assert "8 arrangementsdatoer funnet." in every
    assert "Hver tirsdag" not in every
    assert 'href="?"' in every  # and back to each event once


def test_a_series_shows_its_first_date_in_the_chosen_period(client, group):
    third = datetime.date(YEAR, 3, TUESDAY + 14)
    html = client.get(f"/arrangementer/?fra={third - datetime.timedelta(days=1)}").content.decode()

    [weekly] = _items(html)
    assert f'datetime="{third}T18:00:00+01:00"' in weekly
    assert f'?dato={third}"' in weekly


def test_filters_and_pages_work_on_the_series_listing(client, places, calendar, fixed_events):
    ostfold = places["ostfold"]
    for number in range(25):
        start = at(3, 1, 10) + datetime.timedelta(hours=number)
        _weekly(ostfold, f"Gruppe {number:02}", start, 4)

    first = client.get(f"/arrangementer/?seksjon={ostfold.pk}")
    second = client.get(f"/arrangementer/?seksjon={ostfold.pk}&side=2")

    shown = titles(first) + titles(second)
    assert _count(first.content.decode()) == 26  # 25 groups and "Sommerfest Mysen"
    assert len(shown) == 26 and len(set(shown)) == 26  # each once, none lost between pages
    assert "Norskkurs Oslo" not in shown


def test_series_listing_costs_as_many_queries_for_30_groups_as_for_3(client, places, calendar):
    def queries():
        client.get("/arrangementer/")  # warm Wagtail's site and locale caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/arrangementer/").status_code == 200
        return len(captured)

    for number in range(3):
        _weekly(places["oslo"], f"Gruppe {number}", at(3, 1 + number), 10)
    few = queries()
    for number in range(27):
        _weekly(places["stovner"], f"Gruppe {number}", at(4, 1 + number), 10)

    assert queries() == few


# --- Quick filters ------------------------------------------------------------------


def _outside_the_panel(html):
    """The page without the folded filter panel."""
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_quick_filters_are_outside_the_folded_panel_and_keep_the_other_filters(
    client, fixed_events
):
    html = _outside_the_panel(client.get("/arrangementer/?sprak=so").content.decode())

    assert '<a class="chip" href="?sprak=so&amp;periode=uke">Denne uka</a>' in html
    assert 'href="?sprak=so&amp;periode=maned"' in html
    # The place form keeps the language.
    place_form = html.split('class="quick-place"', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="sprak" value="so">' in place_form
    assert 'name="seksjon"' in place_form


def test_a_quick_filter_that_is_on_takes_itself_off(client, fixed_events):
    html = client.get(f"/arrangementer/?periode=uke&fra={YEAR}-01-01").content.decode()

    chip = re.search(r'<a class="chip chip--on" href="([^"]*)" aria-current="true">', html)
    assert chip.group(1) == "?"  # off again, and the chosen date goes with it


def test_my_language_is_the_pages_language_where_events_can_be_in_it(client, fixed_events):
    arabic = _outside_the_panel(client.get("/ar/arrangementer/").content.decode())
    norwegian = _outside_the_panel(client.get("/arrangementer/").content.decode())

    assert 'href="?sprak=ar"' in arabic
    assert "sprak=" not in norwegian  # no one speaks "nb" at an event in this data


def test_choosing_a_place_near_you_filters_the_list(client, fixed_events, places):
    response = client.get(f"/arrangementer/?seksjon={places['ostfold'].pk}")

    assert titles(response) == ["Sommerfest Mysen"]
    html = response.content.decode()
    assert f'<option value="{places["ostfold"].pk}" selected>' in html


# --- What could not be used is said above the results --------------------------------


def _messages(html):
    """The messages above the results: before the list and outside the panel."""
    match = re.search(
        r'<div class="form-errors filter-messages" role="alert">(.*?)</div>', html, re.S
    )
    assert match, "no message above the results"
    assert html.index(match.group(0)) < html.index('class="result-count"')
    assert match.group(0) in _outside_the_panel(html)
    return match.group(1)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("seksjon=999999", "Vi kjenner ikke stedet «\u2068999999\u2069»"),
        ("seksjon=oslo", "Vi kjenner ikke stedet «\u2068oslo\u2069»"),
        ("kategori=finnes-ikke", "Vi kjenner ikke arrangementstypen «\u2068finnes-ikke\u2069»"),
        ("sprak=xx", "Vi kjenner ikke språket «\u2068xx\u2069»"),
    ],
)
def test_an_unknown_choice_is_said_above_the_results_and_the_rest_applies(
    client, fixed_events, query, said
):
    response = client.get(f"/arrangementer/?{query}")

    assert response.status_code == 200
    assert said in _messages(response.content.decode())


def test_an_unknown_place_keeps_the_kind_and_language_chosen(client, fixed_events):
    response = client.get("/arrangementer/?seksjon=999999&kategori=kurs&sprak=so")

    assert "Vi kjenner ikke stedet" in _messages(response.content.decode())
    assert titles(response) == ["Norskkurs Oslo", "Norskkurs Follo", "Sommerfest Mysen"]


def test_a_reversed_range_is_said_above_the_results_and_the_start_still_applies(
    client, fixed_events
):
    response = client.get(f"/arrangementer/?fra={YEAR}-04-01&til={YEAR}-03-01")

    html = response.content.decode()
    assert "Sluttdatoen er før startdatoen." in _messages(html)
    assert titles(response) == ["Skole og hjem", "Sommerfest Mysen"]


def test_a_long_unknown_value_is_cut_in_the_message(client, fixed_events):
    html = client.get("/arrangementer/?sprak=" + "x" * 500).content.decode()

    assert "«\u2068" + "x" * 40 + "\u2069»" in _messages(html)
    assert "x" * 41 not in _messages(html)


def test_a_clean_filter_says_nothing_above_the_results(client, fixed_events):
    html = client.get("/arrangementer/?kategori=kurs").content.decode()

    assert "filter-messages" not in html
