"""The numbers of a section's activity over a period: the one source of every view and export.

:func:`build_report` reads the raw entries and the monthly counts kept after
retention (``ActivityMonth``) in a fixed number of queries, whatever the
number of entries or sections, and returns a :class:`Report` of
:class:`~cms.activity.tables.Table` objects. The coordinator's view shows
them exactly; the funders' report, the municipality's contacts and anything
public show them protected (``cms.activity.protection``).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import CharField, Count, F, Sum, Value
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.activity.models import (
    RETENTION_MIN_YEARS,
    ActivityEntry,
    ActivityKind,
    ActivityMonth,
    ActivitySettings,
    Dimension,
    EntryService,
    EntryTopic,
    Service,
    Topic,
)
from cms.activity.protection import Cell, small
from cms.activity.retention import cutoff
from cms.activity.tables import Table
from cms.core.languages import SpokenLanguage


def months_between(start, end):
    """The first day of each month from ``start``'s to ``end``'s."""
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def section_ids(section):
    """``section`` and the sections below it (a municipality's districts), as a subquery of ids.

    None: the whole network.
    """
    if section is None:
        return None
    return Page.objects.filter(path__startswith=section.path, locale_id=section.locale_id).values(
        "pk"
    )


@dataclass
class Period:
    """What a report covers: sections (None: the whole network), dates and perhaps one kind."""

    sections: object  # a subquery of section ids (section_ids), or None: every section
    start: datetime.date
    end: datetime.date
    kind: str = ""

    def conditions(self, prefix=""):
        """The period's lookups on an entry, from a model that ``prefix`` leads to it from."""
        lookups = {f"{prefix}date__gte": self.start, f"{prefix}date__lte": self.end}
        if self.sections is not None:
            lookups[f"{prefix}section_id__in"] = self.sections
        if self.kind:
            lookups[f"{prefix}kind"] = self.kind
        return lookups

    def entries(self):
        return ActivityEntry.objects.filter(**self.conditions())

    def may_have_archive(self):
        """Whether months of the period may have been folded: those before the shortest retention.

        Saves a query on the usual views (this year, the last twelve months).
        """
        return self.start < cutoff(timezone.localdate(), RETENTION_MIN_YEARS)

    def archived(self):
        months = ActivityMonth.objects.filter(
            month__gte=self.start.replace(day=1), month__lte=self.end
        )
        if self.sections is not None:
            months = months.filter(section_id__in=self.sections)
        if self.kind:
            months = months.filter(kind=self.kind)
        return months


@dataclass
class Report:
    period: Period
    entries: Table
    people: Table
    topics: Table
    languages: Table
    services: Table
    active_volunteers: int
    modules_completed: int
    minutes: int
    volunteers: list = field(default_factory=list)

    @property
    def tables(self):
        return [self.entries, self.people, self.topics, self.languages, self.services]

    def headline(self, protected):
        """The report's key figures, as (label, cell): protected beyond the coordinator."""

        def cell(value):
            return Cell(value, protected and small(value))

        entries = self.entries.view(protected).footer.total
        people = self.people.view(protected).footer.total
        hours = round(self.minutes / 60)
        return [
            (_("Activities logged"), entries),
            (_("People reached"), people),
            (_("Hours"), Cell(hours, entries.hidden)),
            (_("Active volunteers"), cell(self.active_volunteers)),
            (_("Training modules completed"), cell(self.modules_completed)),
        ]


def build_report(period, with_volunteers=False):
    """The report of ``period``; ``with_volunteers`` adds each volunteer's counts.

    Per-volunteer counts are for coordinators only, never beyond them.
    """
    months = months_between(period.start, period.end)
    kinds = [
        (value, label)
        for value, label in ActivityKind.choices
        if value == period.kind or not period.kind
    ]
    entries = period.entries()
    counts = defaultdict(int)  # (dimension, value, month or None) → entries
    people = defaultdict(int)
    minutes = 0
    # By day, folded into months here: SQLite truncates a date to its month by
    # calling Python once per row, and a year has only a few hundred days.
    for row in (
        entries.values("date", "kind")
        .annotate(n=Count("pk"), people=Sum("people"), minutes=Sum("minutes"))
        .order_by()
    ):
        month = row["date"].replace(day=1)
        counts[Dimension.KIND, row["kind"], month] += row["n"]
        people[Dimension.KIND, row["kind"], month] += row["people"]
        minutes += row["minutes"]
    languages = {}
    for dimension, value, label, n, reached in _tallies(period):
        counts[dimension, value, None] += n
        people[dimension, value, None] += reached
        if dimension == Dimension.LANGUAGE:
            languages[value] = label
    archived = period.archived() if period.may_have_archive() else ActivityMonth.objects.none()
    for row in (
        archived.values("month", "dimension", "value")
        .annotate(n=Sum("entries"), people=Sum("people"), minutes=Sum("minutes"))
        .order_by()
    ):
        month = row["month"] if row["dimension"] == Dimension.KIND else None
        counts[row["dimension"], row["value"], month] += row["n"]
        people[row["dimension"], row["value"], month] += row["people"]
        if row["dimension"] == Dimension.KIND:
            minutes += row["minutes"]
    archived_languages = {
        value
        for dimension, value, _month in counts
        if dimension == Dimension.LANGUAGE and value not in languages
    }
    if archived_languages:  # only languages no entry of the period names
        languages.update(
            SpokenLanguage.objects.filter(code__in=archived_languages).values_list("code", "name")
        )
    month_rows = [(month, formats.date_format(month, "YEAR_MONTH_FORMAT")) for month in months]
    report = Report(
        period=period,
        entries=_by_month("entries", _("Activities per month"), month_rows, kinds, counts),
        people=_by_month("people", _("People reached per month"), month_rows, kinds, people),
        topics=_listing(
            "topics", _("Topics"), _("Topic"), Topic.choices, Dimension.TOPIC, counts, people, kinds
        ),
        languages=_listing(
            "languages",
            _("Languages used"),
            _("Language"),
            sorted(languages.items(), key=lambda item: item[1]),
            Dimension.LANGUAGE,
            counts,
            people,
            kinds,
        ),
        services=_listing(
            "services",
            _("Referred or accompanied to"),
            _("Service"),
            Service.choices,
            Dimension.SERVICE,
            counts,
            people,
            kinds,
        ),
        active_volunteers=0,
        modules_completed=_modules_completed(period),
        minutes=minutes,
    )
    if with_volunteers:
        report.volunteers = _volunteers(entries, kinds)
        report.active_volunteers = len(report.volunteers)
    else:
        report.active_volunteers = (
            entries.exclude(volunteer=None).values("volunteer").distinct().count()
        )
    return report


def _tallies(period):
    """Activities and people per topic, service and language: one query (a UNION ALL).

    Rows of (dimension, value, label, activities, people); the label is a
    language's name, empty for the others. Each part filters through its join
    to the entry and counts the entry's key, so the database reads its unique
    index instead of every row.
    """
    no_label = Value("", output_field=CharField())

    def tally(model, entry, dimension, value, label):
        return (
            model.objects.filter(**period.conditions(f"{entry}__"))
            .annotate(
                dimension=Value(dimension, output_field=CharField()), value=F(value), label=label
            )
            .values("dimension", "value", "label")
            .annotate(n=Count(entry), people=Sum(f"{entry}__people"))
            .values_list("dimension", "value", "label", "n", "people")
            .order_by()
        )

    topics = tally(EntryTopic, "entry", Dimension.TOPIC, "topic", no_label)
    services = tally(EntryService, "entry", Dimension.SERVICE, "service", no_label)
    languages = tally(
        ActivityEntry.languages.through,
        "activityentry",
        Dimension.LANGUAGE,
        "spokenlanguage__code",
        F("spokenlanguage__name"),
    )
    return topics.union(services, languages, all=True)


def _by_month(key, caption, month_rows, kinds, counts):
    cells = {
        (month, kind): counts.get((Dimension.KIND, kind, month), 0)
        for month, _label in month_rows
        for kind, _label in kinds
    }
    row_totals = {month: sum(cells[month, kind] for kind, _ in kinds) for month, _ in month_rows}
    column_totals = {kind: sum(cells[month, kind] for month, _ in month_rows) for kind, _ in kinds}
    return Table(
        key=key,
        caption=caption,
        rows=month_rows,
        columns=kinds,
        counts=cells,
        column_totals=column_totals,
        row_totals=row_totals,
        total=sum(row_totals.values()),
        row_heading=_("Month"),
    )


def _listing(key, caption, heading, choices, dimension, counts, people, kinds):
    """Entries and people per value of a dimension, against the period's totals."""
    total_entries = sum(n for (d, _value, _month), n in counts.items() if d == Dimension.KIND)
    total_people = sum(n for (d, _value, _month), n in people.items() if d == Dimension.KIND)
    cells = {}
    for value, _label in choices:
        cells[value, "entries"] = counts.get((dimension, value, None), 0)
        cells[value, "people"] = people.get((dimension, value, None), 0)
    return Table(
        key=key,
        caption=caption,
        rows=list(choices),
        columns=[("entries", _("Activities")), ("people", _("People reached"))],
        counts=cells,
        column_totals={"entries": total_entries, "people": total_people},
        row_heading=heading,
    )


def _modules_completed(period):
    """Training modules the sections' volunteers completed in the period (``Attendance``).

    Named by label: the training lives in ``cms.volunteers``, a layer above.
    """
    attendance = apps.get_model("cms", "Attendance").objects.filter(
        date__gte=period.start, date__lte=period.end, volunteer__isnull=False
    )
    if period.sections is not None:
        attendance = attendance.filter(section_id__in=period.sections)
    return attendance.count()


def _volunteers(entries, kinds):
    """Each volunteer's number of activities by kind: to follow up, not to judge."""
    rows = {}
    for row in (
        entries.exclude(volunteer=None)
        .values(
            "volunteer",
            "volunteer__first_name",
            "volunteer__last_name",
            "volunteer__username",
            "kind",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        name = (
            f"{row['volunteer__first_name']} {row['volunteer__last_name']}".strip()
            or row["volunteer__username"]
        )
        counts = rows.setdefault(row["volunteer"], {"name": name, "counts": defaultdict(int)})[
            "counts"
        ]
        counts[row["kind"]] += row["n"]
    return sorted(
        (
            {
                "name": row["name"],
                "counts": [row["counts"][kind] for kind, _label in kinds],
                "total": sum(row["counts"].values()),
            }
            for row in rows.values()
        ),
        key=lambda row: row["name"].lower(),
    )


#: The public figure shows conversations only from this many, rounded down to tens.
PUBLIC_MINIMUM = 20
PUBLIC_ROUNDING = 10


def public_figure(section_path=None, year=None):
    """This year's conversations and languages for the public pages, or None if too few.

    ``section_path``: a Norwegian section and those below it (None: the whole
    network). The number is rounded down to tens ("at least 120") so that no
    difference between two public figures (the network's and its sections')
    gives back a small section's count; below ``PUBLIC_MINIMUM`` nothing is
    shown. A section whose settings turn the figure off shows none.
    """
    year = year or timezone.localdate().year
    conversations = ActivityEntry.objects.filter(kind=ActivityKind.CONVERSATION, date__year=year)
    if section_path is not None:
        sections = Page.objects.filter(path__startswith=section_path)
        if ActivitySettings.objects.filter(
            section__path=section_path, public_figure=False
        ).exists():
            return None
        conversations = conversations.filter(section__in=sections)
    count = conversations.count()
    if count < PUBLIC_MINIMUM:
        return None
    languages = (
        ActivityEntry.languages.through.objects.filter(activityentry__in=conversations)
        .values("spokenlanguage")
        .distinct()
        .count()
    )
    return {"conversations": count - count % PUBLIC_ROUNDING, "languages": languages}
