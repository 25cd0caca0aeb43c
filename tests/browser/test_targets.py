"""WCAG 2.5.8 Target Size (Minimum) on a phone: every link and control is 24 × 24 px.

Measured by ``target_size.js`` in the page at 360 × 740, on the key public pages
and, logged in as the demo's volunteer, on her private area. The site holds
itself to more than the criterion: a target smaller than 24 px passes only as a
link in running text or a browser-default control, not by the spacing
exception (WCAG lets a 20 px footer link pass when nothing else is within 12 px
of its centre; a thumb on a phone still misses it). The measurement of the
criterion itself, spacing included, is checked on a probe below.
Every failure of a page is reported at once, with its HTML and its size.
"""

import re
from pathlib import Path

import pytest

from tests.browser.helpers import KEY_PAGES, log_in

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: A common phone, held upright.
PHONE = {"width": 360, "height": 740}
#: WCAG 2.5.8: the smallest target, in CSS pixels.
MINIMUM = 24
#: The measurement, run in the page (returns the failing targets).
TARGET_SIZE_JS = (Path(__file__).parent / "target_size.js").read_text()

#: The volunteer's private area, by name: a path, or how to find it from one.
PRIVATE_PAGES = [
    "area",
    "programme",
    "module",
    "progress",
    "activity log",
    "activity entry",
    "profile",
    "volunteers' news",
    "password change",
    "Arabic area",
    "Arabic activity log",
]


def small_targets(page, spacing=False):
    """The failing targets of the page as it is now, one line each.

    With ``spacing``, an undersized target passes by WCAG's spacing exception.
    """
    failures = page.evaluate(TARGET_SIZE_JS, {"minimum": MINIMUM, "spacing": spacing})
    return [
        f"{failure['size']} px: {failure['html']}"
        + (f"\n    (crowded by {failure['near']})" if failure["near"] else "")
        for failure in failures
    ]


def _assert_targets_large_enough(page, path):
    failures = small_targets(page)
    assert not failures, (
        f"{len(failures)} target(s) on {path} at {PHONE['width']} px are smaller than"
        f" {MINIMUM} × {MINIMUM} px, and not in running text:\n" + "\n".join(failures)
    )


@pytest.fixture(scope="module")
def private_area(browser, server):
    """The volunteer's session and the paths of her private pages, by name.

    The module, the entry and the news are whatever her pages link to first.
    """
    context = browser.new_context(base_url=server)
    context.set_default_timeout(60_000)  # the first pages of a fresh server
    try:
        page = context.new_page()
        log_in(page)
        paths = {
            "area": "/frivillig/",
            "programme": "/frivillig/opplaering/",
            "progress": "/frivillig/fremdrift/",
            "activity log": "/frivillig/aktivitet/",
            "profile": "/frivillig/profil/",
            "volunteers' news": "/frivillig/nytt/",
            "password change": "/bytt-passord/",
            "Arabic area": "/ar/frivillig/",
            "Arabic activity log": "/ar/frivillig/aktivitet/",
        }
        page.goto(paths["programme"])
        paths["module"] = _first_link(page, r"/opplaering/\d+/$")
        page.goto(paths["activity log"])
        paths["activity entry"] = _first_link(page, r"/aktivitet/\d+/$")
        return context.storage_state(), paths
    finally:
        context.close()


def _first_link(page, pattern):
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.pathname)")
    matching = [href for href in hrefs if re.search(pattern, href)]
    assert matching, f"{page.url} links to nothing like {pattern}: {hrefs}"
    return matching[0]


@pytest.mark.parametrize("name", KEY_PAGES)
def test_every_target_on_a_key_page_is_large_enough_on_a_phone(new_page, key_pages, name):
    page = new_page(viewport=PHONE)
    response = page.goto(key_pages[name])
    assert response.ok, f"{key_pages[name]} answered {response.status}"

    _assert_targets_large_enough(page, f"the {name} ({key_pages[name]})")


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_the_open_language_switcher_has_large_enough_targets(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto("/" if language == "nb" else f"/{language}/")

    page.locator(".language-switcher summary").click()

    assert page.locator(".language-switcher a[href]").count() > 1
    _assert_targets_large_enough(page, f"/{language}/ with the language switcher open")


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_every_target_in_the_private_area_is_large_enough_on_a_phone(new_page, private_area, name):
    state, paths = private_area
    page = new_page(viewport=PHONE, storage_state=state)
    response = page.goto(paths[name])
    assert response.ok, f"{paths[name]} answered {response.status}"
    assert "/logg-inn/" not in page.url, f"{paths[name]} sent her to the login page"

    _assert_targets_large_enough(page, f"the {name} ({paths[name]})")


def test_the_measurement_finds_small_links_but_not_links_in_prose(new_page):
    """The check itself, on probes: 16 px list links fail, spaced apart only by the site's rule."""
    page = new_page(viewport=PHONE)
    page.goto("/")
    page.evaluate(
        """() => {
            const probe = (path, gap) => {
                const link = Object.assign(document.createElement("a"), {href: path});
                link.textContent = "A link";
                Object.assign(link.style, {
                    display: "block", lineHeight: "16px", fontSize: "12px", marginBlock: gap,
                });
                return link;
            };
            const prose = document.createElement("p");
            prose.append("Read ", Object.assign(document.createElement("a"), {href: "/c/"}));
            prose.lastChild.textContent = "this";
            prose.append(" first.");
            const own = document.createElement("p");
            own.append("A line,", document.createElement("br"), probe("/d/", "0"));
            own.lastChild.style.display = "inline";
            document.querySelector("main").prepend(
                probe("/a/", "0"), probe("/b/", "0"), probe("/spaced/", "40px"), prose, own,
            );
        }"""
    )

    strict, by_wcag = small_targets(page), small_targets(page, spacing=True)

    def failing(failures):
        return {
            path
            for path in ("/a/", "/b/", "/spaced/", "/c/", "/d/")
            if any(f'href="{path}"' in failure for failure in failures)
        }

    # A link on a line of its own (after a <br>) is not in running text.
    assert failing(strict) == {"/a/", "/b/", "/spaced/", "/d/"}, strict
    # /a/ and /b/ touch: each one's 24 px circle reaches the other's box.
    assert {"/a/", "/b/"} <= failing(by_wcag), by_wcag
    assert not {"/spaced/", "/c/"} & failing(by_wcag), by_wcag
