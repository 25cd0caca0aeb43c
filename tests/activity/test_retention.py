"""Old entries folded into monthly counts (cms.activity.retention, tasks, activity_retention).

After a section's retention period (five years unless its settings say
otherwise) the raw entries go and only ``ActivityMonth`` counts stay; every
report over the old period says the same before and after.
"""

import datetime
import io
import logging
import zoneinfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cms.activity.models import ActivityEntry, ActivityMonth, ActivitySettings
from cms.activity.retention import fold_old_entries
from cms.activity.stats import Period, build_report
from cms.activity.tasks import apply_retention, next_run

#: The day the retention runs in most tests: five years back is 1 June 2021.
TODAY = datetime.date(2026, 6, 15)
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def old_and_new(nordre_follo, indre_ostfold, make_entry, somali, arabic, coordinator):
    """Nordre Follo keeps five years (the default), Indre Østfold one year.

    The entries before each cutoff go; those on and after it stay.
    """
    ActivitySettings.objects.create(section=indre_ostfold, retention_years=1)
    entry = make_entry
    folded = [
        entry(nordre_follo, coordinator, date=datetime.date(2021, 3, 2), people=3, minutes=30),
        entry(
            nordre_follo,
            date=datetime.date(2021, 3, 20),
            kind="help",
            topics=("money", "services"),
            services=("nav",),
            languages=[somali, arabic],
        ),
        entry(
            nordre_follo,
            date=datetime.date(2021, 5, 31),
            kind="activity",
            people=12,
            minutes=180,
            topics=("leisure",),
            services=("school", "kindergarten"),
            languages=[arabic],
        ),
        entry(indre_ostfold, date=datetime.date(2024, 11, 5), people=2),
        entry(indre_ostfold, date=datetime.date(2025, 5, 31), kind="help", services=("nav",)),
    ]
    kept = [
        entry(nordre_follo, date=datetime.date(2021, 6, 1)),
        entry(nordre_follo, date=datetime.date(2023, 9, 9), kind="help"),
        entry(indre_ostfold, date=datetime.date(2025, 6, 1)),
        entry(indre_ostfold, date=datetime.date(2026, 1, 10), people=4),
    ]
    return {"folded": folded, "kept": kept}


def numbers(section, start, end, kind=""):
    """Every exact number of the report over a period, table by table, and its minutes."""
    report = build_report(Period([section.pk], start, end, kind))
    tables = {}
    for table in report.tables:
        view = table.view(protected=False)
        tables[table.key] = [
            [cell.value for cell in row.cells] + ([row.total.value] if row.total else [])
            for row in [*view.body, view.footer]
        ]
    return tables, report.minutes


# --- Folding ---------------------------------------------------------------------------------


def test_entries_older_than_the_retention_are_folded(old_and_new, nordre_follo, indre_ostfold):
    removed = fold_old_entries(today=TODAY)

    assert removed == {nordre_follo.pk: 3, indre_ostfold.pk: 2}
    remaining = set(ActivityEntry.objects.values_list("pk", flat=True))
    assert remaining == {entry.pk for entry in old_and_new["kept"]}


def test_folded_months_hold_the_counts(old_and_new, nordre_follo, indre_ostfold):
    fold_old_entries(today=TODAY)

    def month(section, day, dimension, value):
        """A month's counts for one value, over every kind (rows are per kind)."""
        rows = ActivityMonth.objects.filter(
            section=section, month=day, dimension=dimension, value=value
        )
        assert rows.exists()
        return tuple(
            sum(getattr(row, name) for row in rows) for name in ("entries", "people", "minutes")
        )

    march, may = datetime.date(2021, 3, 1), datetime.date(2021, 5, 1)
    assert month(nordre_follo, march, "kind", "conversation") == (1, 3, 30)
    assert month(nordre_follo, march, "kind", "help") == (1, 1, 60)
    assert month(nordre_follo, may, "kind", "activity") == (1, 12, 180)
    assert month(nordre_follo, march, "language", "so") == (2, 4, 90)
    assert month(nordre_follo, march, "topic", "health") == (1, 3, 30)
    assert month(nordre_follo, may, "service", "kindergarten") == (1, 12, 180)
    assert month(indre_ostfold, datetime.date(2025, 5, 1), "service", "nav") == (1, 1, 60)
    # Kept entries are not counted twice: June 2021 is still raw.
    assert not ActivityMonth.objects.filter(
        month__gte=datetime.date(2021, 6, 1), section=nordre_follo
    )


