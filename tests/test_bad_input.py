"""Bad input on every database: hostile query strings, forms and paths never give a 500.

A fixed list of hostile values (far too long, out of range, the wrong type,
no such choice, a date that does not exist, search syntax, bytes that are not
UTF-8) goes into the parameters of every public and admin surface, as an
anonymous visitor, a superuser and a section editor; a NUL byte anywhere is
refused with a 400 before any view runs (``cms.platform.requestguard``). Nothing is
random: CI sends the same requests to SQLite and to PostgreSQL, where a NUL
byte or a number out of range fails in the database instead of matching
nothing.
"""

import math
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Revision

from cms.models import CurriculumModule, Event, EventCategory, EventOccurrence, VolunteerProfile
from tests.cms.helpers import PASSWORD, collection_of, editors
from tests.events import conftest as event_fixtures
from tests.events.helpers import event_form
from tests.factories import (
    CurriculumModuleFactory,
    EventFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SpokenLanguageFactory,
    StandardPageFactory,
)
from tests.volunteers import conftest as volunteer_fixtures

calendar = event_fixtures.calendar
area = volunteer_fixtures.area

Image = get_image_model()
Document = get_document_model()

REFUSAL = "Ugyldig forespørsel: adressen eller skjemaet inneholder et tegn som ikke er tillatt."
REFUSAL_EN = "Bad request: the address or form contains a character that is not allowed."
#: What cms.platform.requestguard answers, in the admin, to a huge number or an overlong value.
GUARDED = (
    "Ugyldig forespørsel: et tall i adressen er for stort.",
    "Ugyldig forespørsel: en verdi i adressen er for lang.",
    "Bad request: a number in the address is too large.",
    "Bad request: a value in the address is too long.",
)

#: What no form of the site sends: far too long, out of range, negative, the
#: wrong type, no such choice, dates that do not exist, search syntax, emoji.
HOSTILE = (
    "x" * 100_000,
    "9" * 21,
    "-1",
    "0",
    "abc",
    "1.5",
    "nope",
    "cms.Nope",
    "__all__,nope",
    "-nope",
    "2026-02-30",
    "99999",
    "\U0001f600",
    "' OR 1=1 --",
    '"*%',
    " ",
)

#: Each value as it goes in a query string, and two that are already
#: percent-encoded: bytes that are not UTF-8 (a lone surrogate, 0xFF), which
#: no client could send as text.
VALUES = (*(quote(value, safe="") for value in HOSTILE), "%ED%A0%80", "%FF")


@dataclass(frozen=True)
class Surface:
    """An address (``{home}``, ``{event}``… are ids of the content) and the parameters it reads."""

    path: str
    params: tuple
    #: What a hostile query string may get; None: anything below 500.
    answers: frozenset | None = None
    #: Every value in every parameter, or (cheaper) every value in some parameter.
    thorough: bool = False


JSON = frozenset({200, 302, 400, 404})
PAGE = frozenset({200, 400})
SHOWN = frozenset({200})

#: The pages API checks its parameters one after the other: the first bad one
#: would hide the rest, so each goes alone.
API = (
    Surface(
        "/api/v2/pages/",
        (
            *("locale", "html_path", "type", "fields", "order", "limit", "offset"),
            *("child_of", "descendant_of", "ancestor_of", "translation_of", "search"),
            *("search_operator", "site"),
        ),
        JSON,
    ),
    Surface("/api/v2/pages/{home}/", ("fields", "site", "type"), JSON),
    Surface("/api/v2/pages/find/", ("html_path", "id", "locale", "site"), JSON),
    Surface(
        "/api/v2/events/",
        (
            *("q", "seksjon", "kategori", "sprak", "malgruppe", "periode", "fra", "til"),
            *("limit", "offset", "locale"),
        ),
        JSON,
    ),
)

CALENDAR_FILTERS = ("q", "seksjon", "kategori", "sprak", "malgruppe", "periode", "fra", "til")

