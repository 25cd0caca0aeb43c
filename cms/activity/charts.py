"""Bar charts as plain SVG, drawn on the server from a table's cells.

No chart library and no script: a few rectangles and labels in a template
(``activity/includes/chart.html``), beside the table that holds the same
numbers. A hidden count (small numbers protected) gets no bar, only its words.
"""

from dataclasses import dataclass

#: Geometry of a chart, in SVG user units.
LABEL_WIDTH = 190
BAR_SPACE = 360
ROW_HEIGHT = 26


@dataclass
class Bar:
    label: str
    cell: object
    y: int
    width: int

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 6


def bars(view):
    """The bars of a table view: each month's total, or each value's activities."""
    if view.has_row_totals:
        points = [(row.label, row.total) for row in view.body]
    else:
        points = [(row.label, row.cells[0]) for row in view.body]
    largest = max((cell.value for _label, cell in points if not cell.hidden), default=0) or 1
    return [
        Bar(
            label=str(label),
            cell=cell,
            y=index * ROW_HEIGHT,
            width=0 if cell.hidden else round(BAR_SPACE * cell.value / largest),
        )
        for index, (label, cell) in enumerate(points)
    ]


def chart(view):
    """What the chart template needs for ``view``."""
    shown = bars(view)
    return {
        "bars": shown,
        "height": max(len(shown), 1) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_SPACE + 80,
    }
