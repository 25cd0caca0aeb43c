"""How fast the public calendar and its iCal feed answer with 10,000 events.

Builds a throwaway SQLite database (your db.sqlite3 is not touched), fills it
with 10,000 events over 50 sections, requests the calendar unfiltered, the
calendar with two filters and the iCal feed through Django's test client (no
network, no server), and prints the median time and the SQL query count of
each. Bounded: BENCH_ROUNDS requests per URL (default 15) and three minutes of
requests in all. Run it with ``make bench-events``; set BENCH_DATABASE_URL to
measure on PostgreSQL (the database must exist and be empty).

``--fill-only`` fills the database, prints the counts and the time it took,
and stops; ``--events`` and ``--sections`` change the size.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402
from django.apps import apps  # noqa: E402

WORKDIR = None
if not apps.ready:
    # Run as a script. bench/load.py imports add_events() from here and has
    # set Django up on its own database and settings before.
    WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-events-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
    )
    # The test settings: DEBUG off, local-memory cache, tasks run at once.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from cms.core.languages import SpokenLanguage  # noqa: E402
from cms.demo.languages import SPOKEN_LANGUAGES  # noqa: E402
from cms.events import recurrence  # noqa: E402
from cms.events.calendar import forget_feeds  # noqa: E402
from cms.events.models import Audience, Event, EventCategory, EventStatus, Repeat  # noqa: E402
from cms.events.occurrences import EventOccurrence  # noqa: E402
from cms.events.pages import EventIndexPage  # noqa: E402
from cms.sections.models import MunicipalityPage  # noqa: E402
from home.models import HomePage  # noqa: E402

CALENDAR = "/arrangementer/"
URLS = [
    # label, URL, whether each request builds the iCal feed anew
    ("calendar unfiltered (each event once)", CALENDAR, False),
    ("calendar unfiltered, every date", f"{CALENDAR}?visning=datoer", False),
    ("calendar kategori=kurs&sprak=so", f"{CALENDAR}?kategori=kurs&sprak=so", False),
    ("iCal feed, built", f"{CALENDAR}ical/", True),
    ("iCal feed, from the cache", f"{CALENDAR}ical/", False),
    ("iCal feed kategori=kurs&sprak=so, built", f"{CALENDAR}ical/?kategori=kurs&sprak=so", True),
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
TIME_LIMIT_SECONDS = 180
BATCH_SIZE = 2000
HOURS = [10, 11, 12, 17, 18, 19]


def site_tree(section_count):
    """A front page as the default site's root, the calendar, and the sections."""
    norwegian = Locale.get_default()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Bydelsmødre", slug="forside", locale=norwegian)
    )
    site.root_page = home
    site.save()
    welcome.delete()
    home.add_child(
        instance=EventIndexPage(title="Arrangementer", slug="arrangementer", locale=norwegian)
    )
    # Pages go through treebeard one by one; 50 take well under a second.
    return [
        home.add_child(
            instance=MunicipalityPage(
                title=f"Kommune {number:02d}", slug=f"kommune-{number:02d}", locale=norwegian
            )
        )
        for number in range(1, section_count + 1)
    ]


def random_event(rng, today, section, categories):
    """An unsaved event: 75% one-off, 20% weekly, 5% monthly, dated around today."""
    kind = rng.random()
    if kind < 0.75:
        day = today + datetime.timedelta(days=rng.randint(-30, 365))
        repeat, until = Repeat.NEVER, None
    elif kind < 0.95:
        day = today + datetime.timedelta(days=rng.randint(-60, 120))
        repeat, until = Repeat.WEEKLY, day + datetime.timedelta(weeks=rng.randint(4, 16))
    else:
        day = today + datetime.timedelta(days=rng.randint(-60, 120))
        repeat, until = Repeat.MONTHLY, day + datetime.timedelta(days=rng.randint(180, 365))
    all_day = repeat == Repeat.NEVER and rng.random() < 0.05
    if all_day:
        start = datetime.datetime.combine(day, datetime.time())
        end = datetime.datetime.combine(day, datetime.time(23, 59))
    else:
        start = datetime.datetime.combine(day, datetime.time(rng.choice(HOURS)))
        end = start + datetime.timedelta(hours=rng.randint(1, 3))
    audience = rng.choices(
        [Audience.OPEN, Audience.WOMEN, Audience.VOLUNTEERS], weights=[70, 20, 10]
    )[0]
    category = rng.choice(categories)
    return Event(
        title=f"{category.name} {rng.randint(1, 999)}",
        category=category,
        section=section,
        start=recurrence.aware(start),
        end=recurrence.aware(end),
        all_day=all_day,
        repeat=repeat,
        repeat_until=until,
        place_name=f"Bibliotek i {section.title}",
        address=f"Storgata {rng.randint(1, 99)}, 0155 Oslo",
        audience=audience,
        status=EventStatus.CANCELLED if rng.random() < 0.05 else EventStatus.PLANNED,
        childcare=rng.random() < 0.3,
        interpreter=rng.random() < 0.2,
        step_free=rng.random() < 0.5,
        description="<p>Et arrangement for benchmarken.</p>",
        live=True,
        locale=section.locale,
    )


