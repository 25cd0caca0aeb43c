"""Submitting without a language: a page's own editors may, a user of no language may not.

A section editor with the right to submit translations translates her own
section's pages into any language, and no other section's; without that
right she starts no translation but still fills in her page's. A user who
translates into no language (or only reaches the admin) submits no page or
event and sees no event listing.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from cms.sections.models import TranslatorRole
from cms.translation.rights import translatable_locales
from tests.helpers.sections import assert_refused, editors, login, text
from tests.helpers.translation import (
    event_url,
    put_string,
    stored_strings,
    submit_event_url,
    submit_page_url,
    title_segment,
    translate,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitter(db):
    """A group that may reach the admin and submit translations, with no languages or pages."""
    group = Group.objects.create(name="Innsendere")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    return group


# --- Submitting without a language: the page's own editors -------------------------------


def test_submit_right_without_languages_or_pages_is_refused(
    client, network, member, submitter, nordre_follo
):
    login(client, member("innsender", submitter))

    response = client.get(submit_page_url(nordre_follo))

    assert_refused(response)


def test_section_editor_with_submit_right_submits_her_page_into_any_language(
    client, network, member, submitter, nordre_follo, arabic, committed
):
    login(client, member("redaktor", editors(nordre_follo), submitter))

    with committed():
        response = client.post(submit_page_url(nordre_follo), {"locales": [arabic.pk]})

    assert response.status_code == 302
    assert translation_of(nordre_follo, arabic) is not None


def test_section_editor_with_submit_right_cannot_submit_another_sections_page(
    client, network, member, submitter, nordre_follo, indre_ostfold
):
    login(client, member("redaktor", editors(nordre_follo), submitter))

    response = client.get(submit_page_url(indre_ostfold))

    assert_refused(response)


def test_section_editor_without_submit_right_cannot_submit_her_page(
    client, network, member, nordre_follo
):
    login(client, member("redaktor", editors(nordre_follo)))

    response = client.get(submit_page_url(nordre_follo))

    assert_refused(response)


def test_section_editor_without_submit_right_starts_no_translation_of_her_page(
    network, member, nordre_follo
):
    user = member("redaktor", editors(nordre_follo))

    assert not translatable_locales(user, nordre_follo).exists()


def test_section_editor_without_submit_right_fills_in_her_pages_translation(
    client, network, member, nordre_follo, english, committed
):
    with committed():
        target = translate(nordre_follo, english)
    login(client, member("redaktor", editors(nordre_follo)))

    response = put_string(client, target, title_segment(target), "Northern+Follo")

    assert response.status_code in (200, 201)
    assert stored_strings(target) == {"Northern Follo"}


# --- A translator of no language -----------------------------------------------------------


@pytest.fixture
def no_language(network, member):
    """An admin user who may submit translations, in a translator group of no language."""
    group = Group.objects.create(name="Oversettere – ingen")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    TranslatorRole.objects.create(group=group)
    return member("ingen", group)


@pytest.fixture
def admin_only(network, member):
    """An admin user with nothing but admin access."""
    group = Group.objects.create(name="Bare innlogging")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return member("innlogget", group)


@pytest.mark.parametrize("user", ["no_language", "admin_only"])
def test_user_of_no_language_cannot_submit_a_page(client, request, user, nordre_follo):
    login(client, request.getfixturevalue(user))

    response = client.get(submit_page_url(nordre_follo))

    assert_refused(response)


@pytest.mark.parametrize("user", ["no_language", "admin_only"])
def test_user_of_no_language_cannot_submit_an_event(client, request, user, nf_event):
    login(client, request.getfixturevalue(user))

    response = client.get(submit_event_url(nf_event))

    assert_refused(response)


@pytest.mark.parametrize("user", ["no_language", "admin_only"])
def test_user_of_no_language_does_not_see_the_event_listing(client, request, user, nf_event):
    login(client, request.getfixturevalue(user))

    response = client.get(event_url("list"))

    assert_refused(response)
    assert "Temakveld i Ski" not in text(client.get(event_url("list"), follow=True))
