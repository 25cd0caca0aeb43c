"""Requests per second and latency of the public pages under gunicorn, on PostgreSQL and Redis.

Creates a PostgreSQL database of its own, migrates it, provisions the
sections, loads the demo content and adds 10,000 events over the demo's
sections (``add_events`` from bench/events.py), then serves it with gunicorn
and the production settings on a free port of 127.0.0.1 and loads four pages
with wrk: the front page, a section page, the calendar and one event. Twice:
with the public page cache off (PAGE_CACHE_SECONDS=0) and on (its default),
each time on a flushed Redis database of its own. It prints one figure per
line, and the SQL queries one request to each page takes, counted in this
process with Django's test client on the same database. Lines that are not
figures start with ``#``.

Bounded: each wrk run lasts ``--duration`` seconds, and the whole run stops
itself after ten minutes. gunicorn is always stopped and the database dropped
(unless ``--keep``). Run it with ``make bench-load``.
"""

import argparse
import contextlib
import io
import os
import random
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-load-")
os.chmod(WORKDIR, 0o755)  # noqa: S103 - Varnish's and nginx's own users read the files in it
#: The PostgreSQL server; the benchmark creates and drops its own database there.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
#: An existing, empty database to use instead; it is neither created nor dropped.
GIVEN_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
DATABASE_NAME = f"bydelsmodre_bench_{secrets.token_hex(4)}"
#: A Redis database for this benchmark alone: it is flushed before each server starts.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
# Every request says it came through the TLS proxy, as in production, so
# SECURE_SSL_REDIRECT stays on and answers are those a visitor gets.

# The production settings, for this process (building the database, counting
# queries) and for gunicorn. One secret for every process, so all agree.
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": GIVEN_DATABASE_URL or f"{POSTGRES_URL}/{DATABASE_NAME}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": f"{WORKDIR}/media",
        "PRIVATE_MEDIA_ROOT": f"{WORKDIR}/private-media",
        # Off in this process, so a counted request builds its page.
        "PAGE_CACHE_SECONDS": "0",
    }
)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from bench.events import add_events  # noqa: E402
from bench.serving import (  # noqa: E402
    PROXY_HEADER,
    OutOfTime,
    free_port,
    http_get,
    start_gunicorn,
    start_nginx,
    start_varnish,
    stop_after,
    stop_group,
    wait_for,
    wrk,
)
from cms.core.languages import SpokenLanguage  # noqa: E402
from cms.events.models import Event  # noqa: E402
from cms.events.occurrences import EventOccurrence  # noqa: E402
from cms.sections.models import AssociationPage, MunicipalityPage  # noqa: E402

CALENDAR = "/arrangementer/"
PAGES = [
    # label, path; the event's path is read from the calendar.
    ("front page", "/"),
    ("section page", "/nordre-follo/"),
    ("calendar", CALENDAR),
    ("event page", None),
]
EVENT_LINK = re.compile(r'href="(/arrangementer/\d+/(?:\?dato=[\d-]+)?)"')
#: The whole run stops after this long (longer with a --duration over 27 s).
TIME_LIMIT_SECONDS = 600


# --- the database ------------------------------------------------------------


def admin_connection():
    return psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True, connect_timeout=10)


def create_database():
    if GIVEN_DATABASE_URL:
        return
    try:
        with admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"Cannot reach PostgreSQL at {POSTGRES_URL} ({error}). Start it, for example "
            "`pg_ctlcluster --skip-systemctl-redirect 15 main start`, or set BENCH_POSTGRES_URL."
        ) from error


def drop_database():
    connection.close()
    if GIVEN_DATABASE_URL:
        return
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')


