"""The public forms in a real browser: "Become a bydelsmor" and "Ask for a bydelsmor" on a phone.

Both forms at phone width in Norwegian, Arabic and Somali pass axe-core with
no serious or critical violation and fit the screen; they are reached from a
section page with the section chosen, and sent without JavaScript. What was
stored is read from the demo site's SQLite file (``demo_database``).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_SECTION_SLUG as SECTION_SLUG
from tests.browser.test_activity import PHONE, _assert_fits, _assert_no_blocking_violations, _in

pytestmark = pytest.mark.xdist_group("browser")

FORMS = {"candidate": "bli-bydelsmor/", "request": "be-om-bydelsmor/"}
PREFIX = {"nb": "/", "ar": "/ar/", "so": "/so/"}


def _path(form, language):
    return PREFIX[language] + FORMS[form]


@pytest.mark.parametrize("language", ["nb", "ar", "so"])
@pytest.mark.parametrize("form", ["candidate", "request"])
def test_the_forms_on_a_phone_pass_axe_in_each_script(new_page, form, language):
    page = new_page(viewport=PHONE)
    page.goto(_path(form, language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    heading = "Become a bydelsmor" if form == "candidate" else "Ask for a bydelsmor"
    expect(page.locator("h1")).to_have_text(_in(language, heading))
    _assert_no_blocking_violations(page)
    _assert_fits(page)
    # The honeypot is out of sight, and no screen reader announces it.
    honeypot = page.locator("#id_website")
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["x"] >= PHONE["width"]
    assert page.locator(".honeypot").get_attribute("aria-hidden") == "true"


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_errors_are_announced_and_linked(new_page, language):
    """The server's own check (the form says ``novalidate``), as without JavaScript.

    With JavaScript on, for axe-core runs inside the page; the tests below send
    the forms with it off.
    """
    page = new_page(viewport=PHONE)
    page.goto(_path("candidate", language))
    with page.expect_navigation():
        page.click("form.account-form button[type=submit]")
    expect(page.locator(".form-errors[role=alert]")).to_be_visible()
    consent = page.locator("#id_consent")
    # The form_field include links each error to its field.
    field = page.locator("#id_section")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "id_section_error" in (field.get_attribute("aria-describedby") or "")
    expect(page.locator("#id_section_error")).to_contain_text(
        _in(language, "This field is required.")
    )
    expect(consent).not_to_be_checked()
    _assert_no_blocking_violations(page)
    _assert_fits(page)


def test_a_woman_asks_to_join_from_her_section_page_in_somali_without_javascript(
    new_page, demo_database, section_id
):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"/so/{SECTION_SLUG}/")
    page.locator(".outreach-links a.button").click()
    # The form in her language, her section chosen already.
    expect(page.locator("html")).to_have_attribute("lang", "so")
    expect(page.locator("#id_section")).to_have_value(str(section_id))
    page.fill("#id_name", "Hodan Browsertest")
    page.fill("#id_phone", "987 65 432")
    page.locator("input[name=languages]").first.check()
    page.check("#id_consent")
    with page.expect_navigation():
        page.click("form.account-form button[type=submit]")
    assert page.url.endswith("/so/bli-bydelsmor/takk/"), page.url
    expect(page.locator("h1")).to_have_text(_in("so", "Thank you!"))
    rows = demo_database(
        "SELECT section_id, phone, language_code FROM cms_candidate WHERE name = ?",
        "Hodan Browsertest",
    )
    assert rows == [(section_id, "987 65 432", "so")]


def test_a_health_nurse_asks_for_a_somali_speaking_bydelsmor_without_javascript(
    new_page, demo_database, section_id
):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{_path('request', 'nb')}?seksjon={section_id}")
    page.check("#id_requester_1")  # a service
    page.fill("#id_organisation", "Helsestasjonen Ski")
    (somali,) = demo_database("SELECT id FROM cms_spokenlanguage WHERE code = 'so'")
    page.select_option("#id_language", str(somali[0]))
    page.select_option("#id_topic", "health")
    page.fill("#id_name", "Kari Nettlesertest")
    page.fill("#id_email", "kari@helse.example.no")
    page.check("#id_consent")
    with page.expect_navigation():
        page.click("form.account-form button[type=submit]")
    assert page.url.endswith("/be-om-bydelsmor/takk/"), page.url
    rows = demo_database(
        "SELECT r.section_id, r.requester, r.topic, l.code FROM cms_contactrequest r"
        " JOIN cms_spokenlanguage l ON l.id = r.language_id WHERE r.name = ?",
        "Kari Nettlesertest",
    )
    assert rows == [(section_id, "service", "health", "so")]
