"""The calendar on a 360 px phone: each series once, quick filters in sight, messages above.

On the demo site, in Chromium, as a first-time visitor with an old phone's
screen: the default listing names each event once, the quick filters are on
screen without opening the folded filter panel, they work without
JavaScript, and a filter that could not be used is said above the results.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.xdist_group("browser")

PHONE = {"viewport": {"width": 360, "height": 740}}

#: An event's own address in a listing: /arrangementer/<id>/ (the date comes after).
EVENT_ID = re.compile(r"/arrangementer/(\d+)/")


def _listed_events(page):
    hrefs = page.locator(".event-item__title a").evaluate_all("links => links.map(a => a.href)")
    return [EVENT_ID.search(href).group(1) for href in hrefs]


@pytest.mark.parametrize("prefix", ["", "/ar", "/so"])
def test_default_calendar_lists_each_series_once(new_page, prefix):
    page = new_page(**PHONE)
    page.goto(f"{prefix}/arrangementer/")

    events = _listed_events(page)
    assert events, "the demo calendar lists events"
    assert len(events) == len(set(events)), f"an event is listed more than once: {events}"
    # The demo's weekly groups show their rule in words, with their dates a tap away.
    assert page.locator(".event-item__rule").count() > 0
    expect(page.locator(".event-item__next a").first).to_be_visible()

    page.click(".view-switch a")
    every = _listed_events(page)
    assert len(every) > len(set(every)), "every date lists a weekly group more than once"


@pytest.mark.parametrize("javascript", [True, False])
def test_quick_filters_are_on_screen_and_work_without_opening_the_panel(new_page, javascript):
    page = new_page(java_script_enabled=javascript, **PHONE)
    page.goto("/arrangementer/")

    assert page.locator("details.filter-details").get_attribute("open") is None
    this_week = page.locator(".quick-filters a", has_text="Denne uka")
    expect(this_week).to_be_in_viewport()
    expect(page.locator("#quick-place")).to_be_visible()

    this_week.click()
    assert "periode=uke" in page.url
    expect(page.locator(".quick-filters a[aria-current='true']")).to_have_count(1)

    page.select_option("#quick-place", label="Nordre Follo")
    page.click(".quick-place button")
    assert "periode=uke" in page.url and "seksjon=" in page.url
    for meta in page.locator(".event-item__meta").all_inner_texts():
        assert "Nordre Follo" in meta or "Bydelsmødre Nordre Follo" in meta


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/arrangementer/?seksjon=finnes-ikke&kategori=kurs", "#id_seksjon"),
        ("/ar/arrangementer/?sprak=xx", "#id_sprak"),
        ("/arrangementer/?fra=2030-05-01&til=2030-04-01", "#id_til"),
    ],
)
def test_a_filter_not_understood_is_said_above_the_results(new_page, path, field):
    page = new_page(**PHONE)
    page.goto(path)

    message = page.locator(".filter-messages")
    expect(message).to_be_in_viewport()
    results = page.locator(".result-count").bounding_box()
    assert message.bounding_box()["y"] < results["y"]
    # Its link leads to the field, in the panel that opened to show it.
    message.locator(f"a[href='{field}']").click()
    expect(page.locator(field)).to_be_visible()