def test_a_report_over_the_old_period_says_the_same_after_folding(
    old_and_new, nordre_follo, indre_ostfold
):
    periods = [
        (nordre_follo, datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
        (indre_ostfold, datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
    ]
    before = [numbers(*period) for period in periods]
    assert before[0][0]["entries"][-1][-1] == 4  # three folded, one kept (1 June 2021)
    assert before[0][0]["people"][-1][-1] == 3 + 1 + 12 + 1

    fold_old_entries(today=TODAY)

    assert ActivityEntry.objects.filter(date__lt=datetime.date(2021, 6, 1)).count() == 0
    after = [numbers(*period) for period in periods]
    for (tables_before, minutes_before), (tables_after, minutes_after) in zip(
        before, after, strict=True
    ):
        assert minutes_after == minutes_before
        for key in ("entries", "people", "topics", "languages", "services"):
            assert tables_after[key] == tables_before[key], key


def test_a_report_on_one_kind_says_the_same_after_folding(old_and_new, nordre_follo):
    period = (nordre_follo, datetime.date(2021, 1, 1), datetime.date(2021, 5, 31), "help")
    before = numbers(*period)
    assert before[0]["topics"][-1] == [1, 1]  # the help entry, against the kind's total

    fold_old_entries(today=TODAY)

    after = numbers(*period)
    assert after[0]["entries"] == before[0]["entries"]
    for key in ("topics", "languages", "services"):
        assert after[0][key] == before[0][key], key


def test_a_second_run_changes_nothing(old_and_new):
    fold_old_entries(today=TODAY)
    months = list(
        ActivityMonth.objects.values_list(
            "section", "month", "dimension", "value", "entries", "people", "minutes"
        )
    )
    entries = set(ActivityEntry.objects.values_list("pk", flat=True))

    assert fold_old_entries(today=TODAY) == {}

    assert (
        list(
            ActivityMonth.objects.values_list(
                "section", "month", "dimension", "value", "entries", "people", "minutes"
            )
        )
        == months
    )
    assert set(ActivityEntry.objects.values_list("pk", flat=True)) == entries


def test_a_later_run_adds_to_the_months_already_folded(nordre_follo, make_entry):
    """Entries logged late into a month already folded are added to its counts, not lost."""
    make_entry(nordre_follo, date=datetime.date(2021, 3, 2), people=3)
    fold_old_entries(today=TODAY)
    make_entry(nordre_follo, date=datetime.date(2021, 3, 25), people=5)

    assert fold_old_entries(today=TODAY) == {nordre_follo.pk: 1}

    row = ActivityMonth.objects.get(
        section=nordre_follo,
        month=datetime.date(2021, 3, 1),
        dimension="kind",
        value="conversation",
    )
    assert (row.entries, row.people) == (2, 8)


def test_a_longer_retention_keeps_what_the_default_would_fold(nordre_follo, make_entry):
    ActivitySettings.objects.create(section=nordre_follo, retention_years=10)
    entry = make_entry(nordre_follo, date=datetime.date(2018, 1, 1))

    assert fold_old_entries(today=TODAY) == {}
    assert ActivityEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_says_how_many_and_nothing_they_held(old_and_new, nordre_follo, caplog):
    with caplog.at_level(logging.INFO, logger="cms.activity.retention"):
        fold_old_entries(today=TODAY)

    messages = [
        record.getMessage() for record in caplog.records if record.name == "cms.activity.retention"
    ]
    assert len(messages) == 2
    nordre = next(message for message in messages if f"section {nordre_follo.pk}," in message)
    assert "3 entries" in nordre
    assert "2021-06-01" in nordre
    text = " ".join(messages).lower()
    for held in (
        "health",
        "money",
        "leisure",
        "nav",
        "school",
        "somali",
        "arabisk",
        " so ",
        "conversation",
        "help",
        "koordinator",
    ):
        assert held not in text, held


# --- The command and the task ----------------------------------------------------------------


def test_command_folds_and_says_how_many(nordre_follo, make_entry):
    for _ in range(3):
        make_entry(nordre_follo, days_ago=6 * 366)
    newer = make_entry(nordre_follo, days_ago=30)
    out = io.StringIO()

    call_command("activity_retention", stdout=out)

    assert "Nordre Follo: 3 entries folded" in out.getvalue()
    assert "Done: 3 entries folded into monthly counts." in out.getvalue()
    assert list(ActivityEntry.objects.values_list("pk", flat=True)) == [newer.pk]


def test_command_with_nothing_to_fold(nordre_follo, make_entry):
    make_entry(nordre_follo, days_ago=30)
    out = io.StringIO()
    call_command("activity_retention", stdout=out)
    assert out.getvalue().strip() == "Done: 0 entries folded into monthly counts."
    assert ActivityEntry.objects.count() == 1


def test_schedule_with_a_backend_that_cannot_wait(nordre_follo, make_entry):
    """The test settings' immediate backend runs tasks at once: nothing can be put off."""
    old = make_entry(nordre_follo, days_ago=6 * 366)
    out = io.StringIO()

    call_command("activity_retention", "--schedule", stdout=out)

    assert out.getvalue().startswith("Nothing scheduled")
    assert not DBTaskResult.objects.exists()
    assert ActivityEntry.objects.filter(pk=old.pk).exists()  # scheduling folds nothing now


def test_the_task_folds_and_returns_the_counts(nordre_follo, make_entry):
    for _ in range(2):
        make_entry(nordre_follo, days_ago=6 * 366)
    result = apply_retention.enqueue()
    assert result.return_value == {str(nordre_follo.pk): 2}
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 3, 10, 10, 0, tzinfo=OSLO), datetime.datetime(2026, 3, 11, 3, 15)),
        (datetime.datetime(2026, 3, 10, 2, 0, tzinfo=OSLO), datetime.datetime(2026, 3, 10, 3, 15)),
        (datetime.datetime(2026, 3, 10, 3, 15, tzinfo=OSLO), datetime.datetime(2026, 3, 11, 3, 15)),
        # 01:30 UTC is 03:30 in Oslo in summer: tonight's run is over.
        (
            datetime.datetime(2026, 6, 1, 1, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 6, 2, 3, 15),
        ),
        # The night clocks go forward (29 March 2026): 03:15 summer time.
        (datetime.datetime(2026, 3, 28, 12, 0, tzinfo=OSLO), datetime.datetime(2026, 3, 29, 3, 15)),
        (datetime.datetime(2026, 12, 31, 23, 0, tzinfo=OSLO), datetime.datetime(2027, 1, 1, 3, 15)),
    ],
)
def test_next_run_is_the_next_quarter_past_three_in_oslo(now, expected):
    run = next_run(now)
    assert run.astimezone(OSLO).replace(tzinfo=None) == expected
    assert run > now
    assert run - now <= datetime.timedelta(hours=25)
