"""The Wagtail admin works under the Content-Security-Policy, in a real browser.

The policy allows the admin what Wagtail needs (cms.platform.security); if Wagtail
starts needing more, an editor's form would silently stop working, so this
opens the screens editors use every day and fails on any report of the policy.
"""

import pytest

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: The demo's superuser (cms/management/commands/load_demo.py).
USERNAME, PASSWORD = "admin", "bydelsmor-demo"


@pytest.fixture
def editor_page(new_page):
    """A tab logged in to the admin, and the policy reports it collects."""
    page = new_page()
    reports = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            reports.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.goto("/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page, reports


#: The Norwegian page's edit link among the search results, whose title cells
#: also list the aliases and translations, each labelled with its language.
_NORWEGIAN_EDIT_LINK = """title => {
    for (const cell of document.querySelectorAll("td.title")) {
        const link = cell.querySelector("a[href*='/edit/']");
        const label = cell.querySelector(".w-status--label");
        if (link && link.textContent.trim() === title && label
                && /bokmål/i.test(label.textContent)) {
            return link.getAttribute("href");
        }
    }
    return null;
}"""


def _edit_url(page, title, page_type="cms.municipalitypage"):
    """The edit view of the Norwegian page ``title`` (not its alias in another language)."""
    page.goto(f"/admin/pages/search/?q={title}&content_type={page_type}")
    href = page.evaluate(f"({_NORWEGIAN_EDIT_LINK})", title)
    assert href, f"the admin's search lists no Norwegian page {title!r}"
    return href


def test_the_everyday_admin_screens_work_under_the_policy(editor_page):
    page, reports = editor_page
    for path in ("/admin/", "/admin/pages/", "/admin/snippets/cms/event/", "/admin/documents/"):
        response = page.goto(path, wait_until="networkidle")
        assert response.ok, path

    page.goto(_edit_url(page, "Nordre Follo"), wait_until="networkidle")
    # The rich text editor exists only once the admin's scripts have run.
    assert page.locator(".Draftail-Editor").count() > 0

    page.goto("/admin/snippets/cms/event/add/", wait_until="networkidle")
    assert page.locator("form#page-edit-form, form[data-edit-form], main form").count() > 0

    assert not reports, "\n".join(reports)


def test_the_preview_panel_shows_the_page_inside_the_admin(editor_page):
    page, reports = editor_page
    page.goto(_edit_url(page, "Nordre Follo"), wait_until="networkidle")

    page.locator("[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator("iframe[id*='preview'], .preview-panel iframe").first
    # The page itself, rendered by the site's templates inside the admin's frame.
    preview.locator("h1").first.wait_for()
    assert preview.locator("h1").first.inner_text().strip() == "Nordre Follo"

    assert not reports, "\n".join(reports)
