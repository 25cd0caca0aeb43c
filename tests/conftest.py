"""Fixtures for every test: the front page, sections that provisioned themselves, people.

The ``db`` fixture runs each test in a transaction that never commits, so
fixtures that rely on saving run the on-commit callbacks themselves
(``committed``).
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from cms.content.models import NetworkSettings
from cms.core.groups import NATIONAL_EDITORS, TRANSLATORS, VOLUNTEERS
from tests.cms.helpers import PASSWORD
from tests.factories import HomePageFactory, MunicipalityPageFactory


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
