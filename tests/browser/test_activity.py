"""The activity log in a real browser: the volunteer's form on a phone, and the report.

The demo's volunteer ``frivillig-nordrefollo`` (Amina, Nordre Follo, Arabic and
Somali) logs what she did at phone width, in Norwegian and in Arabic, with the
keyboard and without JavaScript; her coordinator's view and the funders'
report pass axe-core, and the report prints without its filters and links.

The demo site runs in its own process (``server``): what was stored is read
from its SQLite file with ``sqlite3``, never through Django's ORM, which
refuses to run beside Playwright's event loop. What the pages say is taken
from the site's own catalogs (``gettext`` under the page's language).
"""

import re
from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.forms import Field
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cms.activity.models import ActivityKind
from tests.browser.helpers import DEMO_PASSWORD, DEMO_VOLUNTEER, log_in, tab_to
from tests.browser.test_accessibility import AXE_OPTIONS, BLOCKING_IMPACTS, _describe

# Under pytest-xdist, every browser test on one worker: one demo site, one browser.
pytestmark = pytest.mark.xdist_group("browser")

#: The demo's accounts (cms/demo/data/people.toml, training.toml), one password for all.
VOLUNTEER, COORDINATOR, PASSWORD = DEMO_VOLUNTEER, "koordinator-nordrefollo", DEMO_PASSWORD
#: Where her log is: the area (training.toml) and its route.
LOG = {"nb": "/frivillig/aktivitet/", "ar": "/ar/frivillig/aktivitet/"}
#: A common phone, held upright.
PHONE = {"width": 360, "height": 740}
#: Entries the coordinator's view and the report are given, besides the demo's.
SEEDED = [
    ("conversation", "family", 2, 30),
    ("help", "services", 1, 90),
    ("activity", "leisure", 12, 120),
]

axe = Axe()


def _entry_count(query):
    return query("SELECT COUNT(*) FROM cms_activityentry")[0][0]


def _newest_entry(query):
    """Her newest entry: its fields, topics, services and language ids."""
    (entry_id, date, kind, people, minutes) = query(
        "SELECT e.id, e.date, e.kind, e.people, e.minutes FROM cms_activityentry e"
        " JOIN auth_user u ON u.id = e.volunteer_id WHERE u.username = ?"
        " ORDER BY e.id DESC LIMIT 1",
        VOLUNTEER,
    )[0]

    def values(sql):
        return {row[0] for row in query(sql, entry_id)}

    return {
        "date": date,
        "kind": kind,
        "people": people,
        "minutes": minutes,
        "topics": values("SELECT topic FROM cms_entrytopic WHERE entry_id = ?"),
        "services": values("SELECT service FROM cms_entryservice WHERE entry_id = ?"),
        "languages": values(
            "SELECT spokenlanguage_id FROM cms_activityentry_languages WHERE activityentry_id = ?"
        ),
    }


def _in(language, message):
    """``message`` (a message id, or a lazy translation) as the site says it in ``language``."""
    with translation.override(language):
        return gettext(message) if isinstance(message, str) else str(message)


def _today():
    return timezone.localdate().isoformat()


def _log_in_to_admin(page, username=COORDINATOR):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def _assert_no_blocking_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {page.url}:\n{_describe(blocking)}"


_OVERFLOW = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1
                  || e.getBoundingClientRect().left < -1)
        .slice(0, 5)
        .map(e => e.outerHTML.slice(0, 100));
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide};
}"""


def _assert_fits(page):
    """No sideways scrolling: the page is no wider than the screen (with what sticks out)."""
    width = page.evaluate(_OVERFLOW)
    assert width["scrollWidth"] <= width["clientWidth"] + 1, (
        f"{page.url} scrolls sideways at {page.viewport_size['width']} px: {width}"
    )


def _submit(page):
    """Click Save; the response to the form's POST (before any redirect is followed)."""
    with (
        page.expect_navigation(),  # to the page it answers with, or redirects to
        page.expect_response(lambda r: r.request.method == "POST") as response,
    ):
        page.click("form.activity-form button[type=submit]")
    return response.value


#: The first pages a freshly started server renders (each worker imports and
#: compiles on its first requests) may take longer than the tests' 10 s.
FIRST_PAGES_TIMEOUT = 60_000


def _logged_in_state(browser, server, log_in, *paths):
    """The cookies of a session that ``log_in`` opened, for the tests' fresh contexts.

    ``paths`` are visited once, so that the tests meet a server that has
    served them already.
    """
    context = browser.new_context(base_url=server)
    context.set_default_timeout(FIRST_PAGES_TIMEOUT)
    try:
        page = context.new_page()
        log_in(page)
        for path in paths:
            assert page.goto(path).ok, path
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture(scope="module")
def volunteer_state(browser, server):
    """Amina's session: each test opens her log without logging in again."""
    return _logged_in_state(browser, server, log_in, LOG["nb"], LOG["ar"])