def build(event_count):
    """Migrate, provision, load the demo, add the events, ANALYZE; a summary line."""
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("provision_sections", stdout=io.StringIO())
    call_command("load_demo", quiet=True)
    sections = list(
        Page.objects.type(MunicipalityPage, AssociationPage)
        .filter(locale=Locale.get_default(), live=True)
        .order_by("path")
    )
    rng = random.Random(2026)  # noqa: S311 - test data, not security
    add_events(rng, event_count, sections, list(SpokenLanguage.objects.order_by("code")))
    with connection.cursor() as cursor:
        # As autovacuum would soon after a bulk load: the planner needs the row counts.
        cursor.execute("ANALYZE")
    return (
        f"# database {connection.settings_dict['NAME']}, built in "
        f"{time.perf_counter() - started:.0f} s: {len(sections)} sections, "
        f"{Event.objects.count():,} events, "
        f"{EventOccurrence.objects.count():,} occurrences"
    )


def collect_static():
    """WhiteNoise's manifest storage serves only what collectstatic wrote."""
    call_command("collectstatic", interactive=False, verbosity=0)
    return f"# static files collected into {settings.STATIC_ROOT}"


def flush_redis():
    redis.Redis.from_url(REDIS_URL, socket_timeout=10).flushdb()


# --- in this process -----------------------------------------------------------


def client_get(path):
    """A fresh visitor without cookies, as each of wrk's requests is."""
    client = Client(SERVER_NAME="127.0.0.1", headers={PROXY_HEADER[0]: PROXY_HEADER[1]})
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code} in-process, not 200.")
    return response


def event_path():
    """The first event linked from the calendar: a real, public event page."""
    html = client_get(CALENDAR).content.decode()
    match = EVENT_LINK.search(html)
    if not match:
        raise SystemExit(f"The calendar {CALENDAR} links no event page.")
    return match.group(1)


def count_queries(path):
    """SQL queries of one request, after a first one warmed Wagtail's caches."""
    client_get(path)
    with CaptureQueriesContext(connection) as queries:
        client_get(path)
    return len(queries)


# --- gunicorn and wrk ----------------------------------------------------------


