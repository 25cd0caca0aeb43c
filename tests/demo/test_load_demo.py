"""The demo loader builds the site of DESIGN.md and is safe to run twice."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from cms.activity.models import ActivityEntry
from cms.content.models import NewsPage
from cms.demo.dates import next_clock_change
from cms.demo.events import demo_events
from cms.events import recurrence
from cms.events.audit import EventLogEntry
from cms.events.models import Audience, Event, EventStatus, Repeat
from cms.events.occurrences import EventOccurrence
from cms.events.pages import EventIndexPage
from cms.outreach.models import Candidate, ContactRequest
from cms.sections.models import AssociationPage, MunicipalityPage

pytestmark = [
    pytest.mark.django_db(transaction=False),
    # One worker for the module: the demo is loaded once (tests/helpers/demo.py).
    pytest.mark.xdist_group("demo-load"),
]


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list("path", "title", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "users": list(
            get_user_model().objects.order_by("username").values_list("username", "password")
        ),
        "images": Image.objects.count(),
        "sites": list(Site.objects.values_list("root_page_id", "is_default_site")),
        "events": list(
            Event.objects.order_by("pk").values_list(
                "title", "section_id", "start", "latest_revision_id"
            )
        ),
        "occurrences": EventOccurrence.objects.count(),
        "activity": list(ActivityEntry.objects.order_by("pk").values_list("pk", "date", "kind")),
        "candidates": list(Candidate.objects.order_by("pk").values_list("pk", "name", "status")),
        "requests": list(ContactRequest.objects.order_by("pk").values_list("pk", "name", "status")),
    }


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", quiet=True)
    assert snapshot() == before


DEMO_URLS = [
    "/",
    "/oslo/",
    "/oslo/stovner/",
    "/oslo/grorud/",
    "/oslo/alna/",
    "/oslo/sondre-nordstrand/",
    "/nordre-follo/",
    "/nordre-follo/bydelsmodre-nordre-follo/",
    "/indre-ostfold/",
    "/aktuelt/",
    "/om-oss/",
    "/tilgjengelighet/",
    "/arrangementer/",
    "/arrangementer/?periode=maned&malgruppe=women",
    "/arrangementer/ical/",
    "/en/",
    "/en/nordre-follo/",
    "/en/arrangementer/",
    "/ar/arrangementer/",
]


def test_demo_pages_answer(client, demo):
    # One test for all pages: loading the demo is the slow part.
    answers = {url: client.get(url).status_code for url in DEMO_URLS}
    assert answers == dict.fromkeys(DEMO_URLS, 200)


def test_every_demo_event_has_a_page(client, demo):
    from cms.events.models import Event
    from cms.events.pages import EventIndexPage

    calendar = EventIndexPage.objects.get(locale__language_code="nb")
    for event in Event.objects.public().filter(locale__language_code="nb"):
        assert client.get(f"{calendar.url}{event.pk}/").status_code == 200, event.title
        assert client.get(f"{calendar.url}{event.pk}/ical/").status_code == 200, event.title


def test_demo_has_real_content(client, demo):
    home = client.get("/").content.decode()
    assert "Finn din lokale gruppe" in home
    for section in ["Oslo", "Nordre Follo", "Indre Østfold"]:
        assert section in home
    assert "Bydelsmødre kommer til Indre Østfold" in home
    indre = client.get("/indre-ostfold/").content.decode()
    assert "Indre Østfold helsestasjon" in indre
    english = client.get("/en/").content.decode()
    assert "Neighbourhood Mothers" in english
    association = AssociationPage.objects.get(locale__language_code="nb")
    assert association.org_number == "974760673"
    assert MunicipalityPage.objects.filter(locale__language_code="nb").count() == 7
    # Three public articles, and one internal one in the volunteers' area.
    assert NewsPage.objects.filter(alias_of=None).count() == 4


def test_demo_accounts_log_in(client, demo):
    assert client.login(request=HttpRequest(), username="admin", password="bydelsmor-demo")
    assert client.get("/admin/").status_code == 200
    for username in [
        "redaktor-nordrefollo",
        "redaktor-indreostfold",
        "koordinator-nordrefollo",
        "nasjonal-redaktor",
        "oversetter-somali",
    ]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("bydelsmor-demo")
        assert not user.is_superuser
        assert client.login(request=HttpRequest(), username=username, password="bydelsmor-demo")
        assert client.get("/admin/").status_code == 200


def test_demo_accounts_have_their_roles(demo):
    from cms.sections.models import SectionRoles

    def groups(username):
        user = get_user_model().objects.get(username=username)
        return set(user.groups.values_list("name", flat=True))

    nordre_follo = SectionRoles.objects.get(section__slug="nordre-follo")
    indre_ostfold = SectionRoles.objects.get(section__slug="indre-ostfold")
    assert groups("redaktor-nordrefollo") == {nordre_follo.editors.name}
    assert groups("redaktor-indreostfold") == {indre_ostfold.editors.name}
    assert groups("koordinator-nordrefollo") == {nordre_follo.coordinators.name}
    assert groups("nasjonal-redaktor") == {"Nasjonal redaksjon"}
    assert groups("oversetter-somali") == {"Oversettere – somali"}


def test_demo_coordinator_sees_her_sections_candidates_and_its_editor_does_not(client, demo):
    section = MunicipalityPage.objects.get(slug="nordre-follo", locale__language_code="nb")
    candidates = f"/admin/seksjoner/{section.pk}/kandidater/"
    requests = f"/admin/seksjoner/{section.pk}/foresporsler/"

    client.login(
        request=HttpRequest(), username="koordinator-nordrefollo", password="bydelsmor-demo"
    )
    assert "Fadumo Demo" in client.get(candidates).content.decode()
    assert "Helsestasjonen i Ski" in client.get(requests).content.decode()

    client.login(request=HttpRequest(), username="redaktor-nordrefollo", password="bydelsmor-demo")
    assert client.get(candidates).status_code == 404
    assert client.get(requests).status_code == 404


def test_demo_section_editor_sees_only_her_own_events(client, demo):
    from cms.events.models import Event

    client.login(request=HttpRequest(), username="redaktor-nordrefollo", password="bydelsmor-demo")

    listing = client.get("/admin/snippets/cms/event/")

    assert listing.status_code == 200
    html = listing.content.decode()
    follo = Event.objects.filter(section__url_path__contains="/nordre-follo/")
    assert follo.exists()
    ostfold = Event.objects.filter(section__slug="indre-ostfold").first()
    assert follo.first().title in html
    assert ostfold.title not in html
    assert client.get(f"/admin/snippets/cms/event/edit/{ostfold.pk}/").status_code in {403, 404}
    assert client.get(f"/admin/snippets/cms/event/edit/{follo.first().pk}/").status_code == 200


SECTION_SLUGS = {
    "oslo",
    "stovner",
    "grorud",
    "alna",
    "sondre-nordstrand",
    "nordre-follo",
    "bydelsmodre-nordre-follo",
    "indre-ostfold",
}


def norwegian_events():
    return Event.objects.filter(locale__language_code="nb")


def test_calendar_page_is_live_in_both_languages(demo):
    calendar = EventIndexPage.objects.get(locale__language_code="nb")
    assert calendar.live
    assert calendar.slug == "arrangementer"
    assert calendar.get_url() == "/arrangementer/"
    english = calendar.get_translations().get(locale__language_code="en")
    assert english.alias_of_id is None
    assert english.live
    assert english.get_url() == "/en/arrangementer/"


def test_demo_has_published_events_everywhere(demo):
    events = norwegian_events()
    assert events.count() >= 25
    assert set(events.values_list("section__slug", flat=True)) == SECTION_SLUGS
    assert events.values("category").distinct().count() == 7
    assert events.filter(languages__code__in=["ar", "so", "ur", "ti", "pl", "uk"]).exists()
    assert events.values("languages").distinct().count() >= 10
    for event in events:
        # Published as the admin does it: live, with a live revision and its history.
        assert event.live
        assert event.live_revision_id == event.latest_revision_id is not None
        assert not event.has_unpublished_changes
        actions = set(EventLogEntry.objects.for_instance(event).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.publish"} <= actions
        assert event.occurrences.exists()
    assert events.filter(all_day=True).exists()
    assert events.filter(childcare=True, interpreter=True, step_free=True).exists()
    assert events.exclude(registration_url="").exists()
    assert events.exclude(registration_info="").filter(capacity__isnull=False).exists()
    upcoming = EventOccurrence.objects.public().upcoming().filter(event__in=events)
    assert upcoming.count() >= 25


def test_demo_has_volunteer_only_and_cancelled_events(demo):
    events = norwegian_events()
    volunteers = events.filter(audience=Audience.VOLUNTEERS)
    assert volunteers.filter(category__slug="opplaering").exists()
    assert not EventOccurrence.objects.public().filter(event__in=volunteers).exists()
    cancelled = events.get(status=EventStatus.CANCELLED)
    assert cancelled.occurrences.get().start > timezone.now()


def test_weekly_exercise_group_keeps_its_time_across_the_clock_change(demo):
    group = norwegian_events().get(title="Trening for kvinner", section__slug="stovner")
    assert group.repeat == Repeat.WEEKLY
    assert group.audience == Audience.WOMEN
    assert len(group.excluded_dates) == 1
    occurrences = list(group.occurrences.all())
    local_starts = [recurrence.local(occurrence.start) for occurrence in occurrences]
    assert {start.weekday() for start in local_starts} == {2}  # Wednesday
    assert {start.time() for start in local_starts} == {datetime.time(10)}
    assert {recurrence.local(occurrence.end).time() for occurrence in occurrences} == {
        datetime.time(11)
    }
    # Both winter and summer time: the UTC offset changes, the wall clock does not.
    offsets = {
        occurrence.start.astimezone(recurrence.OSLO).utcoffset() for occurrence in occurrences
    }
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    change = next_clock_change(timezone.localdate())
    assert local_starts[0].date() < change < local_starts[-1].date()
    assert group.excluded_dates[0] not in {start.date() for start in local_starts}


def test_monthly_conversation_group_meets_on_the_first_monday(demo):
    group = norwegian_events().get(repeat=Repeat.MONTHLY)
    assert group.category.slug == "samtalegruppe"
    local_starts = [recurrence.local(occurrence.start) for occurrence in group.occurrences.all()]
    assert len(local_starts) >= 12
    assert all(start.weekday() == 0 and start.day <= 7 for start in local_starts)
    assert group.schedule_text()


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 29),  # the day of the spring change
        datetime.date(2026, 10, 20),
        datetime.date(2026, 10, 25),  # the day of the autumn change
        datetime.date(2027, 7, 1),
        datetime.date(2031, 2, 1),  # past the table of Eid dates
    ],
)
def test_demo_dates_work_whatever_the_day(today):
    events = {spec["title"]: spec for spec in demo_events(today)}
    group = events["Trening for kvinner"]
    starts = recurrence.expand(
        group["start"],
        group["end"],
        group["repeat"],
        1,
        group["repeat_until"],
        group["excluded_dates"],
    )
    offsets = {start.utcoffset() for start, _end in starts}
    assert len(offsets) == 2
    assert starts[-1][0].date() > today
    assert group["excluded_dates"][0] > today
    for spec in events.values():
        assert spec["end"] >= spec["start"]
        if not spec.get("repeat"):
            assert spec["start"].date() > today


def test_loading_twice_adds_no_events(demo):
    count = norwegian_events().count()
    call_command("load_demo", quiet=True)
    assert norwegian_events().count() == count
