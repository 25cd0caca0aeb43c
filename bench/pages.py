"""How fast every public template renders in six languages, and how many SQL queries each costs.

Builds a throwaway SQLite database with the demo content (your db.sqlite3 is
not touched), finds one page of each public template in each of the four
languages (nb, en, ar, so, ur, fa: a translated page where the demo has one;
the front page, a municipality, a district, an association, the news index and
an article, a standard page, the calendar and an event, the search, the "we
speak" directory, the login page, the page-not-found page) and the language-free
addresses (sitemap, robots.txt, the news feeds, the calendar's iCal feed and
the JSON API), requests each through Django's test client (no network, no
server) and prints the SQL queries of one request and the median and
95th-percentile time over BENCH_ROUNDS requests (default 30), the chrome and
Wagtail's caches warm, the page cache off.

Bounded: BENCH_ROUNDS requests per address and four minutes in all. Run it
with ``make bench``; set BENCH_DATABASE_URL to measure on PostgreSQL.
"""

import io
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{WORKDIR}/private-media"
# The test settings: DEBUG off, local-memory cache, tasks run at once.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from cms.content.models import NewsPage, StandardPage  # noqa: E402
from cms.content.pages import NewsIndexPage  # noqa: E402
from cms.events.pages import EventIndexPage  # noqa: E402
from cms.sections.models import AssociationPage, MunicipalityPage  # noqa: E402
from home.models import HomePage  # noqa: E402

LANGUAGES = ("nb", "en", "ar", "so", "ur", "fa")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TIME_LIMIT_SECONDS = 240
EVENT_LINK = re.compile(r'href="((?:/[a-z]{2})?/arrangementer/\d+/(?:\?dato=[\d-]+)?)"')

#: Templates of pages in the tree: (name, page type, extra filter).
PAGE_TEMPLATES = [
    ("front page", HomePage, {}),
    ("municipality", MunicipalityPage, {"depth": 3}),
    ("district", MunicipalityPage, {"depth": 4}),
    ("association", AssociationPage, {}),
    ("news index", NewsIndexPage, {}),
    ("news article", NewsPage, {}),
    ("standard page", StandardPage, {}),
    ("calendar", EventIndexPage, {}),
]

#: Addresses that are the same in every language.
SHARED = [
    ("sitemap", "/sitemap.xml"),
    ("robots.txt", "/robots.txt"),
    ("news RSS", "/aktuelt/rss/"),
    ("news Atom", "/aktuelt/atom/"),
    ("iCal feed", "/arrangementer/ical/"),
    ("API pages", "/api/v2/pages/?type=cms.NewsPage&fields=date,intro"),
    ("API events", "/api/v2/events/"),
]


def addresses(client):
    """(template, language, path, expected status) for every address measured."""
    found = []
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        prefix = "" if language == "nb" else f"/{language}"
        for name, model, filters in PAGE_TEMPLATES:
            page = (
                Page.objects.type(model)
                .live()
                .public()
                .filter(locale=locale, **filters)
                # A translated page first: the demo's translations are measured.
                .order_by(F("alias_of_id").asc(nulls_first=True), "path")
                .first()
            )
            if page is None:
                raise SystemExit(f"The demo has no live {name} in {language}.")
            found.append((name, language, page.url, 200))
            if model is EventIndexPage:
                html = client.get(page.url).content.decode()
                event = EVENT_LINK.search(html)
                if not event:
                    raise SystemExit(f"The calendar {page.url} links no event page.")
                found.append(("event page", language, event.group(1), 200))
        found.append(("search", language, f"{prefix}/sok/?q=kurs", 200))
        found.append(("we speak", language, f"{prefix}/vi-snakker/", 200))
        found.append(("login", language, f"{prefix}/logg-inn/", 200))
        found.append(("not found", language, f"{prefix}/finnes-ikke/", 404))
    found += [(name, "-", path, 200) for name, path in SHARED]
    return found


def measure(client, path, status, deadline):
    client.get(path)  # warm caches and template loading
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries)  # read now: every request clears Django's query log
    if response.status_code != status:
        raise SystemExit(f"{path} answered {response.status_code}, not {status}")
    timings = []
    for _ in range(ROUNDS):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return query_count, statistics.median(timings), p95, len(response.content), len(timings)


def main():
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", quiet=True, stdout=io.StringIO())
        client = Client()
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        print(
            f"{'template':<14} {'lang':<4} {'address':<48} "
            f"{'queries':>7} {'median ms':>9} {'p95 ms':>7} {'KiB':>5} {'n':>4}"
        )
        worst = 0
        for name, language, path, status in addresses(client):
            count, median, p95, size, rounds = measure(client, path, status, deadline)
            worst = max(worst, count)
            kib = size / 1024
            print(
                f"{name:<14} {language:<4} {path[:48]:<48} "
                f"{count:>7} {median:>9.1f} {p95:>7.1f} {kib:>5.1f} {rounds:>4}",
                flush=True,
            )
        print(f"# at most {worst} queries a request")
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
