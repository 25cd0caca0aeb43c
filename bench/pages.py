"""How fast the public pages render, and how many SQL queries each costs.

Builds a throwaway SQLite database with the demo content (your db.sqlite3 is
not touched), requests each page through Django's test client (no network, no
server) and prints the median and 95th-percentile time and the query count.
Bounded: BENCH_ROUNDS requests per page (default 50) and two minutes in all.
Run it with ``make bench``; set BENCH_DATABASE_URL to measure on PostgreSQL.
"""

import os
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
# The test settings: DEBUG off, local-memory cache, tasks run at once.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = [
    "/",
    "/oslo/",
    "/oslo/stovner/",
    "/nordre-follo/",
    "/nordre-follo/bydelsmodre-nordre-follo/",
    "/aktuelt/",
    "/om-oss/",
    "/en/",
    "/en/nordre-follo/",
    "/ar/",
    "/so/nordre-follo/",
    "/sok/?q=bydelsm%C3%B8dre",
    "/sitemap.xml",
    "/aktuelt/rss/",
    "/api/v2/pages/?type=cms.NewsPage&fields=date,intro",
    "/api/v2/events/",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
TIME_LIMIT_SECONDS = 120


def measure(client, path, deadline):
    client.get(path)  # warm caches and template loading
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries)  # read now: every request clears Django's query log
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
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
        call_command("load_demo", verbosity=0)
        client = Client()
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        print(f"{'page':<52} {'queries':>7} {'median ms':>9} {'p95 ms':>7} {'KiB':>5} {'n':>4}")
        for path in PATHS:
            count, median, p95, size, rounds = measure(client, path, deadline)
            kib = size / 1024
            print(f"{path:<52} {count:>7} {median:>9.1f} {p95:>7.1f} {kib:>5.1f} {rounds:>4}")
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
