"""How fast the admin's translation overview answers with 10,000 events.

Builds a throwaway SQLite database (your db.sqlite3 is not touched), fills it
with 10,000 Norwegian events over 50 sections (``add_events`` from
bench/events.py) and translated copies of part of them, so that every status
occurs: translated, out of date and draft, some kept by wagtail-localize and
some made by copying, and the rest not translated. It logs a superuser in
(she sees all eight languages: 80,000 cells), requests the overview of
events through Django's test client (no network, no server) and prints the
median time and the SQL query count of each request, then the counts per
language and status the overview shows above its table. Bounded: BENCH_ROUNDS
requests per URL (default 15) and three minutes of requests in all. Set
BENCH_DATABASE_URL to measure on PostgreSQL (the database must exist and be
empty).

``--events`` and ``--sections`` change the size.
"""

import argparse
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-translations-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
# The test settings: DEBUG off, local-memory cache, tasks run at once.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402
from wagtail_localize.models import (  # noqa: E402
    TranslatableObject,
    Translation,
    TranslationSource,
)

from bench.events import BATCH_SIZE, fill_site, measure  # noqa: E402
from cms.events.models import Event  # noqa: E402
from cms.translation.overview import MODELS, Kind, Status, counts, sources  # noqa: E402

OVERVIEW = "/admin/oversettelser/"
TIME_LIMIT_SECONDS = 180
#: The share of the events translated into each language (the others: none).
SHARES = {"en": 0.5, "ar": 0.3, "so": 0.3, "ur": 0.15, "pl": 0.1, "fa": 0.1, "tr": 0.05}


def translate(rng, events):
    """Bulk-create copies of a share of ``events`` per language; (copies, kept by localize).

    Of the copies, one in six is a draft and one in five fell behind its
    source; half are kept by wagtail-localize (a ``TranslationSource`` of the
    original and an enabled ``Translation``), the others were copied by hand.
    """
    now = timezone.now()
    published = now - datetime.timedelta(days=10)
    Event.objects.filter(pk__in=[event.pk for event in events]).update(last_published_at=published)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    copies, kept = [], {}
    for code, share in SHARES.items():
        for event in rng.sample(events, int(len(events) * share)):
            behind = rng.random() < 0.2
            taken = published + datetime.timedelta(days=-2 if behind else 2)
            copy = Event(
                **{
                    field.attname: getattr(event, field.attname)
                    for field in Event._meta.concrete_fields
                    if not field.primary_key
                }
            )
            copy.locale = locales[code]
            copy.live = rng.random() >= 1 / 6
            copy.last_published_at = taken if copy.live else None
            copies.append(copy)
            if rng.random() < 0.5:
                kept.setdefault(event.translation_key, []).append((locales[code], taken))
    event_type = ContentType.objects.get_for_model(Event)
    norwegian = Locale.get_default()
    with transaction.atomic():
        Event.objects.bulk_create(copies, batch_size=BATCH_SIZE)
        TranslatableObject.objects.bulk_create(
            (TranslatableObject(translation_key=key, content_type=event_type) for key in kept),
            batch_size=BATCH_SIZE,
        )
        synced = TranslationSource.objects.bulk_create(
            (
                TranslationSource(
                    object_id=key,
                    specific_content_type=event_type,
                    locale=norwegian,
                    object_repr="Arrangement",
                    content_json="{}",
                    # As updating a translation updates its source: the latest take.
                    last_updated_at=max(taken for _locale, taken in targets),
                )
                for key, targets in kept.items()
            ),
            batch_size=BATCH_SIZE,
        )
        translations = Translation.objects.bulk_create(
            (
                Translation(source=source, target_locale=locale)
                for source in synced
                for locale, _taken in kept[source.object_id]
            ),
            batch_size=BATCH_SIZE,
        )
    return len(copies), len(translations)


def fill(event_count, section_count):
    """The site tree, the events and their copies; a summary line."""
    rng = random.Random(2026)  # noqa: S311 - test data, not security
    _sections, events, _links, _occurrences = fill_site(rng, event_count, section_count)
    copies, kept = translate(rng, events)
    return f"{len(events):,} events, {copies:,} translated copies ({kept:,} by wagtail-localize)"


def print_counts(user):
    """The counts above the table of events: each language's cells by status."""
    locales = list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))
    originals = sources(Kind.EVENTS, user=user)
    found = counts(MODELS[Kind.EVENTS], originals, originals.count(), locales, Locale.get_default())
    with translation.override("en"):
        print("events by language: " + " / ".join(str(status.label) for status in Status))
    for locale in locales:
        numbers = " / ".join(f"{found[locale.pk][status]:,}" for status in Status)
        print(f"  {locale.language_code}: {numbers}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--sections", type=int, default=50)
    arguments = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        filled = fill(arguments.events, arguments.sections)
        if connection.vendor == "postgresql":
            # As autovacuum would soon after a bulk load: the planner needs the row counts.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"filled {connection.vendor} in {time.perf_counter() - started:.1f} s: {filled}")
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
        client = Client()
        client.force_login(user)
        somali = Locale.objects.get(language_code="so").pk
        later = max(1, arguments.events // 50 * 3 // 4)
        urls = [
            ("events, first page", f"{OVERVIEW}?kind=events"),
            (f"events, page {later}", f"{OVERVIEW}?kind=events&p={later}"),
            ("events in Somali", f"{OVERVIEW}?kind=events&locale={somali}"),
            ("events out of date", f"{OVERVIEW}?kind=events&status=outdated"),
            (
                "events in Somali, not translated",
                f"{OVERVIEW}?kind=events&locale={somali}&status=missing",
            ),
            ("dashboard (its translations panel)", "/admin/"),
        ]
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        for label, url in urls:
            median, query_count, kib, rounds = measure(client, url, deadline, build=False)
            print(
                f"{label}: median {median:.1f} ms, {query_count} queries "
                f"({kib:.1f} KiB, {rounds} requests)"
            )
        print_counts(user)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
