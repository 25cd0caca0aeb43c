"""Raw entries are kept for a section's retention period; then only monthly counts.

:func:`fold_old_entries` turns every whole month older than a section's
``ActivitySettings.retention_years`` (5 by default) into ``ActivityMonth``
rows (entries, people and minutes per kind, topic, language and service) and
deletes its entries, in one transaction per section: reports over that
period say the same before and after. It logs how many entries it removed,
per section, and never anything they held. The task ``apply_retention``
runs it every night (``cms.activity.tasks``).
"""

import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.activity.models import (
    ActivityEntry,
    ActivityMonth,
    ActivitySettings,
    Dimension,
    EntryService,
    EntryTopic,
)

logger = logging.getLogger(__name__)

DEFAULT_YEARS = ActivitySettings._meta.get_field("retention_years").default


def cutoff(today, years):
    """The first day of the oldest month kept: whole months ``years`` back from ``today``."""
    try:
        then = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        then = today.replace(year=today.year - years, day=28)
    return then.replace(day=1)


def fold_old_entries(today=None):
    """Fold and delete every section's entries older than its retention; {section id: removed}."""
    today = today or timezone.localdate()
    years = dict(ActivitySettings.objects.values_list("section_id", "retention_years"))
    oldest_cutoff = cutoff(today, min([DEFAULT_YEARS, *years.values()]))
    removed = {}
    candidates = (
        ActivityEntry.objects.filter(date__lt=oldest_cutoff)
        .values_list("section_id", flat=True)
        .distinct()
        .order_by()
    )
    for section_id in list(candidates):
        before = cutoff(today, years.get(section_id, DEFAULT_YEARS))
        count = _fold(section_id, before)
        if count:
            removed[section_id] = count
            logger.info(
                "Activity retention: section %s, %s entries before %s folded into monthly counts",
                section_id,
                count,
                before.isoformat(),
            )
    return removed


@transaction.atomic
def _fold(section_id, before):
    entries = ActivityEntry.objects.filter(section_id=section_id, date__lt=before)
    # (month, kind, dimension, value) → entries, people, minutes
    totals = defaultdict(lambda: [0, 0, 0])

    def add(rows, dimension, value_name):
        for row in rows:
            month = row["month"]
            month = month.date() if isinstance(month, datetime.datetime) else month
            total = totals[month, row["kind"], dimension, row[value_name]]
            total[0] += row["n"]
            total[1] += row["people"] or 0
            total[2] += row["minutes"] or 0

    add(
        entries.annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(n=Count("pk"), people=Sum("people"), minutes=Sum("minutes"))
        .order_by(),
        Dimension.KIND,
        "kind",
    )
    for model, name, dimension in (
        (EntryTopic, "topic", Dimension.TOPIC),
        (EntryService, "service", Dimension.SERVICE),
    ):
        add(
            model.objects.filter(entry__in=entries)
            .annotate(month=TruncMonth("entry__date"), kind=F("entry__kind"))
            .values("month", "kind", name)
            .annotate(n=Count("pk"), people=Sum("entry__people"), minutes=Sum("entry__minutes"))
            .order_by(),
            dimension,
            name,
        )
    add(
        ActivityEntry.languages.through.objects.filter(activityentry__in=entries)
        .annotate(month=TruncMonth("activityentry__date"), kind=F("activityentry__kind"))
        .values("month", "kind", "spokenlanguage__code")
        .annotate(
            n=Count("pk"),
            people=Sum("activityentry__people"),
            minutes=Sum("activityentry__minutes"),
        )
        .order_by(),
        Dimension.LANGUAGE,
        "spokenlanguage__code",
    )
    for (month, kind, dimension, value), (count, people, minutes) in totals.items():
        updated = ActivityMonth.objects.filter(
            section_id=section_id, month=month, kind=kind, dimension=dimension, value=value
        ).update(
            entries=F("entries") + count,
            people=F("people") + people,
            minutes=F("minutes") + minutes,
        )
        if not updated:
            ActivityMonth.objects.create(
                section_id=section_id,
                month=month,
                kind=kind,
                dimension=dimension,
                value=value,
                entries=count,
                people=people,
                minutes=minutes,
            )
    _total, deleted = entries.delete()
    return deleted.get(ActivityEntry._meta.label, 0)