def fill(event_count, section_count):
    """Fill the database with a site tree and events; return the counts.

    Calling ``Event.save()`` 10,000 times costs a save, a delete and an insert
    of occurrences per event: about 80 s on the 2-core development machine
    (more with a revision each, as the admin makes). Instead the events, their
    language links and their occurrences are bulk-created (``add_events``).
    """
    rng = random.Random(2026)  # noqa: S311 - test data, not security
    sections, events, links, occurrences = fill_site(rng, event_count, section_count)
    return {
        "sections": len(sections),
        "events": len(events),
        "language links": len(links),
        "occurrences": len(occurrences),
    }


def fill_site(rng, event_count, section_count):
    """The spoken languages, a site tree and its events; (sections, events, links, occurrences)."""
    with transaction.atomic():
        languages = SpokenLanguage.objects.bulk_create(
            SpokenLanguage(code=code, name=name, name_local=name_local)
            for code, name, name_local in SPOKEN_LANGUAGES
        )
        sections = site_tree(section_count)
        return (sections, *add_events(rng, event_count, sections, languages))


def add_events(rng, event_count, sections, languages):
    """Bulk-create live events in turn over ``sections``; (events, links, occurrences).

    Each event gets one to three of ``languages``; the occurrences are
    expanded with ``cms.events.recurrence.expand`` exactly as
    ``Event.refresh_occurrences()`` does: 5 to 7 s in all for 10,000 events.
    Events get no revisions and no search index entries: the calendar reads
    the live rows only, and the free-text filter (``q=``) is not measured.
    """
    today = timezone.localdate()
    categories = list(EventCategory.objects.filter(locale=Locale.get_default()))
    with transaction.atomic():
        events = Event.objects.bulk_create(
            (
                random_event(rng, today, sections[number % len(sections)], categories)
                for number in range(event_count)
            ),
            batch_size=BATCH_SIZE,
        )
        Link = Event.languages.through
        links = Link.objects.bulk_create(
            (
                Link(event_id=event.pk, spokenlanguage_id=language.pk)
                for event in events
                for language in rng.sample(languages, rng.randint(1, 3))
            ),
            batch_size=BATCH_SIZE,
        )
        occurrences = EventOccurrence.objects.bulk_create(
            (
                EventOccurrence(event_id=event.pk, start=start, end=end)
                for event in events
                for start, end in event.occurrence_times()
            ),
            batch_size=BATCH_SIZE,
        )
    return events, links, occurrences


def measure(client, url, deadline, build):
    """(median ms, query count, KiB, requests) of one URL; exits on anything but 200.

    With ``build``, every request first drops the cached feeds, as an edit does.
    """
    get(client, url)  # warm caches and template loading
    if build:
        forget_feeds()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    query_count = len(queries)  # read now: every request clears Django's query log
    timings = []
    for _ in range(ROUNDS):
        if timings and time.monotonic() > deadline:
            break
        if build:
            forget_feeds()
        start = time.perf_counter()
        get(client, url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), query_count, len(response.content) / 1024, len(timings)


def get(client, url):
    try:
        response = client.get(url)
    except Exception as error:  # any view error: report it and stop
        raise SystemExit(f"GET {url} failed: {type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise SystemExit(
            f"GET {url} answered {response.status_code}, not 200: "
            f"{response.content[:300].decode(errors='replace')}"
        )
    return response


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--sections", type=int, default=50)
    parser.add_argument(
        "--fill-only", action="store_true", help="Fill the database, print counts, stop."
    )
    arguments = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        counts = fill(arguments.events, arguments.sections)
        seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # As autovacuum would soon after a bulk load: the planner needs the row counts.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"filled {connection.vendor} in {seconds:.1f} s: "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
        if arguments.fill_only:
            return
        client = Client()
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        for label, url, build in URLS:
            median, query_count, kib, rounds = measure(client, url, deadline, build)
            print(
                f"{label}: median {median:.1f} ms, {query_count} queries "
                f"({kib:.1f} KiB, {rounds} requests)"
            )
    finally:
        if WORKDIR:
            shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
