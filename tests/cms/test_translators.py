"""Translators translate into their own languages, editors what they edit, nobody else anything.

A group's ``TranslatorRole`` names the languages its members translate into:
provisioning makes "Oversettere" (every language but Norwegian) and one group
per language ("Oversettere – somali" …), each with the right to submit
translations and to edit and publish in its languages' page trees, granted
again when a language's tree is first made. ``cms/translation/localize.py`` puts
wagtail-localize's routes under that rule: the submit form offers only the
user's languages (refused if none), syncing needs every target language,
and a translation's own routes (strings, PO files …) need its language. A
translator also translates any section's event, and edits and publishes its
translations into her languages, but not the Norwegian events. Wagtail's
admin answers a refusal with a redirect to the dashboard (``assert_refused``).

The ``db`` fixture runs each test in a transaction that never commits, so
saving that provisions something (a new language's home page) runs the
on-commit callbacks itself (``committed``).
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.core.groups import TRANSLATORS
from cms.events.models import Event
from cms.sections import provisioning
from cms.sections.models import TranslatorRole
from cms.sections.roles import translator_group_name
from cms.translation.rights import translatable_locales
from tests.cms.helpers import assert_refused, edit_url, editors, login, text
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


# --- Fixtures and helpers -----------------------------------------------------------------


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def somali(db):
    return locale("so")


@pytest.fixture
def arabic(db):
    return locale("ar")


@pytest.fixture
def english(db):
    return locale("en")


def language_group(language):
    return Group.objects.get(name=translator_group_name(language))


@pytest.fixture
def somali_translator(network, member, somali):
    """A member of "Oversettere – somali", as provisioning made it."""
    return member("hodan", language_group(somali))


@pytest.fixture
def submitter(db):
    """A group that may reach the admin and submit translations, with no languages or pages."""
    group = Group.objects.create(name="Innsendere")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    return group


def submit_page_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def submit_event_url(event):
    return reverse("wagtail_localize:submit_snippet_translation", args=("cms", "event", event.pk))


def event_url(name, *args):
    return reverse(f"wagtailsnippets_cms_event:{name}", args=args)


def offered(response):
    """The languages the submit form lets the user choose (read at once: the queryset is lazy)."""
    assert response.status_code == 200
    return set(response.context["form"].fields["locales"].queryset)


def translation_of(instance, language):
    """``instance``'s translation into ``language``, or None.

    A page's alias in that language (the tree sync's stand-in, showing the
    Norwegian text) is not a translation.
    """
    translations = instance.get_translations().filter(locale=language)
    if isinstance(instance, Page):
        translations = translations.filter(alias_of__isnull=True)
    return translations.first()


def translate(instance, language, *, user=None, publish=True):
    """wagtail-localize's translation of ``instance`` into ``language``, made as the view does."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    target, _created = Translation.objects.get_or_create(source=source, target_locale=language)
    target.save_target(user=user, publish=publish)
    return target


def title_segment(target):
    return target.source.stringsegment_set.get(context__path="title")


def put_string(client, target, segment, value):
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[target.pk, segment.pk]),
        data=f"value={value}",
        content_type="application/x-www-form-urlencoded",
    )


def stored_strings(target):
    return set(
        StringTranslation.objects.filter(locale=target.target_locale).values_list("data", flat=True)
    )


# --- 1. Provisioning: one group per language --------------------------------------------


def test_language_group_translates_into_its_language_only(network, somali):
    role = TranslatorRole.objects.get(group=language_group(somali))

    assert list(role.locales.all()) == [somali]


def test_translators_group_translates_into_every_language_but_norwegian(network):
    role = TranslatorRole.objects.get(group=network[TRANSLATORS])

    assert set(role.locales.all()) == set(Locale.objects.exclude(pk=Locale.get_default().pk))


def test_new_language_tree_opens_to_its_own_translators(network, home, committed, somali):
    with committed():
        somali_home = home.copy_for_translation(somali)

    assert set(
        GroupPagePermission.objects.filter(
            group=language_group(somali), page=somali_home
        ).values_list("permission__codename", flat=True)
    ) == set(provisioning.TRANSLATOR_PAGE_PERMISSIONS)


def test_new_language_tree_stays_closed_to_other_languages_translators(
    network, home, committed, somali, arabic
):
    with committed():
        somali_home = home.copy_for_translation(somali)

    assert not GroupPagePermission.objects.filter(
        group=language_group(arabic), page=somali_home
    ).exists()