PUBLIC = (
    # The pages API's filters on fields, which one step reads together.
    Surface(
        "/api/v2/pages/",
        ("id", "slug", "title", "show_in_menus", "has_children"),
        JSON,
        thorough=True,
    ),
    Surface("/sok/", ("q", "side"), PAGE, thorough=True),
    Surface("/en/sok/", ("q", "side"), PAGE),
    Surface("/arrangementer/", (*CALENDAR_FILTERS, "side"), PAGE, thorough=True),
    # The calendar's filters again, through the same filter set.
    Surface("/arrangementer/ical/", CALENDAR_FILTERS, PAGE),
    Surface("/arrangementer/{event}/", ("dato",), SHOWN),
    Surface("/arrangementer/{event}/ical/", ("dato",), SHOWN),
    Surface("/aktuelt/", ("side",), SHOWN),
    Surface("/aktuelt/rss/", ("side",), SHOWN),
    Surface("/", ("side", "q"), SHOWN),
    Surface("/sitemap.xml", ("p", "q"), SHOWN),
    Surface("/logg-inn/", ("next",), SHOWN),
    # A login link with a next address of 100,000 characters is refused (400).
    Surface("/frivillig/", ("program",), frozenset({302, 400})),
    Surface("/documents/{document}/{filename}", ("dl", "q"), SHOWN),
)

#: What the private area's audience reads (a superuser is in it).
PRIVATE = (
    Surface("/sok/", ("q", "side"), PAGE),
    Surface("/frivillig/", ("program",), SHOWN),
    Surface("/frivillig/opplaering/{module}/", ("program",), SHOWN),
)

LISTING = ("q", "p", "ordering")

ADMIN = (
    Surface("/admin/pages/{home}/", (*LISTING, "locale", "content_type", "owner", "edited")),
    Surface("/admin/pages/{section}/", (*LISTING, "locale", "has_child_pages")),
    Surface("/admin/pages/search/", (*LISTING, "content_type", "locale", "page_type")),
    Surface("/admin/choose-page/", ("q", "p", "page_type", "user_perms", "locale", "multiple")),
    Surface("/admin/choose-page/{section}/", ("q", "p", "page_type", "locale")),
    Surface("/admin/choose-page/search/", ("q", "p", "page_type", "locale")),
    Surface("/admin/choose-page/chosen-multiple/", ("id",)),
    Surface(
        "/admin/snippets/cms/event/",
        (*LISTING, "locale", "category", "status", "audience", "publication", "export"),
    ),
    Surface("/admin/snippets/choose/cms/event/", ("q", "p", "locale", "multiple")),
    Surface("/admin/snippets/choose/cms/event/chosen-multiple/", ("id",)),
    Surface("/admin/snippets/cms/eventcategory/", (*LISTING, "locale")),
    Surface("/admin/snippets/cms/curriculummodule/", (*LISTING, "theme", "locale")),
    Surface("/admin/images/", (*LISTING, "collection_id", "tag", "entries_per_page")),
    Surface("/admin/images/chooser/", ("q", "p", "collection_id", "tag")),
    Surface("/admin/images/chooser/chosen-multiple/", ("id",)),
    Surface("/admin/documents/", (*LISTING, "collection_id", "tag")),
    Surface("/admin/documents/chooser/chosen-multiple/", ("id",)),
    Surface("/admin/reports/locked/", ("p", "ordering", "locked_at_from", "owner", "export")),
    Surface(
        "/admin/reports/site-history/",
        (*LISTING, "timestamp_after", "timestamp_before", "action", "user", "object_type"),
    ),
    Surface("/admin/reports/aging-pages/", ("p", "ordering", "last_published_at", "content_type")),
    Surface(
        "/admin/reports/workflow/", ("p", "ordering", "status", "workflow", "created_at_after")
    ),
    Surface("/admin/reports/page-types-usage/", ("p", "ordering", "page_locale", "site")),
    Surface(
        "/admin/api/main/pages/",
        (
            *("child_of", "descendant_of", "for_explorer", "locale", "type", "fields"),
            *("order", "limit", "offset", "search", "id", "has_children"),
        ),
    ),
    Surface("/admin/api/main/images/", ("limit", "offset", "order", "search", "fields")),
    Surface("/admin/seksjoner/", LISTING),
    Surface("/admin/seksjoner/{section}/", LISTING),
    Surface("/admin/seksjoner/{section}/frivillige/", LISTING),
    Surface("/admin/seksjoner/{section}/opplaering/", (*LISTING, "module")),
    Surface("/admin/oversettelser/", ("kind", "section", "locale", "status", "p")),
    Surface("/admin/localize/reports/translations/", ("p", "source_locale", "target_locale")),
    Surface("/admin/users/", (*LISTING, "group", "is_superuser")),
    Surface("/admin/groups/", LISTING),
    Surface("/admin/redirects/", (*LISTING, "site")),
    Surface("/admin/tag-autocomplete/", ("term", "q")),
)