@pytest.fixture(scope="module")
def coordinator_state(browser, server):
    """Her coordinator's session in the admin."""
    return _logged_in_state(browser, server, _log_in_to_admin)


@pytest.fixture(scope="module")
def seeded_entries(browser, server, demo_database, volunteer_state):
    """Entries of this year in her section, logged through her own form.

    So that the coordinator's charts and tables have something to show even on
    a demo without activity.
    """
    context = browser.new_context(base_url=server, storage_state=volunteer_state)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(LOG["nb"])
        token = page.locator("form.activity-form input[name=csrfmiddlewaretoken]").get_attribute(
            "value"
        )
        language = page.locator("#id_languages_0").get_attribute("value")
        before = _entry_count(demo_database)
        for kind, topic, people, minutes in SEEDED:
            fields = [
                ("csrfmiddlewaretoken", token),
                ("date", _today()),
                ("kind", kind),
                ("topics", topic),
                ("languages", language),
                ("people", people),
                ("minutes", minutes),
            ]
            response = page.request.post(
                LOG["nb"],
                data=urlencode(fields),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                max_redirects=0,
            )
            assert response.status == 302, f"the log answered {response.status}"
    finally:
        context.close()
    assert _entry_count(demo_database) == before + len(SEEDED)


# She logs in herself here; her session from ``volunteer_state`` only warms the server.
@pytest.mark.usefixtures("volunteer_state")
def test_a_volunteer_logs_an_activity_on_her_phone_with_the_keyboard(new_page, demo_database):
    page = new_page(viewport=PHONE)
    log_in(page)
    # From her area, by its own menu.
    page.locator(f'.area-nav a[href="{LOG["nb"]}"]').click()
    page.wait_for_url(f"**{LOG['nb']}")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.locator("#id_date")).to_have_value(_today())  # today, unless she changes it
    before = _entry_count(demo_database)

    tab_to(page, ".skip-link")  # past the menus, as she would
    page.keyboard.press("Enter")
    tab_to(page, "#id_date")
    tab_to(page, "#id_kind_0")  # the first radio button of the group
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # the next one: practical help
    expect(page.locator("#id_kind_1")).to_be_checked()
    expect(page.locator("#id_kind_0")).not_to_be_checked()
    tab_to(page, "#id_topics_0")  # family life
    page.keyboard.press("Space")
    tab_to(page, "#id_topics_3")  # health
    page.keyboard.press("Space")
    tab_to(page, "#id_languages_0")  # the first of her own languages
    page.keyboard.press("Space")
    language = int(page.locator("#id_languages_0").get_attribute("value"))
    tab_to(page, "#id_people")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    tab_to(page, "#id_services_1")  # NAV
    page.keyboard.press("Space")
    tab_to(page, "#id_minutes")
    for _ in range(3):  # the empty choice, 15 and 30 minutes, then an hour
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_minutes")).to_have_value("60")
    tab_to(page, "form.activity-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == LOG["nb"]
    expect(page.locator(".messages .notice--success")).to_have_text(_in("nb", "Saved. Thank you!"))
    newest = page.locator(".activity-list__item").first
    expect(newest.locator(".activity-list__what strong")).to_have_text(
        _in("nb", ActivityKind.PRACTICAL_HELP.label)
    )
    expect(newest.locator(f'time[datetime="{_today()}"]')).to_have_count(1)
    _assert_fits(page)
    assert _entry_count(demo_database) == before + 1
    assert _newest_entry(demo_database) == {
        "date": _today(),
        "kind": "help",
        "people": 3,
        "minutes": 60,
        "topics": {"family", "health"},
        "services": {"nav"},
        "languages": {language},
    }


def test_without_javascript_a_missing_topic_is_marked_and_nothing_is_stored(
    new_page, volunteer_state, demo_database
):
    page = new_page(java_script_enabled=False, viewport=PHONE, storage_state=volunteer_state)
    page.goto(LOG["nb"])
    before = _entry_count(demo_database)

    page.check("#id_kind_2")  # an activity she held
    page.check("#id_languages_1")
    page.fill("#id_people", "12")
    page.select_option("#id_minutes", "120")
    response = _submit(page)  # no topic

    assert response.status == 400
    expect(page.locator(".form-errors[role=alert]")).to_be_visible()
    expect(page.locator(".messages .notice--error")).to_have_text(
        _in("nb", "Nothing was saved. Please correct what is marked.")
    )
    marked = page.locator(".field--error")
    expect(marked).to_have_count(1)
    expect(marked.locator("#id_topics_0")).to_have_count(1)  # the topics' field, and only it
    expect(marked.locator(".field__error")).to_have_text(
        _in("nb", Field.default_error_messages["required"])
    )
    assert _entry_count(demo_database) == before
    # What she chose is still there; with a topic, the entry is saved.
    expect(page.locator("#id_kind_2")).to_be_checked()
    expect(page.locator("#id_languages_1")).to_be_checked()
    expect(page.locator("#id_people")).to_have_value("12")
    expect(page.locator("#id_minutes")).to_have_value("120")
    page.check("#id_topics_4")
    response = _submit(page)

    assert response.status == 302
    expect(page.locator(".messages .notice--success")).to_be_visible()
    assert _entry_count(demo_database) == before + 1
    assert _newest_entry(demo_database)["topics"] == {"leisure"}


def test_a_volunteer_logs_an_activity_in_arabic_on_her_phone(
    new_page, volunteer_state, demo_database
):
    page = new_page(viewport=PHONE, storage_state=volunteer_state)
    page.goto(LOG["ar"])
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    before = _entry_count(demo_database)

    # By tapping the labels, as she would.
    for choice in ("#id_kind_0", "#id_topics_1", "#id_languages_0", "#id_services_0"):
        page.locator("label.field__check", has=page.locator(choice)).click()
        expect(page.locator(choice)).to_be_checked()
    page.locator("details.field-more > summary").click()  # her other languages
    page.locator("label.field__check", has=page.locator("#id_other_languages_0")).click()
    page.fill("#id_people", "2")
    page.select_option("#id_minutes", "30")
    response = _submit(page)

    assert response.status == 302
    assert urlsplit(page.url).path == LOG["ar"], "she stays in Arabic"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".messages .notice--success")).to_have_text(_in("ar", "Saved. Thank you!"))
    newest = page.locator(".activity-list__item").first
    expect(newest.locator(".activity-list__what strong")).to_have_text(
        _in("ar", ActivityKind.CONVERSATION.label)
    )
    _assert_fits(page)
    assert _entry_count(demo_database) == before + 1
    stored = _newest_entry(demo_database)
    assert (stored["kind"], stored["people"], stored["minutes"]) == ("conversation", 2, 30)
    assert stored["topics"] == {"services"}
    assert len(stored["languages"]) == 2


