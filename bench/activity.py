"""How fast the activity log's numbers come with 100,000 entries over 50 sections.

Builds a throwaway SQLite database (your db.sqlite3 is not touched), fills it
with 50 sections (``fill_site`` from bench/events.py, without events), ten
volunteers per section and 100,000 entries over the three years up to today,
with their topics, services and languages, made as the demo makes its year
(``cms.demo.activity.plan``) and bulk-created. Then it measures, with the
median time and the SQL queries of one run:

- ``build_report`` for one section over the last twelve months, with each
  volunteer's counts (as the coordinator sees it), and for the whole network;
- through Django's test client, logged in as a superuser: the coordinator's
  view (``cms_activity_section``) and the funders' report
  (``cms_activity_report``) of that section and of the whole network
  (section 0), over the same twelve months. A view whose URL does not exist
  yet is skipped with a note.

Bounded: BENCH_ROUNDS runs of each (default 15) and three minutes of runs in
all. Run it with ``make bench-activity``; set BENCH_DATABASE_URL to measure on
PostgreSQL (the database must exist and be empty). ``--fill-only`` fills and
stops; ``--entries`` and ``--sections`` change the size.
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

WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-activity-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
# The test settings: DEBUG off, local-memory cache, tasks run at once.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.events import BATCH_SIZE, fill_site, measure  # noqa: E402
from cms.activity.stats import Period, build_report  # noqa: E402
from cms.core.languages import SpokenLanguage  # noqa: E402
from cms.demo import activity  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
TIME_LIMIT_SECONDS = 180
YEARS = 3
VOLUNTEERS_PER_SECTION = 10
#: The share of entries whose volunteer has left (anonymous).
ANONYMOUS_SHARE = 0.1
#: Entries made and saved at a time, so 100,000 never sit in memory at once.
CHUNK = 10_000


def fill(entry_count, section_count):
    """Sections, volunteers and entries; a summary line."""
    rng = random.Random(2026)  # noqa: S311 - test data, not security
    sections, *_events = fill_site(rng, 0, section_count)
    languages = list(SpokenLanguage.objects.order_by("code"))
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"frivillig-{number:02d}-{volunteer:02d}",
            first_name=f"Frivillig {volunteer:02d}",
            last_name=section.title,
            password=make_password(None),  # unusable: nobody logs in as her
        )
        for number, section in enumerate(sections)
        for volunteer in range(VOLUNTEERS_PER_SECTION)
    )
    # Each section speaks three to eight languages, each volunteer one or two of them.
    spoken = {section.pk: rng.sample(languages, rng.randint(3, 8)) for section in sections}
    volunteers = {
        section.pk: [
            (user, rng.sample(spoken[section.pk], rng.randint(1, 2)))
            for user in users[
                number * VOLUNTEERS_PER_SECTION : (number + 1) * VOLUNTEERS_PER_SECTION
            ]
        ]
        for number, section in enumerate(sections)
    }
    # Some sections log far more than others.
    weights = [rng.uniform(0.3, 1.7) for _section in sections]
    today = timezone.localdate()
    counts = {"entries": 0, "topics": 0, "services": 0, "languages": 0}
    with transaction.atomic():
        for first in range(0, entry_count, CHUNK):
            plans = []
            for _number in range(min(CHUNK, entry_count - first)):
                section = rng.choices(sections, weights)[0]
                user, their_languages = rng.choice(volunteers[section.pk])
                if rng.random() < ANONYMOUS_SHARE:
                    user, their_languages = None, spoken[section.pk]
                date = activity.day(rng, today, days=YEARS * 365)
                plans.append(activity.plan(rng, date, section, user, their_languages))
            activity.save(plans, batch_size=BATCH_SIZE)
            counts["entries"] += len(plans)
            for name, index in (("topics", 1), ("services", 2), ("languages", 3)):
                counts[name] += sum(len(planned[index]) for planned in plans)
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    return sections, f"{len(sections)} sections, {len(users)} volunteers, {summary}"


def last_twelve_months(today):
    """The first day of the month eleven months back, and today."""
    month = today.month % 12 + 1
    year = today.year - 1 if today.month < 12 else today.year
    return datetime.date(year, month, 1), today


def measure_call(call, deadline):
    """(median ms, query count, runs) of a function, as ``measure`` does for a URL."""
    call()  # warm
    with CaptureQueriesContext(connection) as queries:
        call()
    query_count = len(queries)
    timings = []
    for _ in range(ROUNDS):
        if timings and time.monotonic() > deadline:
            break
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), query_count, len(timings)


def view_url(name, section_id, start, end):
    """The view's URL with the period, or None if the URL does not exist (yet)."""
    try:
        url = reverse(name, args=[section_id])
    except NoReverseMatch:
        return None
    return f"{url}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=50)
    parser.add_argument(
        "--fill-only", action="store_true", help="Fill the database, print counts, stop."
    )
    arguments = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        sections, filled = fill(arguments.entries, arguments.sections)
        if connection.vendor == "postgresql":
            # As autovacuum would soon after a bulk load (PostgreSQL 13 and later
            # vacuum after inserts too): the planner needs the row counts, and
            # index-only scans the visibility map.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # What production's connections say (config/settings/production.py).
                cursor.execute("SET jit = off")
                cursor.execute("SET random_page_cost = 1.1")
        print(f"filled {connection.vendor} in {time.perf_counter() - started:.1f} s: {filled}")
        if arguments.fill_only:
            return
        start, end = last_twelve_months(timezone.localdate())
        # The section with the most entries: the heaviest coordinator's view.
        section = max(sections, key=lambda page: page.activity_entries.count())
        one = Period([section.pk], start, end)
        network = Period(None, start, end)
        print(
            f"period {start:%Y-%m-%d} to {end:%Y-%m-%d}; section {section.pk} "
            f"({section.title}): {one.entries().count():,} entries in it, "
            f"{network.entries().count():,} in the network"
        )
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        calls = [
            ("build_report, one section, with volunteers", lambda: build_report(one, True)),
            ("build_report, whole network", lambda: build_report(network)),
        ]
        for label, call in calls:
            median, query_count, rounds = measure_call(call, deadline)
            print(f"{label}: median {median:.1f} ms, {query_count} queries ({rounds} runs)")
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
        client = Client()
        client.force_login(user)
        views = [
            ("coordinator's view, one section", "cms_activity_section", section.pk),
            ("funders' report, one section", "cms_activity_report", section.pk),
            ("coordinator's view, whole network", "cms_activity_section", 0),
            ("funders' report, whole network", "cms_activity_report", 0),
        ]
        for label, name, section_id in views:
            url = view_url(name, section_id, start, end)
            if url is None:
                print(f"# {label}: skipped, {name} does not resolve (not written yet?)")
                continue
            try:
                median, query_count, kib, rounds = measure(client, url, deadline, build=False)
            except SystemExit as error:  # the view answered an error: note it, go on
                print(f"# {label}: {error}")
                continue
            print(
                f"{label}: median {median:.1f} ms, {query_count} queries "
                f"({kib:.1f} KiB, {rounds} requests) {url}"
            )
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