#: Where what a section editor may see differs from what a superuser sees.
SCOPED = tuple(
    surface
    for surface in ADMIN
    if surface.path.startswith(
        ("/admin/pages/", "/admin/choose-page/", "/admin/snippets/", "/admin/api/")
        + ("/admin/images/", "/admin/documents/", "/admin/seksjoner/")
    )
)


def query_strings(surface):
    """Hostile query strings for ``surface``, the same on every run.

    Row ``r`` gives parameter ``i`` value ``(i + r)``: a thorough surface gets
    every value in every parameter, another every value in some parameter;
    then one parameter given twice, sane and hostile.
    """
    params = surface.params
    rows = len(VALUES) if surface.thorough else math.ceil(len(VALUES) / len(params))
    for row in range(rows):
        yield "&".join(
            f"{name}={VALUES[(number + row) % len(VALUES)]}" for number, name in enumerate(params)
        )
    yield f"{params[0]}=1&{params[0]}={VALUES[0]}"


def one_at_a_time(surface):
    """Every value in each parameter of ``surface`` by itself."""
    for name in surface.params:
        for value in VALUES:
            yield f"{name}={value}"


def fetch(client, url, method="get", **kwargs):
    """``client``'s response, and nothing it wrote if it failed.

    A failed query aborts the test's transaction on PostgreSQL, and every
    request after it would fail too: a savepoint keeps one 500 from hiding
    the others behind errors of its own.
    """
    savepoint = transaction.savepoint()
    response = getattr(client, method)(url, **kwargs)
    if response.status_code >= 500:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return response


def unexpected(client, surfaces, ids, queries=query_strings):
    """``url status error`` of each request to ``surfaces`` answered otherwise than it may be."""
    wrong = []
    for surface in surfaces:
        path = surface.path.format(**ids)
        for query in queries(surface):
            response = fetch(client, f"{path}?{query}")
            status = response.status_code
            if status == 400 and response.content.decode() in GUARDED:
                continue
            if status >= 500 or (surface.answers is not None and status not in surface.answers):
                wrong.append(f"{path}?{query[:120]} {status} {error_of(response)}")
    return wrong


def error_of(response):
    return repr(response.exc_info[1])[:160] if response.exc_info else ""


def stored():
    """How many rows there are of everything a request might change by mistake."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            Event,
            EventOccurrence,
            EventCategory,
            CurriculumModule,
            VolunteerProfile,
            Image,
            Document,
            Collection,
            Group,
            get_user_model(),
        )
    }


def visitor(user=None):
    """A client that returns a 500 as a response, so that one test lists all of them."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def content(home, network, nordre_follo, area, calendar):
    """A bit of what every surface lists: events, news, a module, an image, a document."""
    SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")
    event = EventFactory(section=nordre_follo, title="Temakveld om helse")
    EventFactory(section=nordre_follo, title="Norskkurs", live=False)
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="Nyhet fra Nordre Follo")
    module = CurriculumModuleFactory()
    Image.objects.create(title="Samling", file=get_test_image_file())
    document = Document(title="Hefte")
    document.file.save("hefte.txt", ContentFile(b"Hefte"), save=False)
    document.save()
    return {
        "home": home.pk,
        "section": nordre_follo.pk,
        "event": event.pk,
        "module": module.pk,
        "document": document.pk,
        "filename": document.filename,
    }


