"""Keyboard only: the skip link, the calendar's filters and the language switcher.

Every Tab stop on the way must show where the focus is (``tab_to``).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import focus_problem, tab_to

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")


def _result_count(page):
    return int(re.search(r"\d+", page.locator(".result-count").inner_text()).group())


def test_the_first_tab_shows_the_skip_link_which_jumps_to_the_main_content(page):
    page.goto("/arrangementer/")

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert focus_problem(page) is None

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)


def test_a_keyboard_user_filters_the_calendar(page):
    page.goto("/arrangementer/")
    unfiltered = _result_count(page)

    tab_to(page, ".filter-details > summary")
    page.keyboard.press("Enter")  # opens the filters
    tab_to(page, "#id_kategori")
    page.keyboard.type("Kurs")  # a closed <select> picks the option typed
    tab_to(page, "#id_sprak")
    page.keyboard.type("arabisk")
    tab_to(page, ".filter-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    query = parse_qs(urlsplit(page.url).query)
    assert query["kategori"] == ["kurs"]
    assert query["sprak"] == ["ar"]
    expect(page.locator("#id_kategori")).to_have_value("kurs")
    expect(page.locator("#id_sprak")).to_have_value("ar")
    categories = page.locator(".event-item__meta > bdi:first-child").all_inner_texts()
    assert categories, "the filtered calendar lists courses"
    assert set(categories) == {"Kurs"}
    assert _result_count(page) < unfiltered


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_a_keyboard_user_switches_language(page, language, direction):
    page.goto("/")

    tab_to(page, ".language-switcher > summary")
    page.keyboard.press("Enter")  # opens the list of languages
    tab_to(page, f'.language-switcher a[href="/{language}/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == f"/{language}/"
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
