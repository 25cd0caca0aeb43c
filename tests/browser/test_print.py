"""Right-to-left print (issue 22): the module handout and the event page on A4 in ar, ur and fa.

The demo's volunteer prints two training modules from her area and the public
page of an event, all three translated through wagtail-localize, in Arabic,
Urdu and Persian. In print media the DOM must say right to left, set the body
text in Noto Naskh Arabic (ar, fa) or Noto Nastaliq Urdu (ur) from
static/fonts, and keep every line inside the printable width of A4; the PDF
Chromium makes must be A4 with the face embedded, its text inside the page's
margins and the page's own words in it, time ranges not turned around.

Chromium's PDF draws Arabic letters as several glyphs (a letter and its dots)
and gives their text as ``/ActualText``, which pypdf's ``extract_text`` does
not read: ``_pdf_runs`` reads the content stream itself.
"""

import functools
import re
import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from tests.browser.helpers import log_in

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: What is printed: the Norwegian originals, translated in the demo into every
#: language here (cms/demo/data/translations.toml).
MODULES = {
    "welcome module": "Velkommen: hva er en bydelsmor?",
    "health module": "Helse: helsestasjon, fastlege og vaksiner",
}
EVENT = "Temakveld: Helse og helsestasjonen"
DOCUMENTS = [*MODULES, "event"]
#: The face each language's body text is printed in, and its name in a PDF.
FACES = {"ar": "Noto Naskh Arabic", "ur": "Noto Nastaliq Urdu", "fa": "Noto Naskh Arabic"}
PDF_FONT_NAMES = {"Noto Naskh Arabic": "NotoNaskhArabic", "Noto Nastaliq Urdu": "NotoNastaliqUrdu"}
#: Line height over font size, at least: Nastaliq's letters rise and fall far
#: beyond the line (the face's own ascent and descent make 2.5).
MIN_LINE_HEIGHT = {"Noto Naskh Arabic": 1.5, "Noto Nastaliq Urdu": 2.5}
#: Where the page's own text is, besides its main heading.
BODY_TEXT = {"welcome module": "main .lead", "health module": "main .lead", "event": ".rich-text p"}

#: A4 in points, and the margins of static/css/print.css's @page in millimetres.
A4 = (595.28, 841.89)
MARGIN_TOP, MARGIN_INLINE, MARGIN_BOTTOM = 18, 16, 20
POINTS_PER_MM = 72 / 25.4
#: The printable width in CSS pixels (96 to the inch): the print layout's viewport.
PRINTABLE_WIDTH = int((210 - 2 * MARGIN_INLINE) / 25.4 * 96)
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