def test_provisioning_again_reports_nothing_new_for_translators(network, home, committed, somali):
    with committed():
        home.copy_for_translation(somali)
    output = io.StringIO()

    call_command("provision_sections", stdout=output)

    assert "everything was already in place" in output.getvalue()
    assert "Oversettere" not in output.getvalue()


# --- 2. Submitting a page: a translator into her own languages -----------------------------


def test_submit_form_offers_a_translator_her_own_languages_only(
    client, somali_translator, nordre_follo, somali
):
    login(client, somali_translator)

    response = client.get(submit_page_url(nordre_follo))

    assert response.status_code == 200
    assert offered(response) == {somali}


def test_submit_form_of_a_page_translated_into_all_her_languages_says_so(
    client, somali_translator, nordre_follo, somali, committed
):
    with committed():
        nordre_follo.copy_for_translation(somali, copy_parents=True)
    login(client, somali_translator)

    response = client.get(submit_page_url(nordre_follo))

    assert offered(response) == set()
    with translation.override(settings.LANGUAGE_CODE):
        message = translation.gettext(
            "This is already translated into every language you translate into."
        )
    assert message in [str(m) for m in response.context["messages"]]


def test_translator_submits_a_page_into_her_language(
    client, somali_translator, nordre_follo, somali, committed
):
    login(client, somali_translator)

    with committed():
        response = client.post(submit_page_url(nordre_follo), {"locales": [somali.pk]})

    assert response.status_code == 302
    assert translation_of(nordre_follo, somali) is not None


def test_translator_cannot_submit_a_page_into_another_language(
    client, somali_translator, nordre_follo, arabic, committed
):
    login(client, somali_translator)

    with committed():
        response = client.post(submit_page_url(nordre_follo), {"locales": [arabic.pk]})

    assert response.status_code == 200
    assert "locales" in response.context["form"].errors
    assert translation_of(nordre_follo, arabic) is None


def test_translator_edits_the_page_she_translated(
    client, somali_translator, nordre_follo, somali, committed
):
    login(client, somali_translator)
    with committed():
        client.post(submit_page_url(nordre_follo), {"locales": [somali.pk]})

    response = client.get(edit_url(translation_of(nordre_follo, somali)))

    assert response.status_code == 200


def test_translator_cannot_edit_the_norwegian_page(client, somali_translator, nordre_follo):
    login(client, somali_translator)

    assert_refused(client.get(edit_url(nordre_follo)))


def test_translator_cannot_edit_another_languages_translation(
    client, somali_translator, nordre_follo, english, committed
):
    with committed():
        translate(nordre_follo, english)
    login(client, somali_translator)

    assert_refused(client.get(edit_url(translation_of(nordre_follo, english))))


# --- 3. A translation's strings and PO file: its language only ----------------------------


@pytest.fixture
def both_translations(nordre_follo, somali, english, superuser, committed):
    """Nordre Follo translated into Somali and English, by the superuser."""
    with committed():
        return (
            translate(nordre_follo, somali, user=superuser),
            translate(nordre_follo, english, user=superuser),
        )


def test_translator_edits_a_string_of_her_languages_translation(
    client, somali_translator, both_translations
):
    target, _english = both_translations
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Waqooyiga+Follo")

    assert response.status_code in (200, 201)
    assert stored_strings(target) == {"Waqooyiga Follo"}


def test_translator_cannot_edit_a_string_of_another_languages_translation(
    client, somali_translator, both_translations
):
    _somali, target = both_translations
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Northern+Follo")

    assert_refused(response)
    assert stored_strings(target) == set()


def test_translator_downloads_the_po_file_of_her_languages_translation(
    client, somali_translator, both_translations
):
    target, _english = both_translations
    login(client, somali_translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[target.pk]))

    assert response.status_code == 200
    assert "Nordre Follo" in text(response)


def test_translator_cannot_download_the_po_file_of_another_languages_translation(
    client, somali_translator, both_translations
):
    _somali, target = both_translations
    login(client, somali_translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[target.pk]))

    assert_refused(response)


# --- 4. Syncing: only if the translator translates into every target language --------------


def update_url(target):
    return reverse("wagtail_localize:update_translations", args=[target.source.pk])


def test_translator_syncs_a_page_translated_into_her_languages_only(
    client, somali_translator, nordre_follo, somali, committed
):
    with committed():
        target = translate(nordre_follo, somali)
    login(client, somali_translator)

    response = client.get(update_url(target))

    assert response.status_code == 200