@pytest.fixture
def section_editor(nordre_follo, member):
    return member("kari", editors(nordre_follo))


# --- Query strings ------------------------------------------------------------------


def test_api_answers_hostile_parameters_with_400_or_a_result(content):
    before = stored()

    wrong = unexpected(visitor(), API, content, queries=one_at_a_time)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_public_pages_answer_hostile_query_strings_with_400_or_a_page(content):
    before = stored()

    wrong = unexpected(visitor(), PUBLIC, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_private_area_and_admin_never_fail_for_a_superuser(content, superuser):
    before = stored()

    wrong = unexpected(visitor(superuser), PRIVATE + ADMIN, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_admin_never_fails_for_a_section_editor(content, section_editor):
    before = stored()

    wrong = unexpected(visitor(section_editor), SCOPED, content)

    assert not wrong, "\n".join(wrong)
    assert stored() == before


def test_api_refuses_an_id_that_is_not_a_number(content):
    response = visitor().get("/api/v2/pages/find/", {"id": "abc"})

    assert response.status_code == 400
    assert "id" in response.json()["message"]


# --- Forms --------------------------------------------------------------------------


def posts(fields):
    """Form data with every hostile value in every field, the same on every run."""
    names = list(fields)
    for row in range(len(HOSTILE)):
        yield {
            **fields,
            **{name: HOSTILE[(n + row) % len(HOSTILE)] for n, name in enumerate(names)},
        }


def unexpected_posts(client, url, fields, extra=None):
    """``url fields status error`` of each hostile form posted to ``url`` that gave a 500."""
    wrong = []
    for data in posts(fields):
        response = fetch(client, url, method="post", data={**data, **(extra or {})})
        if response.status_code >= 500:
            wrong.append(f"{url} {sorted(data)} {response.status_code} {error_of(response)}")
    return wrong


def test_login_and_password_forms_never_fail_on_hostile_fields(content):
    before = stored()
    client = visitor()

    wrong = unexpected_posts(client, "/logg-inn/", {"username": "", "password": ""})
    wrong += unexpected_posts(client, "/glemt-passord/", {"email": ""})
    wrong += unexpected_posts(client, "/admin/login/", {"username": "", "password": ""})

    assert not wrong, "\n".join(wrong)
    assert stored() == before


#: The event form's fields that take ids, dates and choices.
EVENT_FIELDS = ("title", "category", "section", "start", "end", "repeat", "image", "audience")


def test_admin_forms_never_fail_on_hostile_fields(content, superuser, nordre_follo):
    client = visitor(superuser)
    before = stored()
    section = f"/admin/seksjoner/{nordre_follo.pk}/"
    valid = {key: value for key, value in event_form().items() if key not in EVENT_FIELDS}

    add_event = reverse("wagtailsnippets_cms_event:add")
    wrong = unexpected_posts(client, add_event, dict.fromkeys(EVENT_FIELDS, ""), valid)
    for action in ("add", "remove", "approval", "hand_over", "nope"):
        wrong += unexpected_posts(client, section, {"person": "", "role": ""}, {"action": action})
    wrong += unexpected_posts(client, f"{section}frivillige/", {"action": "", "volunteer": ""})
    wrong += unexpected_posts(
        client,
        f"{section}opplaering/",
        {"module": "", "date": "", "volunteers": "", "attendance": ""},
        {"action": "unmark"},
    )

    assert not wrong, "\n".join(wrong)
    assert stored() == before


# --- The guard: a NUL byte anywhere is a 400 ----------------------------------------
# These tests have no database: the guard answers before anything reads one.

#: Ids to fill in the surfaces' addresses: the guard never looks them up.
ANY_IDS = {**dict.fromkeys(("home", "section", "event", "module", "document"), 1), "filename": "a"}


def assert_refused(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    english = response["Content-Language"] == "en"
    assert response.content.decode() == (REFUSAL_EN if english else REFUSAL)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/%00/",
        "/aktuelt%00/",
        "/arrangementer/%00/",
        "/en/sok%00/",
        "/static/%00.css",
        "/admin/pages/%00/",
        "/api/v2/pages/%00/",
    ],
)
def test_guard_refuses_nul_in_the_path(url):
    assert_refused(visitor().get(url))


@pytest.mark.parametrize(
    "query",
    ["locale=%00", "html_path=%2F%00", "search=nb%00", "site=%00", "%00=1", "id=1&id=%00"],
)
def test_guard_refuses_nul_in_the_query_string(query):
    assert_refused(visitor().get(f"/api/v2/pages/?{query}"))
    assert_refused(visitor().get(f"/api/v2/pages/find/?{query}"))


def test_guard_refuses_nul_in_every_parameter_of_every_surface():
    client = visitor()

    for surface in API + PUBLIC + PRIVATE + ADMIN:
        path = surface.path.format(**ANY_IDS)
        for name in surface.params:
            assert_refused(client.get(f"{path}?{name}=nb%00"))


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/logg-inn/", {"username": "kari\x00", "password": PASSWORD}),
        ("/logg-inn/", {"user\x00name": "kari"}),
        ("/admin/login/", {"username": "kari", "password": "x\x00"}),
        ("/glemt-passord/", {"email": "a\x00@b.no"}),
        ("/admin/pages/search/", {"q": "\x00"}),
    ],
)
def test_guard_refuses_nul_in_a_posted_form(url, data):
    assert_refused(visitor().post(url, data))