#: What the DOM says about the page, once its fonts have loaded in print media.
_PRINT_FACTS = """async bodyText => {
    document.body.getBoundingClientRect();
    await document.fonts.ready;
    const root = document.documentElement;
    const width = root.clientWidth;
    const heading = document.querySelector("main h1");
    const body = document.querySelector(bodyText);
    const style = element => getComputedStyle(element);
    const hidden = element => {
        for (let node = element; node && node !== document.body; node = node.parentElement) {
            if (style(node).clip !== "auto" || style(node).clipPath !== "none") return true;
        }
        return false;
    };
    const describe = (node, rect) => {
        const text = (node.textContent || "").trim().slice(0, 60);
        return `${text} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`;
    };

    // Every line of text, measured as the glyphs it is drawn with, and every
    // box (a link's written-out address is no text node of its own).
    const outside = [];
    const beyond = rect => rect.width && (rect.left < -1 || rect.right > width + 1);
    for (const element of document.querySelectorAll("body *")) {
        if (hidden(element)) continue;
        for (const rect of element.getClientRects()) {
            if (beyond(rect)) {
                outside.push(`<${element.localName}> ${describe(element, rect)}`);
            }
        }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (!text.textContent.trim() || hidden(text.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const rect of range.getClientRects()) {
            if (beyond(rect)) {
                outside.push(describe(text, rect));
            }
        }
    }
    // Boxes that cut off what does not fit in them.
    const clipped = [...document.querySelectorAll("body *")]
        .filter(element => element.getClientRects().length && !hidden(element))
        .filter(element => {
            const s = style(element);
            const cuts = value => value === "hidden" || value === "clip";
            return (cuts(s.overflowX) && element.scrollWidth > element.clientWidth + 1)
                || (cuts(s.overflowY) && element.scrollHeight > element.clientHeight + 1);
        })
        .map(element => element.outerHTML.slice(0, 100));

    const lineHeight = parseFloat(style(body).lineHeight) / parseFloat(style(body).fontSize);
    return {
        lang: root.lang,
        dir: root.dir,
        headingLang: heading.closest("[lang]").lang,
        headingText: heading.innerText,
        bodyLang: body.closest("[lang]").lang,
        bodyText: body.innerText,
        directions: [document.querySelector("main"), heading, body].map(e => style(e).direction),
        bodyFont: style(body).fontFamily.split(",")[0].replaceAll('"', "").trim(),
        lineHeight: lineHeight,
        loadedFaces: [...document.fonts]
            .filter(face => face.status === "loaded")
            .map(face => face.family.replaceAll('"', "")),
        times: [...document.querySelectorAll("main .nowrap")].map(e => e.innerText),
        isolated: [...document.querySelectorAll("main bdi")].map(e => e.innerText),
        outside: outside,
        clipped: clipped,
        pageWidth: root.scrollWidth,
        width: width,
    };
}"""


@pytest.fixture(scope="module")
def source_ids(demo_database, section_id):
    """The Norwegian originals' ids, which the module and event URLs carry."""

    def norwegian(table, title, condition="", *params):
        rows = demo_database(
            f"SELECT o.id FROM {table} o JOIN wagtailcore_locale l ON l.id = o.locale_id"  # noqa: S608 - our own table names
            f" WHERE o.title = ? AND l.language_code = 'nb'{condition}",
            title,
            *params,
        )
        assert len(rows) == 1, f"{title}: {rows}"
        return rows[0][0]

    ids = {name: norwegian("cms_curriculummodule", title) for name, title in MODULES.items()}
    ids["event"] = norwegian("cms_event", EVENT, " AND o.section_id = ?", section_id)
    return ids


@pytest.fixture(scope="module")
def logged_in(browser, server):
    """Her session, from one login, for every language's context."""
    context = browser.new_context(base_url=server)
    try:
        log_in(context.new_page())
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture(scope="module")
def print_page(browser, server, logged_in):
    """A function giving one tab per language, logged in, as wide as A4's printable width."""
    contexts = {}

    def open_page(language):
        if language not in contexts:
            context = browser.new_context(
                base_url=server,
                storage_state=logged_in,
                viewport={"width": PRINTABLE_WIDTH, "height": 1000},
            )
            context.set_default_timeout(10_000)
            contexts[language] = context.new_page()
        return contexts[language]

    yield open_page
    for page in contexts.values():
        page.context.close()


def _module_print_path(page, language, module_id):
    """The module's print view, found as she would: area, programme, module, print link."""
    page.goto(f"/{language}/frivillig/")
    page.locator("main a[href$='/opplaering/']").first.click()
    page.locator(f"main a[href$='/opplaering/{module_id}/']").first.click()
    return page.locator(f"main a[href$='/opplaering/{module_id}/utskrift/']").get_attribute("href")


@pytest.fixture(scope="module")
def printed(print_page, source_ids):
    """A function printing a document in a language: the DOM's facts and the PDF, once each."""

    @functools.cache
    def print_document(language, document):
        page = print_page(language)
        page.emulate_media(media="screen")
        if document == "event":
            path = f"/{language}/arrangementer/{source_ids['event']}/"
        else:
            path = _module_print_path(page, language, source_ids[document])
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        page.emulate_media(media="print")
        facts = page.evaluate(_PRINT_FACTS, BODY_TEXT[document])
        pdf = PdfReader(BytesIO(page.pdf(format="A4", print_background=False)))
        return path, facts, pdf

    return print_document


