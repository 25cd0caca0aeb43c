"""The funders' report as CSV and as a spreadsheet (XLSX, with openpyxl).

Both hold what the printed report shows, protected: a hidden count is written
as the words "under 5", never as its number. The CSV is one long table
(table, row, column, value), easy to read into any tool; the spreadsheet has
a summary sheet and one sheet per table.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary(report, section_title):
    period = report.period
    rows = [
        (_("Section"), section_title),
        (_("From"), period.start.isoformat()),
        (_("To"), period.end.isoformat()),
    ]
    return rows + [(str(label), cell.export) for label, cell in report.headline(protected=True)]


def _table_rows(view):
    """The rows of a table view: a header, the body and the totals."""
    header = [str(view.table.row_heading), *(str(column) for column in view.columns)]
    if view.has_row_totals:
        header.append(_("Total"))
    rows = [header]
    for row in [*view.body, view.footer]:
        label = row.label if row.label is not None else _("Total")
        values = [cell.export for cell in row.cells]
        if view.has_row_totals:
            values.append(row.total.export)
        rows.append([str(label), *values])
    return rows


def csv_response(report, section_title, filename):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([_("Table"), _("Row"), _("Column"), _("Value")])
    for label, value in _summary(report, section_title):
        writer.writerow([_("Summary"), label, "", value])
    for table in report.tables:
        view = table.view(protected=True)
        header, *rows = _table_rows(view)
        for row in rows:
            for column, value in zip(header[1:], row[1:], strict=True):
                writer.writerow([view.caption, row[0], column, value])
    response = HttpResponse(
        "\ufeff" + output.getvalue(),  # a byte order mark, so Excel reads UTF-8
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(report, section_title, filename):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    for row in _summary(report, section_title):
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 30
    for table in report.tables:
        view = table.view(protected=True)
        sheet = workbook.create_sheet(str(view.caption)[:31])
        for row in _table_rows(view):
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 30
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
