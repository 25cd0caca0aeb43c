"""The site as a visitor's browser sees it: a real server, headless Chromium.

Once for the whole browser suite, the demo site is built on an SQLite file of
its own (whatever database the rest of the suite uses) and served by gunicorn
on a free port; one Chromium serves every test. Nothing here touches the test
database in-process.

Playwright keeps an event loop running while it is started, and Django refuses
ORM calls from a thread with a running loop. So the browser lives for this
package only and is stopped before the rest of the suite runs.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.helpers import FILTERED_CALENDAR
from tests.servers import PROJECT, free_port, start, stop, wait_until_up

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium keeps calling home on a network that is closed.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Building the demo site and starting gunicorn, at most.
STARTUP_SECONDS = 180
#: `make seed` on an empty database: migrate, provision_sections, load_demo. In
#: one process, as `call_command` runs them without the system checks (which
#: `make test` runs): each start of Django and each round of checks costs seconds.
BUILD_DEMO_SITE = (
    "from django.core.management import call_command as run; "
    "run('migrate', interactive=False); run('provision_sections'); run('load_demo')"
)


@pytest.fixture(scope="package", autouse=True)
def _chromium():
    """Skip without Debian's chromium, except in CI, which must run this suite."""
    if os.access(CHROMIUM, os.X_OK):
        return
    message = f"the browser suite needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _tail(log_path, size=4000):
    return log_path.read_text()[-size:]


@pytest.fixture(scope="package")
def server(tmp_path_factory):
    """The demo site served by gunicorn with the test settings; its base URL.

    gunicorn serves ``config.wsgi`` through ``tests.browser.wsgi``, which adds
    the image renditions a production web server would serve.
    """
    tmp_path = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Its own SQLite file in both CI passes, never the PostgreSQL test database.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
    }
    log_path = tmp_path / "server.log"
    deadline = time.monotonic() + STARTUP_SECONDS
    with log_path.open("w") as log:
        try:
            subprocess.run(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", BUILD_DEMO_SITE],
                cwd=PROJECT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=STARTUP_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            pytest.fail(f"building the demo site failed: {error}\n{_tail(log_path)}")

    port = free_port()
    process, log = start(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "tests.browser.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env,
        log_path,
    )
    try:
        wait_until_up(process, port, log_path, max(deadline - time.monotonic(), 10))
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process, log)


@pytest.fixture(scope="package")
def browser():
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_page(browser, server):
    """Open a tab in a fresh context (empty cache, no cookies), as a first visit."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=server, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="package")
def key_pages(browser, server):
    """The public pages every visitor meets, by name: their paths on the demo site.

    The event and the news article are whatever the calendar and the news page
    link to first, so the suite follows the demo content as it changes.
    """
    context = browser.new_context(base_url=server)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/arrangementer/")
        event = page.locator(".event-item__title a").first.get_attribute("href")
        page.goto("/aktuelt/")
        news = page.locator(".news-item__title a").first.get_attribute("href")
    finally:
        context.close()
    return {
        "front page": "/",
        "section": "/nordre-follo/",
        "filtered calendar": FILTERED_CALENDAR,
        "event": event,
        "news article": news,
        "search": "/sok/?q=kurs",
        "login": "/logg-inn/",
        "Arabic front page": "/ar/",
        # The demo's translations (cms/demo/data/translations.toml).
        "Arabic section": "/ar/nordre-follo/",
        "Somali front page": "/so/",
        "Somali section": "/so/nordre-follo/",
        "Urdu section": "/ur/nordre-follo/",
        "Persian section": "/fa/indre-ostfold/",
        "language directory": "/vi-snakker/",
        "Arabic language directory": "/ar/vi-snakker/",
        "Arabic calendar": "/ar/arrangementer/",
    }


#: The demo's section of its volunteer and coordinator (cms/demo/data/network.toml).
DEMO_SECTION_SLUG = "nordre-follo"


@pytest.fixture(scope="package")
def demo_database(server, tmp_path_factory):
    """A function that runs a query on the demo site's SQLite file, read-only.

    The file is the one ``server`` made under this run's temporary directory.
    """
    # pytest may add a "browser-sitecurrent" link to the same directory.
    paths = list(
        {path.resolve() for path in tmp_path_factory.getbasetemp().glob("browser-site*/db.sqlite3")}
    )
    assert len(paths) == 1, f"the demo site's database is not where expected: {paths}"

    def query(sql, *params):
        connection = sqlite3.connect(f"file:{paths[0]}?mode=ro", uri=True, timeout=10)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    return query


@pytest.fixture(scope="package")
def section_id(demo_database):
    """The demo section's page id (the Norwegian page, not one of its aliases)."""
    rows = demo_database(
        "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.slug = ? AND l.language_code = 'nb' AND p.alias_of_id IS NULL",
        DEMO_SECTION_SLUG,
    )
    assert len(rows) == 1, rows
    return rows[0][0]
