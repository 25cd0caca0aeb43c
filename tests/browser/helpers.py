"""What the browser tests share: the key pages, logging in, and what a keyboard user sees."""

import re
from urllib.parse import urlsplit

#: The demo's volunteer and the demo accounts' password (cms/demo/data/training.toml).
DEMO_VOLUNTEER, DEMO_PASSWORD = "frivillig-nordrefollo", "bydelsmor-demo"

#: The calendar, filtered to courses in Arabic (the demo has some).
FILTERED_CALENDAR = "/arrangementer/?kategori=kurs&sprak=ar"

#: The public pages every visitor meets, by the names the tests are shown with
#: (the paths are in the ``key_pages`` fixture).
KEY_PAGES = [
    "front page",
    "section",
    "filtered calendar",
    "event",
    "news article",
    "search",
    "login",
    "Arabic front page",
    "Arabic section",
    "Somali front page",
    "Somali section",
    "Urdu section",
    "Persian section",
    "language directory",
    "Arabic language directory",
    "Arabic calendar",
]

#: WCAG 1.4.11 and 2.4.13: a focus ring needs 3:1 against what is behind it.
FOCUS_CONTRAST = 3.0

#: The focused element's outline and shadow, and the colour behind it: that of
#: the nearest ancestor with a background colour (gradients are not seen).
_FOCUS_STYLE = """element => {
    if (element === null || element === document.body) {
        return null;
    }
    const style = getComputedStyle(element);
    let behind = element.parentElement;
    let background = "rgb(255, 255, 255)";
    while (behind) {
        const colour = getComputedStyle(behind).backgroundColor;
        if (colour !== "transparent" && !colour.startsWith("rgba(0, 0, 0, 0)")) {
            background = colour;
            break;
        }
        behind = behind.parentElement;
    }
    return {
        element: element.outerHTML.slice(0, 120),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        background: background,
    };
}"""


def focus_problem(page):
    """Why the focused element's focus is hard to see, or None when it is visible."""
    style = page.evaluate(f"({_FOCUS_STYLE})(document.activeElement)")
    if style is None:
        return "nothing on the page has focus"
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] > 0
    if not has_outline and style["boxShadow"] == "none":
        return f"no outline and no box-shadow on {style['element']}"
    if has_outline and style["outlineStyle"] != "auto":
        ratio = contrast(style["outlineColor"], style["background"])
        if ratio < FOCUS_CONTRAST:
            return (
                f"the focus outline {style['outlineColor']} has {ratio:.1f}:1 against"
                f" {style['background']} (needs {FOCUS_CONTRAST}:1) on {style['element']}"
            )
    return None


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has focus.

    Every element passed on the way must show where the focus is (WCAG 2.4.7).
    """
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        problem = focus_problem(page)
        assert problem is None, f"focus is not visible: {problem}"
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
        passed.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"Tab never reached {selector}; it passed:\n" + "\n".join(passed))


def contrast(foreground, background):
    """The WCAG contrast ratio of two computed CSS colours (``rgb(…)``)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour):
    red, green, blue = (float(part) / 255 for part in re.findall(r"[\d.]+", colour)[:3])
    return sum(
        weight * (part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4)
        for weight, part in zip((0.2126, 0.7152, 0.0722), (red, green, blue), strict=True)
    )


def log_in(page, username=DEMO_VOLUNTEER):
    """Log in on the site's own login page; a volunteer lands in her area."""
    page.goto("/logg-inn/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form.account-form button[type=submit]")
    assert urlsplit(page.url).path != "/logg-inn/", f"{username} could not log in"
