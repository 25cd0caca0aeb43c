"""Edge cases found in an adversarial review of the events, each once a defect.

Bad dates at the ends of the calendar, wagtail-localize's routes reaching
another section's event, cached feeds outliving a change, events over
several days, and a section chosen in the wrong language tree.
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from cms.events.models import Event
from cms.events.views import _feed_cache_key
from tests.factories import EventFactory, EventIndexPageFactory
from tests.helpers.events import at, event_form, titles, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def lenient(client):
    """The test client, answering 500 instead of raising, as a visitor would see it."""
    client.raise_request_exception = False
    return client


# --- 3. Bad input giving a 500 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["fra=0001-01-01", "fra=01.01.0001", "periode=uke&fra=0001-01-01"]
)
def test_calendar_from_the_year_one_gives_a_page_not_a_500(lenient, fixed_events, query):
    # Midnight of 1 January year 1 in Oslo (LMT +00:43) is in year 0 in UTC:
    # unclamped, the query overflowed on its way to the database.
    assert lenient.get(f"/arrangementer/?{query}").status_code == 200
    assert lenient.get(f"/en/arrangementer/?{query}").status_code == 200
    assert lenient.get(f"/arrangementer/ical/?{query}").status_code in (200, 400)


def test_event_page_for_the_year_one_gives_a_page_not_a_500(lenient, fixed_events):
    event = fixed_events["helse"]

    response = lenient.get(f"/arrangementer/{event.pk}/?dato=0001-01-01")

    assert response.status_code == 200


@pytest.mark.parametrize("view", ["add", "preview_on_add"])
@pytest.mark.parametrize("end", ["", "i kveld"])
def test_new_repeating_event_without_a_valid_end_gives_a_form_error(
    lenient, superuser, nordre_follo, view, end
):
    # Validating the repetition once expanded the rule with no end time.
    lenient.force_login(superuser)
    data = event_form(section=nordre_follo.pk, repeat="weekly", repeat_until="2027-04-28", end=end)

    response = lenient.post(url(view), data)

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_repeating_event_near_the_year_9999_gives_a_form_error(lenient, superuser, nordre_follo):
    # Three years after 9999 is no year at all: the start year is checked first.
    lenient.force_login(superuser)
    data = event_form(
        section=nordre_follo.pk,
        start="9999-06-07 10:00",
        end="9999-06-07 11:00",
        repeat="monthly",
        repeat_until="9999-12-31",
    )

    response = lenient.post(url("add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors


# --- 2. Permission holes in the admin ------------------------------------------------------


def test_localize_api_with_a_capitalised_model_name_stays_within_section_rights(
    client, nf_editor, io_event, events
):
    # apps.get_model ignores the case of the model name: wagtail-localize's route
    # for "cms/Event/" must be scoped like "cms/event/", or it lists every event,
    # drafts and volunteer-only ones too, to any admin user.
    client.force_login(nf_editor)

    listing = client.get("/admin/localize/api/snippets/cms/Event/")
    detail = client.get(f"/admin/localize/api/snippets/cms/Event/{io_event.pk}/")

    assert "Kurs i Askim" not in listing.content.decode()
    assert detail.status_code in (403, 404)


def _english_draft_translation(event, user):
    """A wagtail-localize translation of ``event`` into English, saved as a draft."""
    source, _created = TranslationSource.get_or_create_from_instance(event)
    english = Locale.objects.get(language_code="en")
    target, _created = Translation.objects.get_or_create(source=source, target_locale=english)
    target.save_target(user=user, publish=False)
    copy = Event.objects.get(translation_key=event.translation_key, locale=english)
    return source, target, copy


def test_sync_translations_of_another_sections_event_is_refused(
    client, translator, io_event, superuser
):
    # wagtail-localize's "Sync translated snippets" view itself asks only for
    # the submit_translation permission: unguarded, it shows another section's
    # event and publishes that section's draft translations.
    source, _target, english = _english_draft_translation(io_event, superuser)
    assert not english.live
    client.force_login(translator)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])

    shown = client.get(update)
    posted = client.post(update, {"publish_translations": "on"})

    assert "Kurs i Askim" not in shown.content.decode()
    assert posted.status_code != 500
    english.refresh_from_db()
    assert not english.live


def test_translations_report_does_not_name_another_sections_events(
    client, nf_editor, io_event, superuser
):
    # Unfiltered, any admin user sees the titles of every translated event there.
    _english_draft_translation(io_event, superuser)
    client.force_login(nf_editor)

    response = client.get(reverse("wagtail_localize:translations_report_results"))

    assert "Kurs i Askim" not in response.content.decode()


def test_translation_of_a_moved_event_follows_the_new_section(
    client, superuser, io_editor, nf_editor, io_event, nordre_follo
):
    # wagtail-localize copies synchronised fields only when a translation is
    # updated: unless saving the source moves its translations too, the old
    # section's editors keep the English text of an event that now belongs to
    # Nordre Follo, and its new editors cannot reach it.
    english = io_event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Course in Askim"
    english.save()
    client.force_login(superuser)
    moved = client.post(
        url("edit", io_event.pk),
        event_form(io_event, section=nordre_follo.pk, **{"action-publish": "on"}),
    )
    assert moved.status_code == 302

    client.force_login(io_editor)
    assert client.get(url("edit", english.pk)).status_code == 404
    client.force_login(nf_editor)
    assert client.get(url("edit", english.pk)).status_code == 200


def test_section_translator_can_fill_in_a_translation_of_her_own_event(
    client, translator, nf_event
):
    # wagtail-localize's editor asks Django for the model permission on Event;
    # cms.events.permissions.SectionEventBackend answers it with the section rule.
    client.force_login(translator)
    english = Locale.objects.get(language_code="en")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=("cms", "event", nf_event.pk)
    )
    assert client.post(submit, {"locales": [english.pk]}).status_code == 302
    target = Translation.objects.get(source__object_id=nf_event.translation_key)
    segment = target.source.stringsegment_set.get(string__data=nf_event.title)
    copy = Event.objects.get(translation_key=nf_event.translation_key, locale=english)
    assert client.get(url("edit", copy.pk)).status_code == 200

    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[target.pk, segment.pk]),
        data="value=Theme+evening+in+Ski",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 201)


def test_event_given_a_translated_section_page_is_refused_or_shown(
    client, nf_editor, nordre_follo, home
):
    # The calendar reads sections in the Norwegian tree: an event given the
    # English copy of a section must be moved to the Norwegian one, or it is
    # saved and published and never appears anywhere.
    EventIndexPageFactory(parent=home)
    english = nordre_follo.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    client.force_login(nf_editor)

    response = client.post(
        url("add"),
        event_form(
            section=english.pk,
            title="Temakveld i Ski",
            start=at(3, 3).strftime("%Y-%m-%d %H:%M"),
            end=at(3, 3, 20).strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "on"},
        ),
    )

    if response.status_code == 200:
        assert "section" in response.context["form"].errors
    else:
        event = Event.objects.get(title="Temakveld i Ski")
        assert event.live
        client.logout()
        assert client.get(f"/arrangementer/{event.pk}/").status_code == 200


# --- 1. Privacy: the feed cache --------------------------------------------------------------


def test_feed_forgets_events_of_a_section_moved_under_a_private_page(client, fixed_events, places):
    PageViewRestriction.objects.create(
        page=places["ostfold"], restriction_type=PageViewRestriction.LOGIN
    )
    assert b"Temakveld om helse" in client.get("/arrangementer/ical/").content  # now cached

    places["stovner"].move(places["ostfold"], pos="last-child")

    assert "Temakveld om helse" not in titles(client.get("/arrangementer/"))  # the listing knows
    assert b"Temakveld om helse" not in client.get("/arrangementer/ical/").content


def test_feed_built_before_an_unpublish_commits_is_not_served_after_it(
    client, rf, fixed_events, django_capture_on_commit_callbacks
):
    # A feed another process builds between the save and the commit still reads
    # the event as live; the cache is dropped again on commit, or that feed
    # would stay for FEED_CACHE_SECONDS.
    event = fixed_events["helse"]
    request = rf.get("/arrangementer/ical/")
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
        with translation.override("nb"):
            # What the other process would store now, from the committed (live) row.
            cache.set(_feed_cache_key(request), b"BEGIN:VCALENDAR Temakveld om helse", 900)

    assert b"Temakveld om helse" not in client.get("/arrangementer/ical/").content


# --- 4. Correctness ---------------------------------------------------------------------------


def test_event_over_several_days_shows_the_day_it_ends(client, places, calendar):
    start = at(3, 5, 18)
    event = EventFactory(
        title="Helgeseminar",
        section=places["oslo"],
        start=start,
        end=start + datetime.timedelta(days=2, hours=-4),  # two days later, 14:00
    )
    last_day = (start + datetime.timedelta(days=2)).date().isoformat()

    html = client.get(f"/arrangementer/{event.pk}/").content.decode()
    when = html.split("<dd>", 1)[1].split("</dd>", 1)[0]

    # Not "<weekday> 5. mars, 18:00–14:00", as if it ended before it began.
    assert f'datetime="{last_day}' in when
