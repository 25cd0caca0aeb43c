"""WCAG 2.4.11 Focus Not Obscured: tabbing down a long page on a phone, the focus stays in sight.

Nothing on the site is sticky or fixed today; this guards a header or banner
that would be made so later. At each Tab stop the focused element must lie in
the viewport, and the point at its centre must be the element itself (or
something inside it), not a sticky or fixed box drawn over it.
"""

import pytest

from tests.browser.helpers import log_in

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: A common phone, held upright.
PHONE = {"width": 360, "height": 740}
#: More Tab stops than any of these pages has.
TAB_LIMIT = 250

#: Where the focused element is, and what a pointer at its centre would meet.
_FOCUS_IN_SIGHT = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const rects = [...element.getClientRects()].filter(rect => rect.width && rect.height);
    if (!rects.length) return {html: element.outerHTML.slice(0, 100), problem: "no box"};
    const rect = rects[0];
    const html = element.outerHTML.replace(/\\s+/g, " ").slice(0, 100);
    // A pixel's leeway: the browser scrolls a focused element to fractions of a pixel.
    if (rect.top < -1 || rect.left < -1 || rect.bottom > innerHeight + 1
            || rect.right > innerWidth + 1) {
        const where = [rect.left, rect.top, rect.right, rect.bottom].map(Math.round).join(", ");
        return {html, problem: `outside the ${innerWidth}×${innerHeight} viewport at ${where}`};
    }
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    if (hit === null || !(element === hit || element.contains(hit)
            || (element.labels && [...element.labels].some(label => label.contains(hit))))) {
        return {html, problem: `covered by ${hit ? hit.outerHTML.slice(0, 80) : "nothing"}`};
    }
    return {html, problem: null, scrolled: scrollY};
}"""


def _tab_through(page):
    """Tab from the top to the end of the page, then Shift+Tab back up.

    Returns the problems met and the number of stops down. Going down, the
    browser scrolls each element up from the bottom edge; going back up, it
    scrolls each down from the top edge, where a sticky header would be.
    """
    problems, seen, deepest = [], [], 0
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_IN_SIGHT)
        if focus is None or (seen and focus["html"] == seen[0]):
            break  # on to the browser's own controls, or round again
        seen.append(focus["html"])
        if focus["problem"]:
            problems.append(f"{focus['html']}: {focus['problem']}")
        else:
            deepest = max(deepest, focus["scrolled"])
    page.keyboard.press("Shift+Tab")  # back from the browser's controls to the last stop
    for _ in seen[:-1]:
        page.keyboard.press("Shift+Tab")
        focus = page.evaluate(_FOCUS_IN_SIGHT)
        if focus is not None and focus["problem"]:
            problems.append(f"{focus['html']} (going back up): {focus['problem']}")
    return problems, len(seen), deepest


@pytest.mark.parametrize("path", ["/", "/ar/arrangementer/"])
def test_tabbing_down_a_long_public_page_keeps_the_focus_in_sight(new_page, path):
    page = new_page(viewport=PHONE)
    page.goto(path)

    problems, stops, deepest = _tab_through(page)

    assert not problems, f"the focus is hidden on {path}:\n" + "\n".join(problems)
    assert stops > 20, f"only {stops} Tab stops on {path}"
    assert deepest > 2 * PHONE["height"], "the page scrolled as the focus moved down"


def test_tabbing_down_the_activity_form_keeps_the_focus_in_sight(new_page):
    page = new_page(viewport=PHONE)
    log_in(page)
    page.goto("/frivillig/aktivitet/")

    problems, stops, _ = _tab_through(page)

    assert not problems, "the focus is hidden on her activity log:\n" + "\n".join(problems)
    assert stops > 20, f"only {stops} Tab stops on her activity log"


def test_the_check_sees_a_sticky_header_over_the_focus(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/")
    # The header made sticky, with nothing to keep the focus clear of it.
    page.evaluate(
        """() => Object.assign(document.querySelector(".site-header").style,
            {position: "sticky", top: "0", zIndex: "20"})"""
    )

    problems, _, _ = _tab_through(page)

    assert any("(going back up): covered by" in problem for problem in problems), problems
