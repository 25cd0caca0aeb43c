"""Hostile content stays inert: what an editor types is text in every output.

Titles, places, rich text, links, section names, image and document titles and
people's names carry markup, quotes and line breaks; each test reads one output
as its reader would (a browser, a feed reader, a calendar app, another site's
script) and checks the text arrives as text. Links with a script scheme,
disguised uploads, huge images and runaway recurrence rules are refused.
"""

import datetime
import json
import struct
import xml.etree.ElementTree as ET
import zlib

import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from icalendar import Calendar
from PIL import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.content.models import StandardPage
from cms.core.blocks import CallToActionBlock, EmbedVideoBlock, PartnerBlock
from cms.events import recurrence
from cms.events.models import Event
from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.helpers.events import at, event_form
from tests.helpers.events import url as event_url
from tests.helpers.sections import editors

Image = get_image_model()
Document = get_document_model()

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>\"'&"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = f"{SCRIPT} {IMG}"
UNIQUE = "Kvitveisprosjektet"
BAD_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "jav\tascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
INJECTION = "Temakveld\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk"


def assert_inert(content, *values):
    """No raw markup in ``content``; each value there in its escaped form."""
    text = content.decode() if isinstance(content, bytes) else content
    assert "<script>alert(1)</script>" not in text
    assert "<img src=x onerror" not in text
    for value in values:
        assert escape(value) in text


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def hostile_event(nordre_follo, calendar):
    image = Image.objects.create(title=HOSTILE, file=get_test_image_file())
    return EventFactory(
        section=nordre_follo,
        start=at(3, 3),
        end=at(3, 3, 20),
        title=HOSTILE,
        place_name=f"Kafé {IMG}",
        address=f"Storgata 1 {SCRIPT}",
        registration_info=SCRIPT,
        description="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        image=image,
    )


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def draftail_link(href):
    """What Draftail posts for one paragraph that is a link."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Klikk her",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 9, "key": 0}],
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": href}}},
        }
    )


def cta(url, page=None):
    return {"title": "Bli med", "text": "", "link_label": "Les mer", "page": page, "url": url}


def add_standard_page(admin_client, home, blocks):
    data = {"title": "Om oss", "slug": "om-oss", "intro": "", "body": streamfield(blocks)}
    data.update(comments=inline_formset([]), **{"action-publish": "action-publish"})
    return admin_client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "standardpage", home.pk)),
        nested_form_data(data),
    )


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


# --- Feeds and the API ---------------------------------------------------------------


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_news_feeds_carry_markup_as_text(client, nordre_follo, route):
    index = NewsIndexPageFactory(parent=nordre_follo, title=f"Nytt {SCRIPT}")
    NewsPageFactory(parent=index, title=HOSTILE, intro=IMG)
    response = client.get(f"{index.url}{route}/")
    assert response.status_code == 200
    assert b"<script>" not in response.content and b"<img " not in response.content
    texts = [node.text for node in ET.fromstring(response.content).iter()]  # noqa: S314
    assert HOSTILE in texts and IMG in texts


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_a_control_character_pasted_into_a_title_does_not_break_the_feeds(
    client, nordre_follo, route
):
    # Word's soft line break is a vertical tab, which XML 1.0 cannot carry.
    index = NewsIndexPageFactory(parent=nordre_follo)
    NewsPageFactory(parent=index, title="Samling\x0bpå Ski", intro="Kom\x08 og se")
    response = client.get(f"{index.url}{route}/")
    assert response.status_code == 200
    texts = [node.text for node in ET.fromstring(response.content).iter()]  # noqa: S314
    assert "Samling på Ski" in texts


def test_json_api_gives_markup_as_data_never_as_a_page(client, home, hostile_event):
    StandardPageFactory(parent=home, title=HOSTILE, slug="om-oss")
    for url, field in [("/api/v2/pages/", "title"), ("/api/v2/events/", "title")]:
        response = client.get(url)
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert HOSTILE in [item[field] for item in response.json()["items"]]
    item = client.get("/api/v2/events/").json()["items"][0]
    assert (item["place_name"], item["registration_info"]) == (f"Kafé {IMG}", SCRIPT)


# --- iCal ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (INJECTION, INJECTION.replace("\r\n", "\n")),
        ("Temakveld\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Falsk", None),
        ("Temakveld\rEND:VCALENDAR\rBEGIN:VEVENT", "Temakveld\nEND:VCALENDAR\nBEGIN:VEVENT"),
        (HOSTILE, None),
    ],
    ids=["crlf", "lf", "cr", "markup"],
)
def test_a_title_cannot_make_a_second_event_or_break_the_calendar(
    client, nordre_follo, calendar, title, summary
):
    place = "Kafé; Ski, sentrum \\ bak"
    event = EventFactory(section=nordre_follo, title=title, place_name=place, address="")
    EventFactory(section=nordre_follo, title="Naboens arrangement")
    for url, count in [("/arrangementer/ical/", 2), (f"/arrangementer/{event.pk}/ical/", 1)]:
        vevents = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        assert len(vevents) == count
        mine = [vevent for vevent in vevents if str(vevent["location"]) == place]
        assert [str(vevent["summary"]) for vevent in mine] == [summary or title]


# --- Links ---------------------------------------------------------------------------


@pytest.mark.parametrize("href", BAD_URLS)
def test_link_blocks_refuse_a_script_link(href):
    # What the page form does with the address typed: each block's own check.
    for block in (CallToActionBlock(), PartnerBlock()):
        with pytest.raises(ValidationError):
            block.child_blocks["url"].clean(href)
    embed = EmbedVideoBlock().child_blocks["embed"]
    with pytest.raises(ValidationError):
        embed.clean(embed.to_python(href))


@pytest.mark.parametrize("href", BAD_URLS[:2])
def test_the_page_form_refuses_a_script_link_with_a_message(admin_client, home, href):
    response = add_standard_page(admin_client, home, [("call_to_action", cta(href, ""))])
    assert response.status_code == 200
    assert (
        "url" in response.context["form"].errors.as_data()["body"][0].block_errors[0].block_errors
    )
    assert not StandardPage.objects.exists()


@pytest.mark.parametrize("href", BAD_URLS)
def test_a_stored_script_link_is_never_rendered(client, section, href):
    # A translator's override of a link, or an import, skips the form.
    partners = body(("partner", {"name": "NAV", "description": "", "url": href}))
    ski = section("Ski", slug="ski", partners=partners)
    page = StandardPageFactory(parent=ski, slug="om-oss", body=body(("call_to_action", cta(href))))
    for url in (page.url, ski.url):
        html = page_html(client, url).lower()
        assert "script:" not in html and "data:text" not in html


@pytest.mark.parametrize("href", BAD_URLS)
def test_rich_text_links_to_scripts_are_stripped(client, home, nordre_follo, calendar, href):
    paragraph = (
        f'<p><a href="{escape(href)}">Klikk</a> <a href=\'{href}\' onclick="x()">her</a></p>'
    )
    event = EventFactory(section=nordre_follo, description=paragraph)
    page = StandardPageFactory(parent=home, slug="om-oss", body=body(("paragraph", paragraph)))
    assert "script:" not in Event.objects.get(pk=event.pk).description.lower()
    for url in (f"/arrangementer/{event.pk}/", page.url):
        html = page_html(client, url).lower()
        assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html
        assert "onclick" not in html and "Klikk" in page_html(client, url)


def test_the_editor_link_to_a_script_is_dropped_on_save(admin_client, home, nordre_follo):
    form = event_form(section=nordre_follo.pk, description=draftail_link("javascript:alert(1)"))
    assert admin_client.post(event_url("add"), form).status_code == 302
    assert "javascript" not in Event.objects.get().description
    response = add_standard_page(admin_client, home, [("paragraph", draftail_link(BAD_URLS[1]))])
    assert response.status_code == 302
    assert "javascript" not in str(StandardPage.objects.get(alias_of=None).body.get_prep_value())


@pytest.mark.parametrize("href", BAD_URLS)
def test_the_event_form_refuses_a_script_registration_link(admin_client, nordre_follo, href):
    form = event_form(section=nordre_follo.pk, registration_url=href)
    response = admin_client.post(event_url("add"), form)
    assert response.status_code == 200
    assert "registration_url" in response.context["form"].errors
    assert not Event.objects.exists()


# --- Uploads -------------------------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def png(width, height):
    """A PNG's first bytes claiming ``width`` × ``height`` pixels: a header and no picture."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def upload(admin_client, kind, name, content):
    data = {"title": "Kurs", "file": SimpleUploadedFile(name, content)}
    data["collection"] = Collection.get_first_root_node().pk
    response = admin_client.post(reverse(f"wagtail{kind}:add"), data)
    assert response.status_code == 200, "a refused upload shows the form again"
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kart.svg", SVG),
        ("side.html", HTML),
        ("side.htm", HTML),
        ("kurs.pdf", HTML),
        ("kurs.txt", HTML),
        ("kurs.txt", b"\xef\xbb\xbf  " + SVG),
        ("liste.csv", b'<?xml version="1.0"?>' + SVG),
        ("kurs.docx", b"%PDF-1.7 not a word file"),
        ("kurs.rtf", HTML),
    ],
)
def test_markup_or_a_disguised_document_is_refused(admin_client, name, content):
    assert upload(admin_client, "docs", name, content), "the editor is told why"
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"), [("kart.svg", SVG), ("kart.png", SVG), ("side.jpg", HTML)]
)
def test_svg_or_markup_as_an_image_is_refused(admin_client, name, content):
    assert upload(admin_client, "images", name, content)
    assert not Image.objects.exists()


