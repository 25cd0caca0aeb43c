"""A table of counts with its totals, shown exactly or with small numbers protected.

``Table`` holds the counts; :meth:`Table.view` gives what a template, the CSV
and the spreadsheet show: each count as a :class:`~cms.activity.protection.Cell`.
"""

from dataclasses import dataclass, field

from cms.activity.protection import Cell, protect

ALL = ("all",)


@dataclass
class Table:
    """Counts by row and column, with each column's total.

    A table with ``row_totals`` (months by kind) adds up both ways and has a
    grand total; one without (topics, languages) lists values whose counts
    may overlap, an entry having several topics, against the column totals.
    """

    key: str
    caption: str
    rows: list  # [(key, label)]
    columns: list  # [(key, label)]
    counts: dict  # {(row, column): count}
    column_totals: dict  # {column: count}
    row_totals: dict | None = None  # {row: count}
    total: int | None = None
    row_heading: str = ""
    _views: dict = field(default_factory=dict, repr=False, compare=False)

    def _values(self):
        values = {
            ("cell", row, column): self.counts.get((row, column), 0)
            for row, _label in self.rows
            for column, _label in self.columns
        }
        values.update(
            {("column", column): self.column_totals.get(column, 0) for column, _ in self.columns}
        )
        if self.row_totals is not None:
            values.update({("row", row): self.row_totals.get(row, 0) for row, _label in self.rows})
            values[ALL] = self.total or 0
        return values

    def _lines(self):
        rows = [row for row, _label in self.rows]
        columns = [column for column, _label in self.columns]
        lines = [
            ([("cell", row, column) for row in rows], ("column", column)) for column in columns
        ]
        if self.row_totals is not None:
            lines += [([("cell", row, column) for column in columns], ("row", row)) for row in rows]
            lines.append(([("column", column) for column in columns], ALL))
            lines.append(([("row", row) for row in rows], ALL))
        return lines

    def view(self, protected):
        """The table as cells: exact, or with small numbers hidden (``protected``); made once."""
        if protected not in self._views:
            self._views[protected] = self._view(protected)
        return self._views[protected]

    def _view(self, protected):
        values = self._values()
        hidden = protect(values, self._lines()) if protected else set()

        def cell(position):
            return Cell(values[position], position in hidden)

        body = [
            TableRow(
                label,
                [cell(("cell", row, column)) for column, _ in self.columns],
                cell(("row", row)) if self.row_totals is not None else None,
            )
            for row, label in self.rows
        ]
        footer = TableRow(
            None,
            [cell(("column", column)) for column, _ in self.columns],
            cell(ALL) if self.row_totals is not None else None,
        )
        return TableView(self, body, footer)


@dataclass
class TableRow:
    label: str | None
    cells: list
    total: Cell | None = None


@dataclass
class TableView:
    table: Table
    body: list
    footer: TableRow
    chart: list = field(default_factory=list)

    @property
    def key(self):
        return self.table.key

    @property
    def caption(self):
        return self.table.caption

    @property
    def columns(self):
        return [label for _key, label in self.table.columns]

    @property
    def has_row_totals(self):
        return self.table.row_totals is not None
