"""The volunteer's own log: she logs, sees, changes and deletes her own, and nobody else's."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.activity.models import ActivityEntry, ActivitySettings
from cms.core.languages import SpokenLanguage
from cms.volunteers.profiles import delete_volunteer, personal_data

pytestmark = pytest.mark.django_db


def form(language, **changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "kind": "conversation",
        "topics": ["health", "family"],
        "languages": [language.pk],
        "people": "3",
        "services": ["health_station"],
        "minutes": "60",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def entry_url(area, entry, name="activity_edit"):
    return area.url + area.reverse_subpage(name, args=[entry.pk])


def test_a_volunteer_logs_an_action_with_its_topics_languages_and_services(
    client, amina_speaks, log_url, somali, nordre_follo
):
    client.force_login(amina_speaks.user)
    page = client.get(log_url)
    assert page.status_code == 200
    with translation.override("nb"):
        warning = gettext(
            "No names, no contact details and nothing else about the people you met: "
            "only what you did, so that we can count it."
        )
    assert warning in page.content.decode()

    response = client.post(log_url, form(somali))

    assert response.status_code == 302
    entry = ActivityEntry.objects.get()
    assert (entry.section_id, entry.volunteer, entry.people) == (
        nordre_follo.pk,
        amina_speaks.user,
        3,
    )
    assert sorted(entry.topic_rows.values_list("topic", flat=True)) == ["family", "health"]
    assert list(entry.service_rows.values_list("service", flat=True)) == ["health_station"]
    assert list(entry.languages.all()) == [somali]
    listing = client.get(log_url).content.decode()
    assert f"aktivitet/{entry.pk}/" in listing


def test_her_languages_come_first_and_the_others_are_folded_away(
    client, amina_speaks, log_url, somali
):
    other = SpokenLanguage.objects.create(code="ti", name="tigrinja", name_local="ትግርኛ")
    client.force_login(amina_speaks.user)

    page = client.get(log_url)
    form_fields = page.context["form"]

    assert set(form_fields.fields["languages"].queryset) == set(amina_speaks.languages.all())
    assert other in form_fields.fields["other_languages"].queryset
    assert b"<details" in page.content
    response = client.post(log_url, form(somali, languages=None, other_languages=[other.pk]))
    assert response.status_code == 302
    assert list(ActivityEntry.objects.get().languages.all()) == [other]


#: Bad input, and the field whose message says what is wrong.
BAD_INPUT = [
    ({"date": "2999-01-01"}, "date"),
    ({"date": "2001-01-01"}, "date"),
    ({"date": "31.02.2026"}, "date"),
    ({"people": "-2"}, "people"),
    ({"people": "0"}, "people"),
    ({"people": "100000000000000000000000"}, "people"),
    ({"people": "tre"}, "people"),
    ({"topics": ["weather"]}, "topics"),
    ({"topics": None}, "topics"),
    ({"kind": "gossip"}, "kind"),
    ({"minutes": "7"}, "minutes"),
    ({"services": ["police"]}, "services"),
    ({"languages": ["999999"]}, "languages"),
    ({"languages": None}, "languages"),
]


def test_bad_input_gets_a_message_and_stores_nothing(client, amina_speaks, log_url, somali):
    client.force_login(amina_speaks.user)
    for changes, field in BAD_INPUT:
        response = client.post(log_url, form(somali, **changes))

        assert response.status_code == 400, changes
        assert response.context["form"].errors[field], changes
        assert not ActivityEntry.objects.exists()


def test_a_volunteer_changes_and_deletes_her_own_entry(
    client, amina_speaks, area, make_entry, nordre_follo, somali
):
    entry = make_entry(nordre_follo, amina_speaks.user, days_ago=3, people=2)
    client.force_login(amina_speaks.user)

    response = client.post(entry_url(area, entry), form(somali, people="7", kind="help"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.people, entry.kind) == (7, "help")
    assert client.get(entry_url(area, entry, "activity_delete")).status_code == 200
    assert ActivityEntry.objects.filter(pk=entry.pk).exists()  # GET only asks
    assert client.post(entry_url(area, entry, "activity_delete")).status_code == 302
    assert not ActivityEntry.objects.filter(pk=entry.pk).exists()


def test_she_cannot_see_change_or_delete_another_volunteers_entry(
    client, amina_speaks, other_volunteer, area, make_entry, indre_ostfold, somali, log_url
):
    theirs = make_entry(indre_ostfold, other_volunteer.user, days_ago=1, people=4)
    client.force_login(amina_speaks.user)

    assert f"aktivitet/{theirs.pk}/" not in client.get(log_url).content.decode()
    assert client.get(entry_url(area, theirs)).status_code == 404
    assert client.post(entry_url(area, theirs), form(somali, people="9")).status_code == 404
    assert client.post(entry_url(area, theirs, "activity_delete")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.people == 4
    # The other side: its owner may.
    client.force_login(other_volunteer.user)
    assert client.get(entry_url(area, theirs)).status_code == 200


def test_editing_closes_after_the_sections_period(
    client, amina_speaks, area, make_entry, nordre_follo, somali
):
    ActivitySettings.objects.create(section=nordre_follo, edit_days=10)
    recent = make_entry(nordre_follo, amina_speaks.user, days_ago=9, people=2)
    old = make_entry(nordre_follo, amina_speaks.user, days_ago=11, people=2)
    client.force_login(amina_speaks.user)

    assert client.post(entry_url(area, old), form(somali, people="8")).status_code == 403
    assert client.post(entry_url(area, old, "activity_delete")).status_code == 403
    old.refresh_from_db()
    assert old.people == 2
    assert (
        client.post(
            entry_url(area, recent), form(somali, people="8", date=recent.date.isoformat())
        ).status_code
        == 302
    )
    recent.refresh_from_db()
    assert recent.people == 8
    too_old = (timezone.localdate() - datetime.timedelta(days=11)).isoformat()
    response = client.post(area.url + area.reverse_subpage("activity"), form(somali, date=too_old))
    assert response.status_code == 400
    assert ActivityEntry.objects.count() == 2


def test_only_volunteers_log(client, area, log_url, coordinator, outsider, somali):
    assert client.get(log_url).status_code == 302  # anonymous: to the login
    client.force_login(outsider)
    assert client.get(log_url).status_code in (302, 403)
    client.force_login(coordinator)  # in the area's audience, but no volunteer profile
    response = client.post(log_url, form(somali))
    assert response.status_code == 200
    assert response.templates[0].name == "volunteers/no_profile.html"
    assert not ActivityEntry.objects.exists()


def test_her_data_download_holds_her_entries_and_deletion_leaves_them_anonymous(
    client, amina_speaks, area, make_entry, nordre_follo
):
    make_entry(nordre_follo, amina_speaks.user, days_ago=2, people=5, topics=("money",))
    data = personal_data(amina_speaks)
    assert [(row["people"], row["topics"]) for row in data["activity"]] == [(5, ["money"])]

    delete_volunteer(amina_speaks)

    entry = ActivityEntry.objects.get()
    assert entry.volunteer is None
    assert entry.section_id == nordre_follo.pk
