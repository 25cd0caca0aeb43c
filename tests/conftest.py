"""Fixtures for every test: the front page, sections that provisioned themselves, people.

Also what the tests of several folders share: the public calendar with its
fixed places and events (``places``, ``calendar``, ``fixed_events``) and the
private volunteer area with its programme and volunteers (``area``,
``modules``, ``volunteer``, ``outsider``); the private area's named people,
coordinators and training media are in tests/helpers/private_area.py.

The ``db`` fixture runs each test in a transaction that never commits, so
fixtures that rely on saving run the on-commit callbacks themselves
(``committed``).
"""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from cms.content.models import NetworkSettings
from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS
from cms.curriculum.models import Theme
from cms.events.models import Audience, EventStatus
from cms.privacy import restrictions
from tests.factories import (
    AssociationPageFactory,
    CurriculumModuleFactory,
    EventCategoryFactory,
    EventFactory,
    EventIndexPageFactory,
    HomePageFactory,
    MunicipalityPageFactory,
    SpokenLanguageFactory,
    UserFactory,
    VolunteerAreaPageFactory,
    VolunteerProfileFactory,
)
from tests.helpers.events import at
from tests.helpers.sections import PASSWORD

#: Fixtures that several folders share beside these.
pytest_plugins = [
    "tests.helpers.private_area",
    "tests.helpers.private_files",
    "tests.helpers.demo",
    "tests.helpers.frontcache",
]


@pytest.fixture
def home(db):
    """A HomePage that is the default site's root, as after `make run`."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    old_root.delete()  # Wagtail's welcome page
    return home


@pytest.fixture
def site_settings(home):
    """The site's settings row, which the first page view of a new site creates."""
    return NetworkSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "sjef", "sjef@example.no", "passord-som-er-langt"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; each test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def translate(committed):
    """Translate like wagtail-localize's "Translate" button; the ``Translation``.

    wagtail-localize publishes the translation when the transaction commits,
    so the commit's callbacks are run here.
    """

    def make(instance, code):
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        target, _created = Translation.objects.get_or_create(
            source=source, target_locale=Locale.objects.get(language_code=code)
        )
        with committed():
            target.save_target(publish=True)
        return target

    return make


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def arabic(db):
    return Locale.objects.get(language_code="ar")


@pytest.fixture
def somali(db):
    return Locale.objects.get(language_code="so")


@pytest.fixture
def section(home, committed):
    """Make a section and let it provision itself, as saving it does."""

    def make(title, parent=None, factory=MunicipalityPageFactory, **kwargs):
        with committed():
            return factory(parent=parent or home, title=title, **kwargs)

    return make


@pytest.fixture
def nordre_follo(section):
    return section("Nordre Follo", slug="nordre-follo")


@pytest.fixture
def indre_ostfold(section):
    return section("Indre Østfold", slug="indre-ostfold")


@pytest.fixture
def member(django_user_model):
    """A new user in the given groups, who logs in with PASSWORD."""

    def make(username, *groups):
        user = django_user_model.objects.create_user(username, f"{username}@example.no", PASSWORD)
        user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def network(nordre_follo, indre_ostfold):
    call_command("provision_sections", stdout=io.StringIO())
    return {
        name: Group.objects.get(name=name)
        for name in (
            NATIONAL_EDITORS,
            TRANSLATORS,
            VOLUNTEERS,
        )
    }


# --- The calendar and the private area, which several folders' tests use ---------------


