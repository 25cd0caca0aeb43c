"""Small numbers protected: counts under five are hidden, and stay hidden.

Any table of counts shown beyond a section's coordinator (the municipality's
contacts, the funders' report, national totals) goes through :func:`protect`.

1. A count from 1 to 4 could point at a person, so it is hidden and shown as
   "under 5" (*primary* suppression).
2. Hiding one count is not enough where totals are shown: a row's total minus
   its other counts gives it back, and in a table with row and column totals,
   sums of rows minus sums of columns can give back a count even when every
   row and column has two hidden. So other counts are hidden too, shown as
   "hidden" (*complementary* suppression), until every hidden count could be
   something else: another filling of the hidden counts keeps every shown
   count and every sum, with no count below zero (:func:`exposed`).

This is how statistics offices protect tables of counts (SSB's and Eurostat's
cell suppression, where a hidden count is safe when it lies on a cycle of
hidden counts). No maintained Python library does it for small tables, hence
these lines.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: Counts below this are hidden beyond the coordinator.
THRESHOLD = 5

#: Steps the search for another filling may take per count; a count whose
#: search runs out is treated as given back, and something more is hidden.
SEARCH_STEPS = 20_000


@dataclass(frozen=True)
class Cell:
    """A count and whether it is shown: hidden as small, or hidden to protect a small one."""

    value: int
    hidden: bool = False

    @property
    def small(self):
        return small(self.value)

    @property
    def shown(self):
        """What a reader sees: the number, "under 5", or "hidden"."""
        if not self.hidden:
            return number_format(self.value, force_grouping=True)
        if self.small:
            return _("under %(threshold)s") % {"threshold": THRESHOLD}
        return _("hidden")

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
    entry can have several of, at least cover) the count at ``total``. Each
    position is in one line (a list) or two (a table with totals both ways).
    """
    hidden = {position for position, value in values.items() if small(value)}
    lines_of = _lines_of(lines)
    # First the cheap rule (no line with exactly one hidden), then the audit.
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if sum(1 for position in [*members, total] if position in hidden) == 1:
                lone = next(p for p in [*members, total] if p in hidden)
                choice = _complement(lone, values, hidden, lines, lines_of)
                if choice is not None:
                    hidden.add(choice)
                    changed = True
    while True:
        given_back = exposed(values, hidden, lines, lines_of)
        if not given_back:
            return hidden
        choice = _complement(sorted(given_back)[0], values, hidden, lines, lines_of)
        if choice is None:  # everything around it is hidden: nothing more to do
            return hidden
        hidden.add(choice)


def _lines_of(lines):
    """{position: the indexes of the lines it is in}."""
    lines_of = {}
    for index, (members, total) in enumerate(lines):
        for position in [*members, total]:
            lines_of.setdefault(position, []).append(index)
    return lines_of


def _complement(position, values, hidden, lines, lines_of):
    """What to hide next for a count that is given back: the smallest shown one beside it.

    A count of its lines that is not zero first, then a zero, then a total;
    if its lines have nothing shown, the smallest shown count anywhere.
    """
    beside = []
    totals = []
    for index in lines_of.get(position, []):
        members, total = lines[index]
        beside += [member for member in members if member not in hidden]
        if total not in hidden:
            totals.append(total)
    candidates = beside or totals or [p for p in values if p not in hidden]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (values[p] == 0, values[p], str(p)))


def exposed(values, hidden, lines, lines_of=None):
    """The hidden positions whose count follows from what is shown: no other filling has it.

    Another filling exists when the count can move by one and the move be
    passed on through other hidden counts, each line keeping its sum, around
    a closed path of lines (in a list: to another hidden count of its line),
    no count going below zero.
    """
    if lines_of is None:
        lines_of = _lines_of(lines)
    if all(values[position] > 0 for position in hidden):
        # Every hidden count can go down as well as up, so only the shape
        # matters: a count is given back exactly when it is a bridge.
        return _bridges(hidden, lines_of)
    sign = {}
    hidden_in = {}
    for index, (members, total) in enumerate(lines):
        for member in members:
            sign[index, member] = 1
        sign[index, total] = -1
        hidden_in[index] = [p for p in [*members, total] if p in hidden]
    return {
        position
        for position in hidden
        if position in lines_of  # in no line: no sum gives it back
        and not any(
            _moves(position, change, values, lines_of, hidden_in, sign)
            for change in (1, -1)
            if values[position] + change >= 0
        )
    }


def _moves(start, change, values, lines_of, hidden_in, sign):
    """Whether ``start`` can change by ``change`` with every sum kept (a bounded search)."""
    first, *rest = lines_of[start]
    end = rest[0] if rest else None
    steps = SEARCH_STEPS
    stack = [(start, change, first, frozenset({start}), frozenset({first}))]
    while stack:
        position, moved, line, used, seen = stack.pop()
        for other in hidden_in[line]:
            steps -= 1
            if steps < 0:
                return False
            if other in used:
                continue
            # The line keeps its sum: the other count moves to make up for this one.
            other_moved = -sign[line, position] * sign[line, other] * moved
            if values[other] + other_moved < 0:
                continue
            onward = [index for index in lines_of[other] if index != line]
            if not onward:
                if end is None:  # a list: two counts of one line are enough
                    return True
                continue
            (next_line,) = onward
            if next_line == end:
                if sign[end, other] * other_moved + sign[end, start] * change == 0:
                    return True
                continue
            if next_line not in seen:
                stack.append((other, other_moved, next_line, used | {other}, seen | {next_line}))
    return False


def _bridges(hidden, lines_of):
    """The hidden positions on no cycle of hidden positions (Tarjan's bridges).

    Lines are the nodes and each hidden position an edge between its two
    lines; a position in one line only (a list) joins it to a node standing
    for "no constraint", so two hidden counts of one list make a cycle.
    """
    free = "free"
    edges = {}
    for position in hidden:
        if position in lines_of:
            ends = [*lines_of[position], free][:2]
            edges[position] = tuple(ends)
    neighbours = {}
    for position, (a, b) in edges.items():
        neighbours.setdefault(a, []).append((b, position))
        neighbours.setdefault(b, []).append((a, position))
    order, low, bridges = {}, {}, set()
    for root in neighbours:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(neighbours[root]))]
        while stack:
            node, via, pending = stack[-1]
            for other, position in pending:
                if position == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, position, iter(neighbours[other])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges
