"""The funders' report as CSV and XLSX (cms.activity.exports, ``cms_activity_export``).

The numbers are read back the way a funder's spreadsheet reads them (``csv``
and ``openpyxl``) and compared with counts made here with the ORM: Nordre
Follo's entries of last year, not Indre Østfold's, not those of other years.
A count under five appears as the words "under 5", never as its number.
Who may download which section's export is tested from both sides.
"""

import csv
import datetime
import io

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from cms.activity.exports import XLSX_TYPE
from cms.activity.models import ActivityEntry, ActivityKind, EntryTopic, Topic

UNDER = "under 5"
HIDDEN = "skjult"  # the Norwegian report's word for a count hidden to protect another


@pytest.fixture
def year():
    """Last year: a whole calendar year, over for everyone."""
    return timezone.localdate().year - 1


@pytest.fixture
def logged(nordre_follo, indre_ostfold, make_entry, somali, arabic, year):
    """Nordre Follo's year: 21 activities in March and April; Indre Østfold's 9 beside them."""

    def many(count, section, date, **fields):
        for _ in range(count):
            make_entry(section, date=date, **fields)

    march, april = datetime.date(year, 3, 10), datetime.date(year, 4, 3)
    many(6, nordre_follo, march, people=2, topics=("health", "family"))
    many(5, nordre_follo, march, kind="help", topics=("money",), services=("nav",))
    many(
        7,
        nordre_follo,
        april,
        people=3,
        topics=("education", "health"),
        languages=[somali, arabic],
        services=("school",),
    )
    many(3, nordre_follo, april, kind="activity", people=10, topics=("leisure",))
    # Beside the period, and in another section: none of these is in the export.
    many(6, nordre_follo, datetime.date(year - 1, 12, 31), people=7)
    many(6, nordre_follo, datetime.date(year + 1, 1, 1), people=7)
    many(9, indre_ostfold, march, people=4, topics=("health",))


def export_url(section, fmt, **query):
    url = reverse("cms_activity_export", args=[section.pk if section else 0, fmt])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def whole_year(year):
    return {"start": f"{year}-01-01", "end": f"{year}-12-31"}


def norwegian(text):
    with translation.override("nb"):
        return gettext(text)


def read_csv(response):
    """{caption: {(row, column): value}}, values as text, the summary under its own name."""
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert len(header) == 4
    tables = {}
    for caption, row, column, value in rows:
        tables.setdefault(caption, {})[row, column] = value
    return tables


def read_xlsx(response):
    """{sheet title: [[values]]}, as openpyxl reads them."""
    workbook = load_workbook(io.BytesIO(response.content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def month_label(year, month):
    with translation.override("nb"):
        return formats.date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")


def kind_label(kind):
    with translation.override("nb"):
        return str(ActivityKind(kind).label)


def topic_label(topic):
    with translation.override("nb"):
        return str(Topic(topic).label)


def in_database(section, year):
    """The ORM's own counts of ``section``'s entries in ``year``."""
    entries = ActivityEntry.objects.filter(section=section, date__year=year)
    return {
        "entries": entries.count(),
        "people": entries.aggregate(n=Sum("people"))["n"],
        "cells": {
            (month, kind): entries.filter(date__month=month, kind=kind).count()
            for month in range(1, 13)
            for kind in ActivityKind.values
        },
        "topics": {
            topic: EntryTopic.objects.filter(entry__in=entries, topic=topic).count()
            for topic in Topic.values
        },
    }


def assert_protected(shown, exact):
    """A count from 1 to 4 is always "under 5"; any other is exact or "hidden" (never "under 5").

    "hidden": a count hidden so that no subtraction gives a small one back.
    """
    if 0 < exact < 5:
        assert shown == UNDER, exact
    else:
        assert shown in (HIDDEN, str(exact), exact), (shown, exact)


# --- The numbers -----------------------------------------------------------------------


def test_csv_totals_match_the_database(client, coordinator, nordre_follo, logged, year):
    client.force_login(coordinator)
    response = client.get(export_url(nordre_follo, "csv", **whole_year(year)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    tables = read_csv(response)
    exact = in_database(nordre_follo, year)
    assert exact["entries"] == 21 and exact["people"] == 68  # the fixture, as a reader counts

    total = norwegian("Total")
    entries = tables[norwegian("Activities per month")]
    assert entries[total, total] == "21"
    people = tables[norwegian("People reached per month")]
    assert people[total, total] == "68"
    for (month, kind), count in exact["cells"].items():
        assert_protected(entries[month_label(year, month), kind_label(kind)], count)
    assert entries[month_label(year, 4), kind_label("activity")] == UNDER  # 3 activities

    topics = tables[norwegian("Topics")]
    activities = norwegian("Activities")
    for topic, count in exact["topics"].items():
        assert_protected(topics[topic_label(topic), activities], count)
    assert topics[topic_label("health"), activities] == "13"
    assert topics[topic_label("education"), activities] == "7"
    assert topics[topic_label("leisure"), activities] == UNDER
    assert topics[total, activities] == "21"

    summary = tables[norwegian("Summary")]
    assert summary[norwegian("Activities logged"), ""] == "21"
    assert summary[norwegian("People reached"), ""] == "68"
    assert summary[norwegian("Section"), ""] == "Nordre Follo"


def test_xlsx_holds_the_same_numbers_as_the_csv(client, coordinator, nordre_follo, logged, year):
    client.force_login(coordinator)
    query = whole_year(year)
    response = client.get(export_url(nordre_follo, "xlsx", **query))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    sheets = read_xlsx(response)
    tables = read_csv(client.get(export_url(nordre_follo, "csv", **query)))
    exact = in_database(nordre_follo, year)

    summary = {row[0]: row[1] for row in sheets[norwegian("Summary")]}
    assert summary[norwegian("Activities logged")] == exact["entries"] == 21
    assert summary[norwegian("People reached")] == exact["people"] == 68

    caption = norwegian("Activities per month")
    header, *rows = sheets[caption]
    assert header == [
        norwegian("Month"),
        *(kind_label(kind) for kind in ActivityKind.values),
        norwegian("Total"),
    ]
    assert len(rows) == 13  # twelve months and the totals
    assert rows[-1][-1] == 21  # a number the spreadsheet can add, not text
    for row in rows:
        for column, value in zip(header[1:], row[1:], strict=True):
            assert str(value) == tables[caption][row[0], column]
    for (month, kind), count in exact["cells"].items():
        value = rows[month - 1][1 + ActivityKind.values.index(kind)]
        assert_protected(value, count)
    assert rows[3][3] == UNDER  # April's 3 activities

    header, *rows = sheets[norwegian("Topics")]
    topics = {row[0]: row[1] for row in rows}
    assert topics[topic_label("health")] == exact["topics"]["health"] == 13
    assert topics[topic_label("leisure")] == UNDER


def test_three_entries_hide_even_the_grand_total(client, coordinator, nordre_follo, make_entry):
    year = timezone.localdate().year - 1
    for month in (2, 5, 9):
        make_entry(nordre_follo, date=datetime.date(year, month, 1))
    client.force_login(coordinator)
    tables = read_csv(client.get(export_url(nordre_follo, "csv", **whole_year(year))))
    total = norwegian("Total")
    entries = tables[norwegian("Activities per month")]
    assert entries[total, total] == UNDER
    assert set(entries.values()) <= {"0", UNDER}  # no 1, 2 or 3 anywhere
    assert tables[norwegian("People reached per month")][total, total] == UNDER
    assert tables[norwegian("Summary")][norwegian("Activities logged"), ""] == UNDER

    response = client.get(export_url(nordre_follo, "xlsx", **whole_year(year)))
    *_rows, totals = read_xlsx(response)[norwegian("Activities per month")]
    assert totals[-1] == UNDER
    assert not {1, 2, 3} & set(totals)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_is_a_private_attachment(client, coordinator, nordre_follo, logged, year, fmt):
    client.force_login(coordinator)
    response = client.get(export_url(nordre_follo, fmt, **whole_year(year)))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="aktivitet-{nordre_follo.pk}-{year}-01-01-{year}-12-31.{fmt}"'
    )
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_export_holds_no_volunteer_names(client, coordinator, nordre_follo, make_entry, amina):
    year = timezone.localdate().year - 1
    for _ in range(6):
        make_entry(nordre_follo, user=amina.user, date=datetime.date(year, 6, 1))
    client.force_login(coordinator)
    for fmt in ("csv", "xlsx"):
        response = client.get(export_url(nordre_follo, fmt, **whole_year(year)))
        assert response.status_code == 200
        text = str(read_xlsx(response)) if fmt == "xlsx" else response.content.decode()
        for name in ("Amina", "Haji", amina.user.username):
            assert name not in text


# --- Who may download it -----------------------------------------------------------------


def test_export_with_municipality_contact_right(
    client, municipality_contact, nordre_follo, logged, year
):
    client.force_login(municipality_contact)
    response = client.get(export_url(nordre_follo, "csv", year=year))
    assert response.status_code == 200
    tables = read_csv(response)
    total = norwegian("Total")
    assert tables[norwegian("Activities per month")][total, total] == "21"
    response = client.get(export_url(nordre_follo, "xlsx", year=year))
    assert response.status_code == 200
    assert read_xlsx(response)[norwegian("Activities per month")][-1][-1] == 21


def test_export_without_municipality_contact_right(
    client, municipality_contact, indre_ostfold, logged, year
):
    """Nordre Follo's contact asks for Indre Østfold's export: it does not exist for her."""
    client.force_login(municipality_contact)
    for fmt in ("csv", "xlsx"):
        response = client.get(export_url(indre_ostfold, fmt, year=year))
        assert response.status_code == 404
        assert "attachment" not in response.get("Content-Disposition", "")
    assert client.get(export_url(None, "csv", year=year)).status_code == 404


def test_municipality_contact_reads_calendar_years_only(
    client, municipality_contact, coordinator, nordre_follo, logged, year
):
    """A period of her choosing is not hers: she gets the calendar year; the coordinator, hers."""
    query = {"start": f"{year}-03-01", "end": f"{year}-03-31"}
    client.force_login(municipality_contact)
    response = client.get(export_url(nordre_follo, "csv", year=year, **query))
    assert f"{year}-01-01-{year}-12-31.csv" in response["Content-Disposition"]
    client.force_login(coordinator)
    response = client.get(export_url(nordre_follo, "csv", **query))
    assert f"{year}-03-01-{year}-03-31.csv" in response["Content-Disposition"]
    total = norwegian("Total")
    assert read_csv(response)[norwegian("Activities per month")][total, total] == "11"


def test_export_with_coordinator_right(client, coordinator, nordre_follo, logged, year):
    client.force_login(coordinator)
    assert client.get(export_url(nordre_follo, "xlsx", **whole_year(year))).status_code == 200


def test_export_without_coordinator_right(client, other_coordinator, nordre_follo, logged, year):
    """Indre Østfold's coordinator: Nordre Follo's export is a 404, as is the whole network."""
    client.force_login(other_coordinator)
    for fmt in ("csv", "xlsx"):
        response = client.get(export_url(nordre_follo, fmt, **whole_year(year)))
        assert response.status_code == 404
        assert "attachment" not in response.get("Content-Disposition", "")
    assert client.get(export_url(None, "csv", **whole_year(year))).status_code == 404


def test_network_export_with_national_right(client, national_editor, logged, year):
    client.force_login(national_editor)
    tables = read_csv(client.get(export_url(None, "csv", **whole_year(year))))
    total = norwegian("Total")
    assert tables[norwegian("Activities per month")][total, total] == "30"  # 21 + 9
    assert tables[norwegian("Summary")][norwegian("Section"), ""] == norwegian("The whole network")


def test_export_without_login(client, nordre_follo, logged, year):
    for fmt in ("csv", "xlsx"):
        response = client.get(export_url(nordre_follo, fmt, **whole_year(year)))
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_export_without_any_role(client, volunteer, nordre_follo, logged, year):
    """A volunteer of the section logs entries; she does not download the section's numbers."""
    client.force_login(volunteer.user)
    response = client.get(export_url(nordre_follo, "csv", **whole_year(year)))
    assert response.status_code in (302, 403, 404)
    assert "attachment" not in response.get("Content-Disposition", "")


# --- Bad input ---------------------------------------------------------------------------


BAD_PERIODS = [
    ({"start": "2026-13-45"}, None),
    ({"start": "2025-06-01", "end": "2025-05-01"}, "The end of the period is before its start."),
    ({"kind": "unknown"}, None),
    ({"start": "1999-12-31", "end": "2000-02-01"}, "Choose a date between 2000 and 2100."),
    ({"start": "2010-01-01", "end": "2025-12-31"}, "Choose a period of at most five years."),
    ({"end": "99999-01-01"}, None),
]


def test_bad_period_is_a_400_with_a_message(client, coordinator, nordre_follo, logged):
    client.force_login(coordinator)
    before = ActivityEntry.objects.count()
    for query, message in BAD_PERIODS:
        for fmt in ("csv", "xlsx"):
            response = client.get(export_url(nordre_follo, fmt, **query))
            assert response.status_code == 400, query
            assert "attachment" not in response.get("Content-Disposition", "")
            text = response.content.decode()
            assert 'class="report-error"' in text
            if message:
                assert norwegian(message) in text
    assert ActivityEntry.objects.count() == before


def test_a_start_alone_is_held_to_five_years(client, coordinator, nordre_follo):
    client.force_login(coordinator)
    response = client.get(export_url(nordre_follo, "csv", start="2010-01-01"))
    assert response.status_code == 400
    assert norwegian("Choose a period of at most five years.") in response.content.decode()


def test_bad_year_is_a_400(client, municipality_contact, nordre_follo, logged):
    client.force_login(municipality_contact)
    for value in ("99999", "abc", "2000", ""):
        response = client.get(export_url(nordre_follo, "csv", year=value))
        assert response.status_code == 400, value
        assert 'class="report-error"' in response.content.decode()


def test_unknown_or_huge_section_is_refused(client, coordinator, national_editor, logged):
    """No such section: a 404; an id too large for the database: the request guard's 400."""
    for who in (coordinator, national_editor):
        client.force_login(who)
        response = client.get(reverse("cms_activity_export", args=[987654, "csv"]))
        assert response.status_code == 404
        response = client.get(reverse("cms_activity_export", args=[10**20, "csv"]))
        assert response.status_code == 400