@pytest.fixture
def places(home):
    oslo = MunicipalityPageFactory(parent=home, title="Oslo", slug="oslo")
    stovner = MunicipalityPageFactory(parent=oslo, title="Stovner", slug="stovner")
    follo = MunicipalityPageFactory(parent=home, title="Nordre Follo", slug="nordre-follo")
    association = AssociationPageFactory(parent=follo, title="Bydelsmødre Nordre Follo")
    ostfold = MunicipalityPageFactory(parent=home, title="Indre Østfold", slug="indre-ostfold")
    return {
        "oslo": oslo,
        "stovner": stovner,
        "follo": follo,
        "association": association,
        "ostfold": ostfold,
    }


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def fixed_events(places, calendar):
    somali = SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")
    arabic = SpokenLanguageFactory(code="ar", name="arabisk", name_local="العربية")
    course = EventCategoryFactory(slug="kurs")
    theme = EventCategoryFactory(slug="temakveld")

    def event(title, section, start, category=theme, languages=(), **kwargs):
        return EventFactory(
            title=title,
            section=places[section],
            start=start,
            end=start + datetime.timedelta(hours=2),
            category=category,
            languages=list(languages),
            **kwargs,
        )

    return {
        "helse": event("Temakveld om helse", "stovner", at(3, 2), languages=[somali]),
        "kurs-oslo": event("Norskkurs Oslo", "oslo", at(3, 4), course, [somali, arabic]),
        "kurs-follo": event("Norskkurs Follo", "association", at(3, 10), course, [somali]),
        "skole": event("Skole og hjem", "follo", at(4, 1), languages=[arabic]),
        "mysen": event("Sommerfest Mysen", "ostfold", at(6, 20), course, [somali]),
        "avlyst": event("Avlyst temakveld", "stovner", at(3, 5), status=EventStatus.CANCELLED),
        "frivillige": event(
            "Opplæring for frivillige", "stovner", at(3, 3), audience=Audience.VOLUNTEERS
        ),
        "utkast": event("Utkast til fest", "stovner", at(3, 6), live=False),
    }


@pytest.fixture
def area(home, network, committed):
    """The volunteer area at /frivillig/, private to the audience."""
    with committed():
        area = VolunteerAreaPageFactory(parent=home)
    restrictions.sync_private_area()
    return area


@pytest.fixture
def locales(db):
    """The English and Arabic locales (Norwegian exists already)."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("nb", "en", "ar")
    }


@pytest.fixture
def modules(db):
    """Four live modules; the first three are in the 10-evening programme."""
    return [
        CurriculumModuleFactory(title="Velkommen: hva er en bydelsmor?", theme=Theme.ROLE, order=1),
        CurriculumModuleFactory(
            title="Foreldreskap og barns utvikling", theme=Theme.PARENTHOOD, order=2
        ),
        CurriculumModuleFactory(title="Helse og helsestasjonen", theme=Theme.HEALTH, order=3),
        CurriculumModuleFactory(
            title="Samtalemetodikk: den gode samtalen",
            theme=Theme.METHOD,
            order=4,
            in_short_programme=False,
        ),
    ]


def _volunteer(section, username, **kwargs):
    user = UserFactory(username=username, password=PASSWORD)
    return VolunteerProfileFactory(user=user, section=section, **kwargs)


@pytest.fixture
def volunteer(nordre_follo, network):
    """Amina, a volunteer in Nordre Follo (a VolunteerProfile; ``.user`` logs in)."""
    return _volunteer(nordre_follo, "frivillig-nordrefollo", phone="912 34 567")


@pytest.fixture
def other_volunteer(indre_ostfold, network):
    """Hawa, a volunteer in Indre Østfold."""
    return _volunteer(indre_ostfold, "frivillig-indreostfold", phone="934 56 789")


@pytest.fixture
def outsider(member):
    """Logged in, but in no group: not a volunteer, not an editor."""
    return member("nabo")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Refuse to run when pytest-xdist ignores the groups that keep servers apart.

    Under ``--dist loadgroup`` xdist marks a grouped test's id with ``@group``;
    without that, the two serve-prod modules would run on both workers at once
    and share a Redis database (pytest-dev/pytest-xdist#1386).
    """
    if not getattr(config.option, "loadgroup", False):
        return
    lost = [item.nodeid for item in items if item.get_closest_marker("xdist_group")]
    lost = [nodeid for nodeid in lost if "@" not in nodeid]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist did not group {len(lost)} tests (first: {lost[0]}); "
            "check the pytest and pytest-xdist versions in pyproject.toml."
        )


# Here, not in tests/browser/conftest.py: under pytest-xdist only the main
# process reports, and it reads no conftest below this one.
def pytest_terminal_summary(terminalreporter):
    """The page weights, whether the tests pass or not, to see them grow."""
    weights = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for key, value in report.user_properties
        if key == "page_weight"
    ]
    if weights:
        terminalreporter.section("page weight without images")
        for line in weights:
            terminalreporter.write_line(line)
