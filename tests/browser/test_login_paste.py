"""WCAG 3.3.8 Accessible Authentication: she logs in with a password pasted from elsewhere.

A volunteer who keeps her password in a note or a password manager copies it
and pastes it into the login form, on her phone, in Norwegian and in Arabic.
The fields' ``autocomplete`` names are checked with Django's test client
(tests/volunteers/accounts/test_login_autocomplete.py).
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_PASSWORD, DEMO_VOLUNTEER

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: A common phone, held upright.
PHONE = {"width": 360, "height": 740}


def _paste(page, selector, text):
    """Put ``text`` on the clipboard and paste it into the field with the keyboard."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("ControlOrMeta+V")


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_a_volunteer_logs_in_with_a_pasted_password(new_page, prefix):
    page = new_page(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{prefix}/logg-inn/")

    _paste(page, "#id_username", DEMO_VOLUNTEER)
    _paste(page, "#id_password", DEMO_PASSWORD)

    expect(page.locator("#id_username")).to_have_value(DEMO_VOLUNTEER)
    expect(page.locator("#id_password")).to_have_value(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert urlsplit(page.url).path == f"{prefix}/frivillig/", page.url
    expect(page.locator("form[action$='/logg-ut/'] button")).to_be_visible()
