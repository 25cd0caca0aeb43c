"""WCAG 3.2.6 Consistent Help: the way to reach a person is in the same place on every page.

The footer's help, the network's e-mail and phone, then "About us" and the
accessibility statement (with its own contact), must come in the same order on
the key public pages in every language and in the volunteer's private area: the
same links, only the language prefix of a page's path differing.
"""

import re

import pytest
from django.conf import settings

from tests.browser.helpers import KEY_PAGES, log_in

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: Her private pages, in Norwegian and Arabic (cms/demo/data/training.toml).
PRIVATE_PAGES = ["/frivillig/", "/frivillig/aktivitet/", "/ar/frivillig/", "/bytt-passord/"]

_LANGUAGE_PREFIX = re.compile(
    r"^/(?:{})/".format("|".join(re.escape(code) for code, _ in settings.LANGUAGES))
)


def _footer_links(page):
    """The footer's links in order, each a path without its language prefix."""
    hrefs = page.locator("footer a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return [_LANGUAGE_PREFIX.sub("/", href) for href in hrefs]


def test_the_footer_offers_help_in_the_same_order_on_every_page(new_page, key_pages):
    page = new_page()
    page.goto("/")
    expected = _footer_links(page)
    assert [href.split(":")[0] for href in expected[:2]] == ["mailto", "tel"], expected

    differing = {}
    for name in KEY_PAGES:
        page.goto(key_pages[name])
        if _footer_links(page) != expected:
            differing[key_pages[name]] = _footer_links(page)
    log_in(page)
    for path in PRIVATE_PAGES:
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        if _footer_links(page) != expected:
            differing[path] = _footer_links(page)

    assert not differing, f"the front page's footer has {expected}; others differ: {differing}"


def test_the_help_comes_after_the_main_content_on_every_key_page(new_page, key_pages):
    page = new_page()
    for name in KEY_PAGES:
        page.goto(key_pages[name])
        order = page.evaluate(
            """() => {
                const main = document.querySelector("main");
                const help = document.querySelector("footer a[href^='mailto:']");
                return help && main.compareDocumentPosition(help);
            }"""
        )
        # Node.DOCUMENT_POSITION_FOLLOWING, not inside main.
        assert order == 4, f"the footer's e-mail on {key_pages[name]} is not after the content"