@pytest.mark.parametrize("size", [(100_000, 100_000), (8_000, 8_000)])
def test_an_image_with_absurd_dimensions_is_refused_before_decoding(
    admin_client, monkeypatch, size
):
    def no_decoding(self):
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)

    errors = upload(admin_client, "images", "kart.png", png(*size))

    assert "pixels" in errors or "piksler" in errors
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [("kurs.pdf", b"%PDF-1.7 test", True), ("kurs.txt", b"Hei", False), ("a.csv", b"a;b", False)],
)
def test_documents_are_served_so_that_no_browser_runs_them(client, name, content, inline):
    document = Document.objects.create(title="Kurs", file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")


# --- Recurrence ----------------------------------------------------------------------


@pytest.mark.parametrize("repeat", ["weekly", "monthly"])
def test_the_form_refuses_a_rule_beyond_the_cap_and_says_so(admin_client, nordre_follo, repeat):
    form = event_form(
        section=nordre_follo.pk, repeat=repeat, repeat_interval="1", repeat_until="2099-12-31"
    )
    response = admin_client.post(event_url("add"), form)
    assert response.status_code == 200
    [message] = response.context["form"].errors["repeat_until"]
    assert str(recurrence.MAX_YEARS) in message
    assert not Event.objects.exists()


@pytest.mark.parametrize("repeat", ["weekly", "monthly"])
def test_a_stored_runaway_rule_keeps_the_calendar_and_feeds_small(
    client, nordre_follo, calendar, repeat
):
    # Saved without the form's check, as an import or a script would.
    start = at(1, 6, 10)
    last = datetime.date(2099, 12, 31)
    weekly = [start.date() + datetime.timedelta(weeks=n) for n in range(4000)]
    event = EventFactory(
        section=nordre_follo,
        start=start,
        end=start + datetime.timedelta(hours=1),
        repeat=repeat,
        repeat_interval=1,
        repeat_until=last,
        excluded_dates=weekly[1::2],
    )
    limit = recurrence.latest_until(start.date())

    stored = list(event.occurrences.values_list("start", flat=True))
    assert 0 < len(stored) <= recurrence.MAX_OCCURRENCES
    assert max(stored).date() <= limit

    for url in (f"/arrangementer/{event.pk}/ical/", "/arrangementer/ical/"):
        body = client.get(url).content
        assert len(body) < 20_000
        expanded = recurring_ical_events.of(Calendar.from_ical(body)).between(start, last)
        assert len(expanded) == len(stored)
    assert client.get(f"/arrangementer/{event.pk}/").status_code == 200
