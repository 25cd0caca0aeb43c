"""Hostile text is escaped on the site's pages and in the admin.

Event titles, places and addresses, section names, page blocks, image and
document titles and people's names carry markup, quotes and ampersands; each
test reads a page as a browser would and checks the text arrives as text:
on the event's page and in listings, on section and front pages, in search
results and in the admin's listings and messages.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape
from wagtail.images.tests.utils import get_test_image_file

from tests.bad_input.surfaces import Document, Image
from tests.factories import EventFactory, StandardPageFactory
from tests.helpers.events import at
from tests.helpers.hostile import HOSTILE, IMG, SCRIPT, body, cta, page_html
from tests.helpers.sections import editors

pytestmark = pytest.mark.django_db


UNIQUE = "Kvitveisprosjektet"


def assert_inert(content, *values):
    """No raw markup in ``content``; each value there in its escaped form."""
    text = content.decode() if isinstance(content, bytes) else content
    assert "<script>alert(1)</script>" not in text
    assert "<img src=x onerror" not in text
    for value in values:
        assert escape(value) in text


# --- HTML pages ----------------------------------------------------------------------


def test_event_text_is_escaped_on_its_page_and_in_listings(client, hostile_event, nordre_follo):
    for url in (f"/arrangementer/{hostile_event.pk}/", "/arrangementer/", nordre_follo.url, "/"):
        assert_inert(page_html(client, url), HOSTILE, f"Kafé {IMG}")
    event_page = page_html(client, f"/arrangementer/{hostile_event.pk}/")
    assert_inert(event_page, f"Storgata 1 {SCRIPT}", SCRIPT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in event_page


def test_a_section_title_is_escaped_wherever_it_is_named(client, section, calendar):
    ski = section(f"Ski {SCRIPT}", slug="ski")
    event = EventFactory(section=ski, start=at(3, 3), end=at(3, 3, 20))
    for url in (ski.url, "/", "/arrangementer/", f"/arrangementer/{event.pk}/"):
        assert_inert(page_html(client, url), f"Ski {SCRIPT}")


def test_page_blocks_and_image_titles_are_escaped(client, home):
    image = Image.objects.create(title=HOSTILE, file=get_test_image_file())
    page = StandardPageFactory(
        parent=home,
        title=HOSTILE,
        slug="om-oss",
        body=body(
            ("heading", {"text": HOSTILE, "level": "h2"}),
            ("paragraph", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
            ("image", {"image": image.pk, "alt_text": HOSTILE, "caption": IMG}),
            ("quote", {"quote": SCRIPT, "attribution": IMG}),
            ("call_to_action", {**cta("https://example.no/"), "title": SCRIPT, "text": IMG}),
            ("contact_card", {"role": SCRIPT, "email": "", "phone": IMG, "hours": SCRIPT}),
        ),
    )
    assert_inert(page_html(client, page.url), HOSTILE, SCRIPT, IMG)


def test_search_results_escape_titles_excerpts_and_the_query(client, home, calendar, nordre_follo):
    StandardPageFactory(parent=home, title=f"{UNIQUE} {HOSTILE}", intro=f"{UNIQUE} {IMG}")
    EventFactory(section=nordre_follo, title=f"{UNIQUE} {HOSTILE}", start=at(3, 3), end=at(3, 4))
    html = page_html(client, f"/sok/?q={UNIQUE}")
    assert f"<mark>{UNIQUE}</mark>" in html
    assert_inert(html, f" {HOSTILE}", f" {IMG}")
    assert_inert(client.get("/sok/", {"q": HOSTILE}).content, HOSTILE)


# --- Admin listings ------------------------------------------------------------------


def test_admin_listings_escape_titles_and_names(admin_client, section, member, hostile_event):
    ski = section(f"Ski {SCRIPT}", slug="ski")
    person = member("kari", editors(ski))
    person.first_name, person.last_name = SCRIPT, IMG
    person.save()
    Document.objects.create(title=HOSTILE, file=ContentFile(b"%PDF-1.7", name="kurs.pdf"))
    for name, args in [
        ("wagtailsnippets_cms_event:list", ()),
        ("wagtailimages:index", ()),
        ("wagtaildocs:index", ()),
        ("wagtailadmin_explore", (ski.get_parent().pk,)),
        ("cms_sections", ()),
        ("cms_section_people", (ski.pk,)),
        ("wagtailadmin_pages:history", (ski.pk,)),
    ]:
        assert_inert(page_html(admin_client, reverse(name, args=args)))
    assert escape(f"{SCRIPT} {IMG}") in page_html(
        admin_client, reverse("cms_section_people", args=(ski.pk,))
    )


def test_the_message_after_adding_a_person_escapes_her_name(admin_client, nordre_follo):
    response = admin_client.post(
        reverse("cms_section_people", args=(nordre_follo.pk,)),
        {"action": "add", "role": "editors", "person": "ny@example.no"}
        | {"first_name": SCRIPT, "last_name": IMG},
        follow=True,
    )
    assert_inert(response.content, f"{SCRIPT} {IMG}")
