"""Kinds of event: seeded by migration, extended in the admin, never lost from under an event."""

from django.urls import reverse

from cms.events.models import EventCategory
from tests.factories import EventFactory, MunicipalityPageFactory


def test_migration_seeds_the_networks_kinds_of_event_in_norwegian_and_english(db):
    norwegian = dict(
        EventCategory.objects.filter(locale__language_code="nb").values_list("slug", "name")
    )
    english = dict(
        EventCategory.objects.filter(locale__language_code="en").values_list("slug", "name")
    )

    assert norwegian == {
        "temakveld": "Temakveld",
        "treningsgruppe": "Treningsgruppe",
        "samtalegruppe": "Samtalegruppe",
        "kurs": "Kurs",
        "fest": "Fest",
        "opplaering": "Opplæring",
        "informasjonsmote": "Informasjonsmøte",
    }
    assert english["informasjonsmote"] == "Information meeting"


def test_new_kind_of_event_added_in_the_admin_is_offered_by_the_calendar(
    admin_client, home, client
):
    from tests.factories import EventIndexPageFactory

    EventIndexPageFactory(parent=home)
    # The unfiltered calendar's form is kept until the content changes.
    assert 'value="svomming"' not in client.get("/arrangementer/").content.decode()
    response = admin_client.post(
        reverse("wagtailsnippets_cms_eventcategory:add"),
        {"name": "Svømming", "slug": "svomming", "locale": "nb"},
    )

    assert response.status_code == 302
    assert 'value="svomming"' in client.get("/arrangementer/").content.decode()


def test_a_kind_in_use_cannot_be_deleted(admin_client, home):
    event = EventFactory(section=MunicipalityPageFactory(parent=home))

    response = admin_client.post(
        reverse("wagtailsnippets_cms_eventcategory:delete", args=[event.category.pk])
    )

    assert response.status_code in {200, 302}
    assert EventCategory.objects.filter(pk=event.category.pk).exists()
    event.refresh_from_db()
    assert event.category.slug == "temakveld"
