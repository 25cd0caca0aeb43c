"""The Content-Security-Policy: strict on the site, what the admin needs under /admin/.

The browser suite (tests/browser) opens the pages in Chromium and fails on
any report of the policy; these tests pin the policy itself and check that
the site's own HTML needs nothing inline.
"""

import re
from pathlib import Path

import pytest

from tests.factories import EventFactory, EventIndexPageFactory, NewsIndexPageFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


@pytest.fixture
def pages(home, nordre_follo):
    calendar = EventIndexPageFactory(parent=home)
    event = EventFactory(section=nordre_follo, title="Temakveld")
    news = NewsIndexPageFactory(parent=home)
    return ["/", nordre_follo.url, calendar.url, f"{calendar.url}{event.pk}/", news.url]


def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, pages):
    for url in [*pages, "/logg-inn/", "/sok/?q=kurs", "/finnes-ikke/"]:
        policy = _policy(client.get(url))
        assert policy["script-src"] == {"'self'"}, url
        assert policy["style-src"] == {"'self'"}, url
        assert policy["object-src"] == {"'none'"}
        assert policy["frame-ancestors"] == {"'none'"}
        assert policy["base-uri"] == {"'self'"}
        assert policy["form-action"] == {"'self'"}


def test_kept_pages_carry_the_policy_too(client, site_settings, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert _policy(response)["script-src"] == {"'self'"}


def test_the_admin_gets_its_inline_scripts_and_styles_and_may_frame_its_previews(
    admin_client, home
):
    policy = _policy(admin_client.get("/admin/"))
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["frame-ancestors"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}


def test_a_preview_may_be_framed_by_the_admin_and_is_never_kept(admin_client, home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    home.title = "Forside i utkast"
    revision = home.save_revision()
    url = f"/admin/pages/{home.pk}/revisions/{revision.pk}/view/"

    for _ in range(2):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "Forside i utkast" in response.content.decode()
        assert "X-Page-Cache" not in response
        assert _policy(response)["frame-ancestors"] == {"'self'"}


def test_the_sites_html_has_no_inline_script_or_style(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style[\s>]", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_no_template_of_the_site_writes_inline_script_or_style():
    """Outside the admin's own templates, which its policy covers."""
    for template in TEMPLATES.rglob("*.html"):
        if "admin" in template.relative_to(TEMPLATES).parts[:2]:
            continue
        source = template.read_text()
        assert not re.search(r"\sstyle=|<style[\s>]|\son[a-z]+=\"", source), template
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), template


def test_editors_e_mail_addresses_are_not_sent_to_gravatar(admin_client, home):
    assert "gravatar" not in admin_client.get("/admin/").content.decode()