def test_translator_cannot_sync_a_page_also_translated_into_another_language(
    client, somali_translator, nordre_follo, somali, english, committed
):
    with committed():
        translate(nordre_follo, somali)
        target = translate(nordre_follo, english, publish=False)
    english_page = translation_of(nordre_follo, english)
    assert not english_page.live
    login(client, somali_translator)

    shown = client.get(update_url(target))
    posted = client.post(update_url(target), {"publish_translations": "on"})

    assert_refused(shown)
    assert_refused(posted)
    english_page.refresh_from_db()
    assert not english_page.live


# --- 5. Submitting without a language: the page's own editors -------------------------------


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


# --- 6. Events: a translator's languages, whatever the section -----------------------------


@pytest.fixture
def nf_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Temakveld i Ski")


@pytest.fixture
def somali_event(client, somali_translator, nf_event, somali, committed):
    """The Nordre Follo event, submitted into Somali by the translator (logged in)."""
    login(client, somali_translator)
    with committed():
        response = client.post(submit_event_url(nf_event), {"locales": [somali.pk]})
    assert response.status_code == 302
    return Event.objects.get(translation_key=nf_event.translation_key, locale=somali)


def test_translator_submits_an_event_into_her_language(somali_event, somali):
    assert somali_event.locale == somali


def test_translator_cannot_submit_an_event_into_another_language(
    client, somali_translator, nf_event, english
):
    login(client, somali_translator)

    response = client.post(submit_event_url(nf_event), {"locales": [english.pk]})

    assert response.status_code == 200
    assert "locales" in response.context["form"].errors
    assert not Event.objects.filter(
        translation_key=nf_event.translation_key, locale=english
    ).exists()


def test_translator_edits_the_event_she_translated(client, somali_event):
    response = client.get(event_url("edit", somali_event.pk))

    assert response.status_code == 200


def test_translator_cannot_edit_the_norwegian_event(client, somali_translator, nf_event):
    login(client, somali_translator)

    response = client.get(event_url("edit", nf_event.pk))

    assert response.status_code == 404


def test_translator_cannot_edit_another_languages_event(
    client, somali_translator, nf_event, english
):
    english_event = nf_event.copy_for_translation(english)
    english_event.save()
    login(client, somali_translator)

    response = client.get(event_url("edit", english_event.pk))

    assert response.status_code == 404


def test_translator_edits_a_string_of_her_languages_event_translation(
    client, somali_event, nf_event, somali
):
    target = Translation.objects.get(
        source__object_id=nf_event.translation_key, target_locale=somali
    )

    response = put_string(client, target, title_segment(target), "Kulan+mawduuc+ah")

    assert response.status_code in (200, 201)
    assert stored_strings(target) == {"Kulan mawduuc ah"}


def test_translator_cannot_edit_a_string_of_another_languages_event_translation(
    client, somali_translator, nf_event, english
):
    # wagtail-localize itself asks only for the model-wide right on events,
    # which every translator has: the language is checked in cms/translation/localize.py.
    target = translate(nf_event, english)
    login(client, somali_translator)

    response = put_string(client, target, title_segment(target), "Theme+evening+in+Ski")

    assert_refused(response)
    assert stored_strings(target) == set()


def listed(response):
    """The events a listing shows."""
    assert response.status_code == 200
    return set(response.context["object_list"])


def test_event_listing_shows_a_translator_her_languages_events(client, somali_event):
    response = client.get(event_url("list"), {"locale": "so"})

    assert listed(response) == {somali_event}


def test_event_listing_hides_norwegian_events_from_a_translator(
    client, somali_event, nf_event, nordre_follo, indre_ostfold
):
    EventFactory(section=nordre_follo, title="Kurs i Ski")
    EventFactory(section=indre_ostfold, title="Kurs i Askim")

    response = client.get(event_url("list"), {"locale": Locale.get_default().language_code})

    assert listed(response) == set()
    assert "Kurs i Askim" not in text(response)


# --- 7. A translator of no language -----------------------------------------------------------


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


# --- 8. The demo's Somali translator -----------------------------------------------------------


def test_demo_somali_translator_submits_into_somali_only(client, committed, somali, arabic):
    call_command("load_demo", quiet=True)
    translator = get_user_model().objects.get(username="oversetter-somali")
    page = Page.objects.get(slug="nordre-follo", locale=Locale.get_default())
    login(client, translator)

    form = offered(client.get(submit_page_url(page)))
    refused = client.post(submit_page_url(page), {"locales": [arabic.pk]})
    with committed():
        submitted = client.post(submit_page_url(page), {"locales": [somali.pk]})

    assert form == {somali}
    assert refused.status_code == 200
    assert translation_of(page, arabic) is None
    assert submitted.status_code == 302
    assert translation_of(page, somali) is not None
