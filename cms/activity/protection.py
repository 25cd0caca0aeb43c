"""Small numbers protected: counts under five are shown as "under 5", and stay hidden.

Any table of counts shown beyond a section's coordinator (the municipality's
contacts, the funders' report, national totals, the public) goes through
:func:`protect`. A count from 1 to 4 could point at a person, so it is
hidden (*primary* suppression). Hiding one cell is not enough where a total
is shown beside it: total minus the other cells gives it back. So wherever a
line of cells and its total has exactly one hidden member, the smallest other
cell is hidden too (*complementary* suppression), and that is repeated until
every line has none or at least two hidden: no subtraction recovers a single
hidden count. This is the rule statistics offices use for tables of counts
(e.g. SSB's and Eurostat's cell suppression); no maintained Python library
does it for small tables, hence these few lines.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: Counts below this are hidden beyond the coordinator.
THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """A count and whether it is shown."""

    value: int
    hidden: bool = False

    @property
    def shown(self):
        """What a reader sees: the number, or "under 5"."""
        if self.hidden:
            return _("under %(threshold)s") % {"threshold": THRESHOLD}
        return number_format(self.value, force_grouping=True)

    @property
    def export(self):
        """The value in a spreadsheet: the number, or the words."""
        return self.shown if self.hidden else self.value

    def __str__(self):
        return self.shown


def small(value):
    return 0 < value < THRESHOLD


def protect(values, lines):
    """The positions to hide among ``values`` ({position: count}).

    ``lines`` are the table's additive lines: ``(members, total)``, where
    ``members`` are positions whose counts add up to (or, for topics that an
    entry can have several of, at least cover) the count at ``total``.
    """
    hidden = {position for position, value in values.items() if small(value)}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            line = [*members, total]
            if sum(1 for position in line if position in hidden) != 1:
                continue
            shown = [position for position in members if position not in hidden]
            # The smallest count that is not zero, or a zero, or else the total.
            candidates = sorted(
                shown, key=lambda position: (values[position] == 0, values[position])
            )
            choice = candidates[0] if candidates else total
            if choice not in hidden:  # a line of one member: nothing else can hide it
                hidden.add(choice)
                changed = True
    return hidden
