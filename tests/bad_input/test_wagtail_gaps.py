"""What Wagtail itself gets wrong with bad input, and how the site closes it."""

import pytest
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file

from cms.events.models import Event
from tests.bad_input.surfaces import Image, error_of, fetch, visitor
from tests.factories import (
    EventFactory,
    StandardPageFactory,
)
from tests.helpers.events import event_form
from tests.helpers.sections import collection_of

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