def test_guard_refuses_nul_in_a_url_encoded_form():
    body = "username=kari&password=x%00"

    response = visitor().post("/logg-inn/", body, content_type="application/x-www-form-urlencoded")

    assert_refused(response)


def test_guard_refusal_is_in_the_language_of_the_address():
    english = visitor().get("/en/sok/?q=%00")
    assert english["Content-Language"] == "en"
    assert english.content.decode() == REFUSAL_EN
    assert visitor().get("/sok/?q=%00")["Content-Language"] == "nb"


def test_guard_lets_a_normal_request_through(content, member):
    member("kari")
    client = visitor()

    assert client.get("/sok/", {"q": "helse"}).status_code == 200
    assert client.get("/api/v2/pages/", {"locale": "nb"}).status_code == 200
    response = client.post("/logg-inn/", {"username": "kari", "password": "feil-passord"})
    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username="kari").count() == 1
    assert client.post("/logg-inn/", {"username": "kari", "password": PASSWORD}).status_code == 302


def test_guard_refusal_never_reaches_the_page_cache(home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    NewsIndexPageFactory(parent=home)
    client = visitor()

    first, second = client.get("/aktuelt/?side=%00"), client.get("/aktuelt/?side=%00")

    assert_refused(second)
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert client.get("/aktuelt/?side=1")["X-Page-Cache"] == "miss"


# --- What Wagtail itself gets wrong ------------------------------------------------

LONG = "x" * 100_000
HUGE = "9" * 21


@pytest.mark.parametrize(
    ("url", "data"),
    [
        # The root page has no parent: Wagtail's chosen view fails on it (cms.walls).
        ("/admin/choose-page/chosen-multiple/?id=1", None),
        ("/admin/choose-page/chosen-multiple/?id=abc", None),
        # Wagtail's admin API takes any offset to the database (cms.walls, cms.discovery.api).
        (f"/admin/api/main/pages/?offset={HUGE}", None),
        ("/admin/api/main/images/?offset=99999999", None),
        ("/admin/api/main/documents/?offset=99999999", None),
        # The chooser widgets look up a refused id to show it again (cms.walls).
        ("/admin/snippets/cms/event/add/", {"section": "abc", "image": "abc"}),
        # SQLite's full-text engine takes quotes as syntax (cms.discovery.search_backend).
        ("/admin/pages/{home}/?q=%22%2A%25", None),
        ("/admin/images/?q=%22%2A%25", None),
        ("/admin/documents/?q=-%22", None),
        (f"/admin/snippets/cms/event/?q={LONG}", None),
        # SQLite's driver takes no number over 64 bits (cms.platform.requestguard).
        (f"/admin/users/?group={HUGE}", None),
        (f"/admin/pages/{HUGE}/", None),
    ],
    ids=lambda value: value[:60] if isinstance(value, str) else None,
)
def test_wagtail_failures_are_closed(content, superuser, url, data):
    client = visitor(superuser)
    url = url.format(**content)

    if data is None:
        response = fetch(client, url)
    else:
        response = fetch(client, url, method="post", data=event_form(**data))

    assert response.status_code in (200, 400, 404), error_of(response)


def image_edit_url():
    return reverse("wagtailimages:edit", args=(Image.objects.get(title="Samling").pk,))


def test_a_search_of_quotes_alone_finds_nothing_rather_than_failing(content, superuser):
    response = visitor(superuser).get("/admin/images/", {"q": '"*%'})

    assert response.status_code == 200
    assert image_edit_url() not in response.content.decode()


def test_admin_search_still_finds_words_next_to_syntax(content, superuser):
    response = visitor(superuser).get("/admin/images/", {"q": '"Samling*'})

    assert response.status_code == 200
    assert image_edit_url() in response.content.decode()


def test_a_huge_number_in_the_admin_is_refused_with_a_message(content, superuser):
    response = visitor(superuser).get("/admin/users/", {"group": HUGE})

    assert response.status_code == 400
    assert response.content.decode() == "Ugyldig forespørsel: et tall i adressen er for stort."
    assert visitor(superuser).get("/admin/users/", {"group": "9" * 18}).status_code == 200


def test_an_overlong_value_in_the_admin_is_refused_with_a_message(content, superuser):
    response = visitor(superuser).get("/admin/images/", {"q": LONG})

    assert response.status_code == 400
    assert response.content.decode() == "Ugyldig forespørsel: en verdi i adressen er for lang."


def test_public_pages_say_themselves_what_was_wrong(content):
    response = visitor().get("/sok/", {"q": LONG})

    assert response.status_code == 400
    assert 'id="sok-feil"' in response.content.decode()


def test_event_form_shows_no_title_of_a_page_posted_as_its_section(
    content, section_editor, indre_ostfold
):
    draft = StandardPageFactory(parent=indre_ostfold, title="Hemmelig familievold", live=False)
    form = event_form(section=draft.pk, title="Snik")

    response = visitor(section_editor).post(reverse("wagtailsnippets_cms_event:add"), form)

    assert response.status_code == 200
    assert "Hemmelig familievold" not in response.content.decode()
    assert not Event.objects.filter(title="Snik").exists()


def test_event_form_shows_her_own_section_again(content, section_editor, nordre_follo):
    form = event_form(section=nordre_follo.pk, title="", image="abc")

    response = visitor(section_editor).post(reverse("wagtailsnippets_cms_event:add"), form)

    assert response.status_code == 200
    assert nordre_follo.title in response.content.decode()


def test_event_form_keeps_the_image_the_event_has(
    content, section_editor, nordre_follo, indre_ostfold
):
    # Chosen by a national editor from a collection the section editor may not choose from.
    image = Image.objects.create(
        title="Fotoplakat", file=get_test_image_file(), collection=collection_of(indre_ostfold)
    )
    event = EventFactory(section=nordre_follo, title="Temakveld", image=image)
    edit = reverse("wagtailsnippets_cms_event:edit", args=(event.pk,))
    client = visitor(section_editor)

    assert "Fotoplakat" in client.get(edit).content.decode()
    client.post(edit, event_form(event, title="Temakveld om helse", image=image.pk))

    saved = Event.objects.get(pk=event.pk)
    assert saved.latest_revision.as_object().title == "Temakveld om helse"
    assert saved.latest_revision.as_object().image == image
