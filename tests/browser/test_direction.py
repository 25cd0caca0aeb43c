"""Mixed directions as Chromium lays them out on the Arabic pages, on a phone and wider.

An event's meta line (kind · place · section) holds Norwegian names in an
Arabic line: each is isolated, so the line reads from the right, kind first,
with each "·" between the names it separates, also where the line wraps. A
time range reads left to right ("18:00–20:00", never "20:00–18:00"), and a
language is named in Arabic first, its own name after it in brackets.
tests/core/test_direction.py checks the markup.
"""

import pytest

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

#: Where each piece lies, and whether a right-to-left reader meets them in
#: their order: on one line the earlier is right of the later, else above it.
_READING_ORDER = """
const ISOLATING = ["isolate", "plaintext", "isolate-override"];

function rectOf(node, start, end) {
    const range = document.createRange();
    if (start === undefined) range.selectNodeContents(node);
    else { range.setStart(node, start); range.setEnd(node, end); }
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    return rects.length ? rects[0] : range.getBoundingClientRect();
}

function readBefore(a, b) {
    const sameLine = Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2)
        < Math.min(a.height, b.height) / 2;
    return sameLine ? a.left >= b.right - 1 : a.bottom <= b.top + 1;
}

function pieces(element, marks) {
    // The element's children and the marks (such as "·") between them, in source order.
    const found = [];
    for (const node of element.childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
            found.push({text: node.textContent, rect: rectOf(node), element: node});
        } else {
            for (let i = 0; i < node.data.length; i++) {
                if (marks.includes(node.data[i])) {
                    found.push({text: node.data[i], rect: rectOf(node, i, i + 1)});
                }
            }
        }
    }
    return found;
}

function outOfOrder(element, marks) {
    const found = pieces(element, marks);
    const problems = [];
    for (let i = 1; i < found.length; i++) {
        if (!readBefore(found[i - 1].rect, found[i].rect)) {
            problems.push(`"${found[i - 1].text}" is not read before "${found[i].text}"`);
        }
    }
    return {pieces: found, problems: problems};
}
"""

_META_LINES = (
    "() => {"
    + _READING_ORDER
    + """
    return [...document.querySelectorAll(".event-item__meta")].map(line => {
        const {pieces, problems} = outOfOrder(line, ["·"]);
        const segments = pieces.filter(piece => piece.element);
        return {
            text: line.textContent,
            direction: getComputedStyle(line).direction,
            kinds: pieces.map(piece => piece.element ? "segment" : piece.text).join(" "),
            notIsolated: segments
                .filter(({element}) => element.tagName !== "BDI"
                    && !ISOLATING.includes(getComputedStyle(element).unicodeBidi))
                .map(({element}) => element.outerHTML),
            problems: problems,
        };
    });
}"""
)

_TIME_RANGES = (
    "() => {"
    + _READING_ORDER
    + """
    return [...document.querySelectorAll(".event-item__when .nowrap")]
        .filter(time => /^\\d\\d:\\d\\d–\\d\\d:\\d\\d$/.test(time.textContent))
        .map(time => {
            const text = time.firstChild;
            const start = rectOf(text, 0, 5), end = rectOf(text, 6, 11);
            return {text: time.textContent, startLeftOfEnd: start.right <= end.left + 1};
        });
}"""
)

_LANGUAGES_SPOKEN = (
    "() => {"
    + _READING_ORDER
    + """
    const list = document.querySelector(".facts .inline-list");
    return [...list.children].map(item => {
        const {pieces, problems} = outOfOrder(item, ["(", ")"]);
        return {
            text: item.textContent,
            kinds: pieces.map(piece => piece.element ? piece.element.lang || "reader" : piece.text),
            problems: problems,
        };
    });
}"""
)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_arabic_event_line_reads_from_the_right_with_its_separators_between(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/ar/arrangementer/")

    lines = page.evaluate(_META_LINES)

    assert len(lines) >= 3, "the demo's Arabic calendar lists events"
    for line in lines:
        assert line["direction"] == "rtl", line["text"]
        assert line["kinds"] == "segment · segment · segment", line["text"]
        assert line["notIsolated"] == [], line["text"]
        assert line["problems"] == [], line["text"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_arabic_time_range_reads_left_to_right(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/ar/arrangementer/")

    ranges = page.evaluate(_TIME_RANGES)

    assert ranges, "the demo's Arabic calendar shows times"
    assert [time for time in ranges if not time["startLeftOfEnd"]] == []


def test_an_arabic_event_page_names_a_language_in_arabic_first(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/ar/arrangementer/?sprak=so")
    page.locator(".event-item__title a").first.click()

    languages = page.evaluate(_LANGUAGES_SPOKEN)

    somali = [language for language in languages if "Soomaali" in language["text"]]
    assert somali, languages
    # Somali in Arabic, then its own name in brackets, read from the right.
    assert somali[0]["text"] == "الصومالية (Soomaali)"
    assert somali[0]["kinds"] == ["reader", "(", "so", ")"]
    assert somali[0]["problems"] == []
