"""Who sees which section's activity in the admin: coordinators exactly, municipalities protected.

Every rule from both sides: the coordinator of a section and the one of
another, its editor, a national editor, the municipality's contact, a
volunteer and anonymous visitors.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.activity.models import ActivitySettings
from cms.sections.models import SectionRoles
from cms.sections.provisioning import provision

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}


def section_url(section, name="cms_activity_section"):
    return reverse(name, args=[section.pk if section else 0])


@pytest.fixture
def logged(make_entry, nordre_follo, indre_ostfold, amina, hawa):
    """Seven entries by Amina in Nordre Follo, two by Hawa in Indre Østfold."""
    for day in range(7):
        make_entry(nordre_follo, amina.user, date=f"2026-03-{day + 1:02d}", people=2)
    for day in range(2):
        make_entry(indre_ostfold, hawa.user, date=f"2026-03-{day + 1:02d}", people=40)


def test_the_coordinator_follows_her_section_exactly_with_each_volunteers_counts(
    client, coordinator, logged, nordre_follo
):
    client.force_login(coordinator)

    response = client.get(section_url(nordre_follo), PERIOD)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.entries.total == 7
    assert report.people.total == 14
    assert [(row["name"], row["total"]) for row in report.volunteers] == [("Amina Haji", 7)]
    page = response.content.decode()
    assert "Amina Haji" in page
    assert "Hawa" not in page
    assert "<svg" in page and 'role="img"' in page  # the charts, beside their tables
    assert "<table" in page


@pytest.mark.parametrize("who", ["other_coordinator", "nf_editor", "municipality_contact", "amina"])
def test_others_do_not_see_the_sections_activity_view(client, request, who, logged, nordre_follo):
    person = request.getfixturevalue(who)
    user = getattr(person, "user", person)
    client.force_login(user)

    response = client.get(section_url(nordre_follo), PERIOD)

    assert response.status_code in (302, 403, 404)
    assert b"Amina" not in response.content


def test_anonymous_visitors_get_the_login(client, logged, nordre_follo):
    for name in ("cms_activity_section", "cms_activity_report"):
        response = client.get(section_url(nordre_follo, name))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_national_roles_see_every_section_and_the_network(
    client, national_editor, coordinator, logged, nordre_follo, indre_ostfold
):
    client.force_login(national_editor)
    assert client.get(section_url(indre_ostfold), PERIOD).context["report"].entries.total == 2
    network = client.get(section_url(None), PERIOD)
    assert network.status_code == 200
    assert network.context["report"].entries.total == 9
    # A section's coordinator does not see the network.
    client.force_login(coordinator)
    assert client.get(section_url(None), PERIOD).status_code == 404
    assert client.get(section_url(None, "cms_activity_report"), PERIOD).status_code == 404


def test_the_municipality_contact_reads_the_report_by_year_and_never_names(
    client, municipality_contact, logged, nordre_follo, indre_ostfold
):
    client.force_login(municipality_contact)

    response = client.get(section_url(nordre_follo, "cms_activity_report"), {"year": "2026"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Amina" not in page
    assert response.context["report"].volunteers == []
    assert response.context["report"].period.start.isoformat() == "2026-01-01"
    # Her form is the year: a free period (overlapping ones) is not hers to choose.
    assert list(response.context["form"].fields) == ["year"]
    assert client.get(section_url(indre_ostfold, "cms_activity_report")).status_code == 404
    assert client.get(reverse("cms_activity")).status_code == 200


def test_the_report_protects_small_numbers_even_for_the_coordinator(
    client, coordinator, logged, nordre_follo
):
    client.force_login(coordinator)

    report = client.get(section_url(nordre_follo, "cms_activity_report"), PERIOD)
    exact = client.get(section_url(nordre_follo), PERIOD)

    months = {row.label: row.total for row in report.context["views"][0].body}
    assert months["mars 2026"].value == 7 and not months["mars 2026"].hidden
    topics = report.context["views"][2]
    assert all(cell.hidden for row in topics.body for cell in row.cells[:1] if 0 < cell.value < 5)
    headline = dict(report.context["headline"])
    assert headline["Active volunteers"].hidden if "Active volunteers" in headline else True
    assert not any(cell.hidden for _label, cell in exact.context["headline"])


BAD_FILTERS = [
    {"start": "2026-13-45"},
    {"start": "2026-05-01", "end": "2026-04-01"},
    {"kind": "gossip"},
    {"start": "1066-10-14"},
    {"start": "2000-01-01", "end": "2026-12-31"},
    {"start": "9" * 40},
]


def test_bad_filters_get_a_message_and_a_400(client, coordinator, logged, nordre_follo):
    client.force_login(coordinator)
    for query in BAD_FILTERS:
        for name in ("cms_activity_section", "cms_activity_report"):
            response = client.get(section_url(nordre_follo, name), query)
            assert response.status_code == 400, query
            if response.context is not None:  # else refused before the view (requestguard)
                assert response.context["form"].errors, query


def test_bad_years_for_the_municipality_get_a_400(
    client, municipality_contact, logged, nordre_follo
):
    client.force_login(municipality_contact)
    for year in ("1999", "99999999999999", "tjue"):
        response = client.get(section_url(nordre_follo, "cms_activity_report"), {"year": year})
        assert response.status_code == 400


def test_the_views_query_count_does_not_grow_with_entries(
    client, coordinator, make_entry, nordre_follo, amina
):
    client.force_login(coordinator)
    url = section_url(nordre_follo)
    make_entry(nordre_follo, amina.user, date="2026-02-01")
    client.get(url, PERIOD)  # warm the admin's own caches
    with CaptureQueriesContext(connection) as few:
        client.get(url, PERIOD)
    for day in range(20):
        make_entry(
            nordre_follo, amina.user, date=f"2026-04-{day + 1:02d}", topics=("money", "health")
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, PERIOD)
    assert len(many) == len(few)


def test_the_coordinator_sets_the_logs_rules_and_others_cannot(
    client, coordinator, other_coordinator, municipality_contact, nordre_follo
):
    url = section_url(nordre_follo, "cms_activity_settings")
    client.force_login(other_coordinator)
    assert client.post(url, {"edit_days": "5", "retention_years": "2"}).status_code == 404
    client.force_login(municipality_contact)
    assert client.post(url, {"edit_days": "5", "retention_years": "2"}).status_code == 404
    assert not ActivitySettings.objects.exists()

    client.force_login(coordinator)
    bad = client.post(url, {"edit_days": "100000", "retention_years": "0"})
    assert bad.status_code == 400
    assert not ActivitySettings.objects.exists()
    response = client.post(url, {"edit_days": "30", "retention_years": "3", "public_figure": ""})
    assert response.status_code == 302
    settings = ActivitySettings.objects.get(section=nordre_follo)
    assert (settings.edit_days, settings.retention_years, settings.public_figure) == (30, 3, False)


def test_the_menu_item_shows_for_those_who_see_activity(
    client, coordinator, municipality_contact, nf_editor, nordre_follo
):
    for user, shown in ((coordinator, True), (municipality_contact, True), (nf_editor, False)):
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home"))
        assert (reverse("cms_activity") in page.content.decode()) is shown, user


def test_provisioning_makes_the_municipality_contacts_group_once(nordre_follo, network):
    roles = SectionRoles.objects.get(section=nordre_follo)
    group = roles.municipality_contacts
    assert group.name == "Nordre Follo – kommunekontakter"
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    assert provision(nordre_follo) == []
    # Not in the volunteers' private audience, with no page or media rights.
    assert not group.page_permissions.exists()
    assert not group.collection_permissions.exists()
    assert Group.objects.filter(name=group.name).count() == 1