def _pdf_font_names(pdf):
    """The embedded fonts' PostScript names, without their subset tags (``ABCDEF+``)."""
    return {
        str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def _to_unicode(font):
    """A font's ToUnicode map: glyph code to text."""
    if "/ToUnicode" not in font:
        return {}
    data = font["/ToUnicode"].get_object().get_data()

    def text(hex_code):
        return bytes.fromhex(hex_code.decode()).decode("utf-16-be")

    table = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        codes = re.findall(rb"<([0-9A-Fa-f]+)>", block)
        for source, target in zip(codes[::2], codes[1::2], strict=True):
            table[int(source, 16)] = text(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.DOTALL):
        for line in re.findall(rb"<[^\n]*", block):
            low, high, *targets = re.findall(rb"<([0-9A-Fa-f]+)>", line)
            low, high = int(low, 16), int(high, 16)
            if b"[" in line:
                table.update({low + i: text(target) for i, target in enumerate(targets)})
            else:
                first = text(targets[0])
                for i in range(high - low + 1):
                    table[low + i] = first[:-1] + chr(ord(first[-1]) + i)
    return table


def _pdf_runs(pdf):
    """The text of each run Chromium drew (one per BT…ET), in the order of the text.

    A letter drawn as several glyphs has its text in ``/ActualText``; a
    right-to-left run's glyphs are drawn left to right inside ``/ReversedChars``.
    """
    runs = []
    for page in pdf.pages:
        fonts = {
            name: _to_unicode(font.get_object())
            for name, font in page["/Resources"].get("/Font", {}).items()
        }
        table, clusters, marks = {}, [], []
        for operands, operator in ContentStream(page.get_contents(), pdf).operations:
            if operator == b"Tf":
                table = fonts.get(operands[0], {})
            elif operator == b"BMC":
                marks.append(("reversed" if operands[0] == "/ReversedChars" else "", len(clusters)))
            elif operator == b"BDC":
                actual = operands[1].get("/ActualText") if hasattr(operands[1], "get") else None
                if actual is not None:
                    clusters.append(str(actual))
                marks.append(("actual" if actual is not None else "", len(clusters)))
            elif operator == b"EMC" and marks:
                kind, start = marks.pop()
                if kind == "reversed":
                    clusters[start:] = clusters[start:][::-1]
            elif operator in (b"Tj", b"TJ") and not any(kind == "actual" for kind, _ in marks):
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for string in strings:
                    if isinstance(string, bytes | str):
                        codes = string if isinstance(string, bytes) else string.original_bytes
                        clusters += [
                            table.get(int.from_bytes(codes[i : i + 2], "big"), "")
                            for i in range(0, len(codes) - 1, 2)
                        ]
            elif operator == b"ET":
                runs.append("".join(clusters))
                clusters = []
    return runs


def _words(text):
    """Words to compare: Unicode-normalised, marks and punctuation left out."""
    text = unicodedata.normalize("NFKC", text)
    words = ("".join(ch for ch in word if ch.isalnum()) for word in text.split())
    return {word for word in words if word}


def _text_outside_margins(pdf):
    """Text drawn outside the @page margins (the page number in the bottom one aside).

    A line whose letters rise above its line box, at the top of a page, is cut
    there and its tips drawn at the foot of the page before: found here.
    """
    width, height = A4
    left, right = MARGIN_INLINE * POINTS_PER_MM, width - MARGIN_INLINE * POINTS_PER_MM
    bottom, top = MARGIN_BOTTOM * POINTS_PER_MM, height - MARGIN_TOP * POINTS_PER_MM
    outside = []
    for number, page in enumerate(pdf.pages, start=1):

        def visit(text, cm, tm, font, size, number=number):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if y < bottom and text.strip() == str(number):
                return
            if not (left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1):
                outside.append(f"page {number}: {text.strip()[:40]!r} at ({x:.0f}, {y:.0f})")

        page.extract_text(visitor_text=visit)
    return outside


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_prints_right_to_left(printed, language, document):
    path, facts, _pdf = printed(language, document)
    assert (facts["lang"], facts["dir"]) == (language, "rtl"), path
    assert facts["directions"] == ["rtl"] * 3, f"main, h1, body text of {path}"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_prints_in_the_language(printed, language, document):
    """The translation is printed, not the Norwegian original under a notice."""
    path, facts, _pdf = printed(language, document)
    assert facts["headingLang"] == facts["bodyLang"] == language, path
    assert ARABIC_SCRIPT.search(facts["headingText"]), facts["headingText"]
    assert ARABIC_SCRIPT.search(facts["bodyText"]), facts["bodyText"]


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_prints_in_the_language_face(printed, language, document):
    """The body text in its face, loaded; the other face not downloaded."""
    path, facts, _pdf = printed(language, document)
    face = FACES[language]
    assert facts["bodyFont"] == face, path
    assert face in facts["loadedFaces"], f"{face} is not loaded on {path}"
    others = set(PDF_FONT_NAMES) - {face}
    assert not others & set(facts["loadedFaces"]), f"{path} downloads {others}"
    assert facts["lineHeight"] >= MIN_LINE_HEIGHT[face], f"line height {facts['lineHeight']}"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_no_text_is_cut(printed, language, document):
    path, facts, _pdf = printed(language, document)
    assert facts["width"] == PRINTABLE_WIDTH
    assert facts["pageWidth"] <= facts["width"] + 1, f"{path} is wider than A4's printable width"
    assert not facts["outside"], f"text outside A4's printable width on {path}: {facts['outside']}"
    assert not facts["clipped"], f"boxes cutting off their text on {path}: {facts['clipped']}"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_pdf_is_a4_with_the_face_embedded(printed, language, document):
    path, _facts, pdf = printed(language, document)
    assert len(pdf.pages) >= 1
    for page in pdf.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1), f"{path}: a page of {size} points"
    wanted = PDF_FONT_NAMES[FACES[language]]
    fonts = _pdf_font_names(pdf)
    assert any(name.startswith(wanted) for name in fonts), f"{path} embeds only {fonts}"
    outside = _text_outside_margins(pdf)
    assert not outside, f"{path}: {outside}"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", FACES)