def check_pages(port, pages, workers, cached):
    """Every page answers 200; with the cache on, each is then a hit.

    Each page is first asked for twice by as many visitors at once as there
    are workers, so every worker has loaded its code and templates (a cold
    worker's first request takes seconds) and the cache holds the page.
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for label, path in pages:
            visits = 2 * workers
            for status, _header in pool.map(http_get, [port] * visits, [path] * visits):
                if status != 200:
                    raise SystemExit(f"{label} {path} answered {status} under gunicorn, not 200.")
    for label, path in pages:
        status, header = http_get(port, path)
        if status != 200:
            raise SystemExit(f"{label} {path} answered {status} under gunicorn, not 200.")
        if cached and header != "hit":
            print(
                f"# warning: {label} {path} answered X-Page-Cache: {header or '(none)'} "
                "after warming, not hit: these cached figures are not the page cache's"
            )
        elif not cached and header is not None:
            print(f"# warning: {label} {path} answered X-Page-Cache: {header} with the cache off")


def load(pages, cached, arguments):
    mode = "cached" if cached else "uncached"
    setting = "its default" if cached else "0"
    print(
        f"# gunicorn, {arguments.workers} workers, PAGE_CACHE_SECONDS {setting}, "
        f"DB_CONN_MAX_AGE {settings.DATABASES['default']['CONN_MAX_AGE']}; wrk "
        f"-t{arguments.threads} -c{arguments.connections} -d{arguments.duration}s per page"
    )
    flush_redis()
    port = free_port()
    log_path = Path(WORKDIR) / f"gunicorn-{mode}.log"
    process = start_gunicorn(arguments.workers, cached, port, log_path)
    try:
        wait_for(process, port, log_path)
        check_pages(port, pages, arguments.workers, cached)
        for label, path in pages:
            measure(f"{label}, {mode}", port, path, arguments)
    finally:
        stop_group(process)


def measure(label, port, path, arguments):
    """One wrk run, printed as one line; its requests per second (0 if none answered)."""
    figures, problems = wrk(port, path, arguments)
    if figures["count"]:
        print(
            f"{label}: {figures['rate']:.1f} requests/s, "
            f"p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms",
            flush=True,
        )
    else:
        print(f"{label}: no request answered in {arguments.duration} s")
    for problem in problems:
        print(f"# warning: {label}: wrk counted {problem}")
    return figures["rate"] if figures["count"] else 0.0


def load_through_varnish(pages, arguments):
    """The pages through Varnish beside one static file through nginx, alone and behind Varnish.

    Varnish (config/varnish/serve.py, as `make serve-varnish`) in front of
    gunicorn with the page cache on, and of nginx for ``/static/``, as a
    deployment that lets nginx serve the static files would have it.
    """
    static = staticfiles_storage.url("css/site.css")
    print(
        f"# Varnish in front of gunicorn ({arguments.workers} workers, page cache on) and of "
        f"nginx for /static/; the static file {static}"
    )
    flush_redis()
    app_port, nginx_port, varnish_port = free_port(), free_port(), free_port()
    workdir = Path(WORKDIR)
    started = []
    try:
        app = start_gunicorn(arguments.workers, True, app_port, workdir / "gunicorn-varnish.log")
        started.append(app)
        wait_for(app, app_port, workdir / "gunicorn-varnish.log")
        nginx = start_nginx(nginx_port, settings.STATIC_ROOT, workdir)
        started.append(nginx)
        wait_for(nginx, nginx_port, workdir / "nginx.log", name="nginx")
        varnish = start_varnish(varnish_port, app_port, nginx_port, workdir)
        started.append(varnish)
        wait_for(varnish, varnish_port, workdir / "varnish.log", name="Varnish")
        check_pages(app_port, pages, arguments.workers, cached=True)
        for label, path in [*pages, ("static file", static)]:
            for _ in range(2):
                status, hit = http_get(varnish_port, path, header="X-Cache")
            if status != 200 or hit != "HIT":
                print(f"# warning: {label} {path} through Varnish answered {status}, X-Cache {hit}")
        static_rate = measure("static file, nginx", nginx_port, static, arguments)
        measure("static file, through Varnish", varnish_port, static, arguments)
        for label, path in pages:
            rate = measure(f"{label}, through Varnish", varnish_port, path, arguments)
            if static_rate:
                print(f"{label}, through Varnish / static file, nginx: {rate / static_rate:.0%}")
    finally:
        for process in reversed(started):
            stop_group(process)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--events", type=int, default=10_000, help="events to add (10,000)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    arguments = parser.parse_args()
    arguments.wrk = shutil.which("wrk")
    if not arguments.wrk:
        raise SystemExit(
            "wrk is not installed: `make bench-load` installs it, or run "
            "`apt-get update && apt-get install -y wrk` (Debian and Ubuntu)."
        )
    arguments.threads = min(arguments.threads, arguments.connections)

    # Fourteen wrk runs and five server starts; the database takes a minute or two.
    stop_after(max(TIME_LIMIT_SECONDS, 300 + 14 * (arguments.duration + 10)))
    started = time.monotonic()
    created = False
    try:
        create_database()
        created = True
        print(build(arguments.events), flush=True)
        print(collect_static(), flush=True)
        pages = [(label, path or event_path()) for label, path in PAGES]
        print("# pages: " + ", ".join(f"{label} {path}" for label, path in pages))
        flush_redis()
        for label, path in pages:
            uncached = count_queries(path)
            with override_settings(PAGE_CACHE_SECONDS=300):
                cached = count_queries(path)
            print(f"{label}, SQL queries per request: {uncached} uncached, {cached} cached")
        connection.close()
        load(pages, cached=False, arguments=arguments)
        load(pages, cached=True, arguments=arguments)
        load_through_varnish(pages, arguments)
        print(f"# the whole run took {time.monotonic() - started:.0f} s")
    except OutOfTime as error:
        raise SystemExit(str(error)) from None
    finally:
        signal.alarm(0)
        try:
            if created and not arguments.keep:
                drop_database()
            elif created:
                print(f"# kept the database: {os.environ['DATABASE_URL']}")
        finally:
            shutil.rmtree(WORKDIR, ignore_errors=True)
            with contextlib.suppress(redis.RedisError):
                flush_redis()


if __name__ == "__main__":
    main()