def test_each_error_message_is_read_out_with_its_field(new_page, volunteer_state):
    page = new_page(viewport=PHONE, storage_state=volunteer_state)
    page.goto(LOG["nb"])
    page.fill("#id_people", "0")
    _submit(page)  # no kind, topic, language or time either

    fields = page.locator(".field--error").all()
    assert len(fields) == 5, "kind, topics, languages, people and time are marked"
    for field in fields:
        group = field.locator("fieldset")
        control = group if group.count() else field.locator("input, select").first
        error = field.locator(".field__error").inner_text()
        # What a screen reader says on reaching the field (or the group of its boxes).
        expect(control).to_have_accessible_description(re.compile(re.escape(error)), timeout=1_000)


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_the_log_on_a_phone_has_no_serious_violations_and_no_sideways_scrolling(
    new_page, volunteer_state, language
):
    page = new_page(viewport=PHONE, storage_state=volunteer_state)
    page.goto(LOG[language])
    _assert_fits(page)
    # All it can show at once: the other languages, every error message, her list.
    page.locator("details.field-more > summary").click()
    _submit(page)
    expect(page.locator(".field--error").first).to_be_visible()
    expect(page.locator(".activity-list__item").first).to_be_visible()

    _assert_fits(page)
    _assert_no_blocking_violations(page)


@pytest.mark.usefixtures("seeded_entries")
@pytest.mark.parametrize("view", ["cms_activity_section", "cms_activity_report"])
def test_the_coordinators_view_and_the_report_have_no_serious_violations(
    new_page, coordinator_state, section_id, view
):
    page = new_page(storage_state=coordinator_state)
    response = page.goto(reverse(view, args=[section_id]))
    assert response.ok, f"{page.url} answered {response.status}"
    assert page.locator("svg.activity-chart").count() > 0, "the charts are drawn"
    assert page.locator("table.activity-table").count() > 0, "the tables are there"

    _assert_no_blocking_violations(page)


_DISPLAYS = "elements => elements.map(element => getComputedStyle(element).display)"


@pytest.mark.usefixtures("seeded_entries")
def test_the_report_prints_without_its_filters_and_download_links(
    new_page, coordinator_state, section_id
):
    page = new_page(storage_state=coordinator_state)
    page.goto(reverse("cms_activity_report", args=[section_id]))
    downloads = page.locator("a[href*='rapport.csv'], a[href*='rapport.xlsx']")
    expect(downloads).to_have_count(2)
    in_actions = page.locator(".report-actions").locator(downloads)
    expect(in_actions).to_have_count(2)  # what print hides
    for link in downloads.all():
        expect(link).to_be_visible()

    page.emulate_media(media="print")

    actions = page.eval_on_selector_all(".report-actions", _DISPLAYS)
    assert actions, "the report has its actions"
    assert set(actions) == {"none"}, f".report-actions in print: {actions}"
    assert page.eval_on_selector_all("form.activity-filters", _DISPLAYS) == ["none"]
    for link in downloads.all():
        expect(link).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("table.activity-table").first).to_be_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    assert len(pdf) > 5_000, f"a report of tables and charts is more than {len(pdf)} bytes"