def test_pdf_has_the_page_text_in_order(printed, language, document):
    """The heading's words are in the PDF; times and addresses read left to right."""
    path, facts, pdf = printed(language, document)
    runs = _pdf_runs(pdf)
    missing = _words(facts["headingText"]) - _words(" ".join(runs))
    assert not missing, f"{path}: the PDF lacks {missing} of the heading"
    # Latin and digits only: an Arabic phrase's words are runs drawn right to
    # left, and a language's own name in another script ("ትግርኛ" beside
    # Tigrinya) has no face in the print fonts to be drawn with.
    fragments = [
        " ".join(fragment.split())
        for fragment in facts["times"] + facts["isolated"]
        if _latin_or_digits(fragment)
    ]
    if document == "event":
        assert len(fragments) >= 2, f"{path} shows no time or address: {fragments}"
    text = " ".join(" ".join(runs).split())
    turned = [fragment for fragment in fragments if fragment not in text]
    assert not turned, f"{path}: {turned} are not drawn left to right in one piece: {runs}"


def _latin_or_digits(text):
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def test_screen_downloads_no_print_font(browser, server, logged_in, source_ids):
    """The faces are for paper: a phone showing an Arabic page never fetches them."""
    context = browser.new_context(base_url=server, storage_state=logged_in)
    try:
        page = context.new_page()
        fonts = []
        page.on("request", lambda request: fonts.append(request.url))
        for path in [
            f"/ar/arrangementer/{source_ids['event']}/",
            f"/ur/frivillig/opplaering/{source_ids['health module']}/utskrift/",
        ]:
            assert page.goto(path, wait_until="networkidle").ok, path
        assert page.evaluate("[...document.fonts].some(face => face.status === 'loaded')") is False
        fonts = [url for url in fonts if "/static/fonts/" in url]
        assert not fonts, fonts
    finally:
        context.close()
