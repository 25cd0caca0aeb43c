"""The key public pages in a real browser: axe-core, page weight, no JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.helpers import KEY_PAGES

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: WCAG 2.0 to 2.2, A and AA. axe-core (4.12, bundled by axe-playwright-python) has
#: no "wcag22a" rule; "wcag22aa" brings target-size (2.5.8), which axe leaves off
#: unless asked for by its tag.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}

#: What a page may transfer, images left out: HTML, CSS, JavaScript and fonts.
PAGE_WEIGHT_LIMIT = 100 * 1024

axe = Axe()


def _describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}: {node['html']}")
            lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
    return "\n".join(lines)


@pytest.mark.parametrize("name", KEY_PAGES)
def test_key_page_has_no_serious_accessibility_violations(page, key_pages, name):
    response = page.goto(key_pages[name])
    assert response.ok, f"{key_pages[name]} answered {response.status}"

    results = axe.run(page, options=AXE_OPTIONS)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {key_pages[name]}:\n{_describe(blocking)}"


def _is_image(request):
    response = request.response()
    content_type = response.headers.get("content-type", "") if response else ""
    # The favicon is an image the browser fetches as type "other".
    return request.resource_type == "image" or content_type.startswith("image/")


@pytest.mark.parametrize("name", KEY_PAGES)
def test_key_page_loads_all_it_needs_in_under_100_kb_without_images(
    new_page, server, key_pages, name, record_property
):
    page = new_page()  # a fresh context: nothing cached, as on a first visit
    finished, failed, errors = [], [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request))

    def on_console(message):
        if message.type == "error":  # such as a style the Content-Security-Policy refuses
            errors.append(message.text)

    page.on("console", on_console)

    page.goto(key_pages[name], wait_until="networkidle")  # late fonts and scripts too

    counted = {r.url: r.sizes()["responseBodySize"] for r in finished if not _is_image(r)}
    weight = sum(counted.values())
    record_property("page_weight", f"{name} ({key_pages[name]}): {weight / 1024:.1f} KB")
    broken = [f"{r.url} ({r.failure})" for r in failed]
    broken += [f"{r.url} ({r.response().status})" for r in finished if r.response().status >= 400]
    assert not broken, f"{key_pages[name]} could not load: {broken}"
    assert not errors, f"the browser reported errors on {key_pages[name]}: {errors}"
    assert server + key_pages[name] in counted, "the page itself is counted"
    assert weight < PAGE_WEIGHT_LIMIT, (
        f"{key_pages[name]} transfers {weight / 1024:.1f} KB without images"
        f" (limit {PAGE_WEIGHT_LIMIT // 1024} KB): {counted}"
    )


@pytest.mark.parametrize("name", KEY_PAGES)
def test_key_page_works_without_javascript(new_page, key_pages, name):
    page = new_page(java_script_enabled=False)

    page.goto(key_pages[name])

    expect(page.locator("main h1").first).to_be_visible()
    expect(page.locator("main h1").first).not_to_be_empty()
    expect(page.locator("header nav.main-nav a").first).to_be_visible()
    # The language switcher is a <details>: it opens by itself.
    switcher = page.locator(".language-switcher")
    switcher.locator("summary").click()
    expect(switcher.locator("a[hreflang], a[href]").first).to_be_visible()
