"""Small numbers protected (cms.activity.protection, cms.activity.tables): hidden, and kept hidden.

A count from 1 to 4 is shown as "under 5"; wherever a line of counts is shown
with its total, a second count is hidden so that no subtraction gives the
first back. The tests read the tables as a reader does: the shown cells of
``Table.view(protected=True)``, and the sums a table of counts has (each row
adds up to its row total, each column to its column total, the totals to
the grand total).

The attacker (:func:`recovered`) knows everything a reader of the report
knows: every shown count, which counts are hidden, how the lines add up, and
that counts are whole and never negative. A hidden count is safe when at
least two fillings of the hidden cells agree with all of that. Shifting the
hidden counts by one around a closed path of lines keeps every sum; the
table's sums are those of a graph (each count is in exactly two lines), so
another filling exists exactly when such a shift through the cell keeps every
count at zero or more. :func:`test_attacker_agrees_with_trying_every_filling`
checks that against trying every filling of small tables.
"""

import itertools
import random
from collections import defaultdict

import pytest
from django.utils import translation

from cms.activity.protection import THRESHOLD, Cell, protect
from cms.activity.tables import Table

KINDS = [("conversation", "Samtale"), ("help", "Praktisk hjelp"), ("activity", "Aktivitet")]


@pytest.fixture(autouse=True)
def _norwegian():
    """The report's language (the test settings' LANGUAGE_CODE)."""
    with translation.override("nb"):
        yield


def months_by_kinds(grid, kinds=KINDS):
    """A months × kinds table with row and column totals, as the report's first table."""
    months = [(f"m{number}", f"Måned {number}") for number in range(1, len(grid) + 1)]
    counts = {
        (month, kind): grid[i][j]
        for i, (month, _label) in enumerate(months)
        for j, (kind, _label) in enumerate(kinds)
    }
    row_totals = {month: sum(grid[i]) for i, (month, _label) in enumerate(months)}
    column_totals = {kind: sum(row[j] for row in grid) for j, (kind, _label) in enumerate(kinds)}
    return Table(
        key="entries",
        caption="Aktiviteter per måned",
        rows=months,
        columns=list(kinds),
        counts=counts,
        column_totals=column_totals,
        row_totals=row_totals,
        total=sum(row_totals.values()),
    )


def listing(values):
    """A list of counts with its total (one column): ``values`` and their sum."""
    rows = [(f"v{number}", f"Verdi {number}") for number in range(len(values))]
    return Table(
        key="list",
        caption="Liste",
        rows=rows,
        columns=[("n", "Antall")],
        counts={(row, "n"): value for (row, _label), value in zip(rows, values, strict=True)},
        column_totals={"n": sum(values)},
    )


def grid_of(view):
    """The view as a grid of cells: body rows then the totals row, row totals last."""
    grid = []
    for row in [*view.body, view.footer]:
        grid.append([*row.cells, row.total] if view.has_row_totals else list(row.cells))
    return grid


def lines_of(view):
    """The sums a reader knows, over grid positions: [(members, total)]."""
    grid = grid_of(view)
    last_row = len(grid) - 1
    columns = len(grid[0])
    if not view.has_row_totals:
        return [([(i, j) for i in range(last_row)], (last_row, j)) for j in range(columns)]
    last_column = columns - 1
    rows = [([(i, j) for j in range(last_column)], (i, last_column)) for i in range(last_row + 1)]
    cols = [([(i, j) for i in range(last_row)], (last_row, j)) for j in range(last_column + 1)]
    return rows + cols


def reader_knows(view):
    """(values, hidden, lines) over grid positions; values of hidden cells are the truth."""
    grid = grid_of(view)
    values = {(i, j): cell.value for i, row in enumerate(grid) for j, cell in enumerate(row)}
    hidden = {(i, j) for i, row in enumerate(grid) for j, cell in enumerate(row) if cell.hidden}
    return values, hidden, lines_of(view)


def recovered(values, hidden, lines):
    """The hidden positions whose count follows from what is shown: the attacker's gain."""
    coefficient = {}
    lines_through = defaultdict(list)
    for index, (members, total) in enumerate(lines):
        for position in members:
            coefficient[index, position] = 1
            lines_through[position].append(index)
        coefficient[index, total] = -1
        lines_through[total].append(index)
    degrees = {len(lines_through[position]) for position in hidden}
    assert degrees <= {1} or degrees <= {2}, "a list (one line each) or a table (two each)"
    hidden_in = {
        index: [position for position in [*members, total] if position in hidden]
        for index, (members, total) in enumerate(lines)
    }

    def shifts(start, start_change):
        first, *rest = lines_through[start]
        end = rest[0] if rest else None

        def walk(position, change, line, used, seen):
            for other in hidden_in[line]:
                if other in used:
                    continue
                # Keep ``line``'s sum: the other count moves against this one.
                other_change = -coefficient[line, position] * coefficient[line, other] * change
                if values[other] + other_change < 0:
                    continue
                onward = [index for index in lines_through[other] if index != line]
                if not onward:
                    if end is None:  # a list: two counts of one line, nothing else to keep
                        return True
                    continue
                (next_line,) = onward
                if next_line == end:
                    closing = (
                        coefficient[end, other] * other_change
                        + coefficient[end, start] * start_change
                    )
                    if closing == 0:
                        return True
                    continue
                if next_line not in seen and walk(
                    other, other_change, next_line, used | {other}, seen | {next_line}
                ):
                    return True
            return False

        return walk(start, start_change, first, {start}, {first})

    return {
        position
        for position in hidden
        if not any(shifts(position, change) for change in (1, -1) if values[position] + change >= 0)
    }


def fillings(values, hidden, lines, ceiling):
    """Every filling of the hidden cells from 0 to ``ceiling`` that keeps every sum."""
    order = sorted(hidden)
    for guess in itertools.product(range(ceiling + 1), repeat=len(order)):
        filled = {**values, **dict(zip(order, guess, strict=True))}
        if all(sum(filled[m] for m in members) == filled[total] for members, total in lines):
            yield dict(zip(order, guess, strict=True))


def lines_with_one_hidden(view):
    _values, hidden, lines = reader_knows(view)
    return [
        (members, total)
        for members, total in lines
        if sum(position in hidden for position in [*members, total]) == 1
    ]


# --- What a reader sees --------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4])
def test_a_count_under_five_is_hidden_as_under_5(value):
    view = listing([value, 20, 30]).view(protected=True)
    cell = view.body[0].cells[0]
    assert cell.hidden
    assert cell.shown == str(cell) == f"under {THRESHOLD}"
    assert str(value) not in cell.shown.replace(str(THRESHOLD), "")
    assert cell.export == "under 5"


@pytest.mark.parametrize("value", [0, 5, 6, 40])
def test_zero_and_five_or_more_are_shown(value):
    view = listing([value, 20, 30]).view(protected=True)
    cell = view.body[0].cells[0]
    assert not cell.hidden
    assert cell.shown == str(value)
    assert cell.export == value


def test_large_counts_are_shown_with_norwegian_grouping():
    assert Cell(1234).shown == "1\xa0234"
    assert Cell(1234).export == 1234


def test_protect_hides_counts_from_one_to_four_and_nothing_else():
    values = dict(zip("abcdefg", [0, 1, 2, 3, 4, 5, 9], strict=True))
    assert protect(values, []) == {"b", "c", "d", "e"}


def test_the_exact_view_hides_nothing():
    table = months_by_kinds([[1, 2, 0], [3, 7, 1], [0, 0, 4]])
    view = table.view(protected=False)
    cells = [cell for row in grid_of(view) for cell in row]
    assert not any(cell.hidden for cell in cells)
    assert [cell.shown for cell in cells] == [
        "1", "2", "0", "3",
        "3", "7", "1", "11",
        "0", "0", "4", "4",
        "4", "9", "5", "18",
    ]  # fmt: skip


# --- One line and its total ----------------------------------------------------------


def test_one_small_count_in_a_list_with_its_total_hides_a_second():
    view = listing([3, 7, 9]).view(protected=True)
    shown = [row.cells[0].shown for row in view.body]
    assert shown == ["under 5", "skjult", "9"]  # 7, the smallest other count, goes too
    assert view.footer.cells[0].shown == "19"
    assert not lines_with_one_hidden(view)


def test_subtraction_gives_back_a_lone_hidden_count_but_not_a_pair():
    """The attack the second hidden count stops: total minus what is shown."""
    values = [3, 7, 9]
    total = sum(values)
    # Only the small count hidden: the reader subtracts and has it.
    assert total - 7 - 9 == 3
    table = listing(values)
    view = table.view(protected=True)
    known, hidden, lines = reader_knows(view)
    primary_only = {position for position in hidden if 0 < known[position] < THRESHOLD}
    assert recovered(known, primary_only, lines) == primary_only
    # With 7 hidden as well she knows only that the two make 10: 3 + 7, 4 + 6, 0 + 10 ...
    assert recovered(known, hidden, lines) == set()
    pairs = {(f[(0, 0)], f[(1, 0)]) for f in fillings(known, hidden, lines, ceiling=10)}
    assert {(3, 7), (4, 6), (0, 10)} <= pairs


def test_a_zero_is_not_chosen_to_protect_while_a_count_is_left():
    """Hiding a zero protects little: a reader guesses zeros first."""
    view = listing([2, 0, 6, 12]).view(protected=True)
    assert [row.cells[0].hidden for row in view.body] == [True, False, True, False]


def test_a_list_without_small_counts_hides_nothing():
    view = listing([0, 5, 12]).view(protected=True)
    assert not any(cell.hidden for row in grid_of(view) for cell in row)


def test_a_small_total_is_hidden_with_its_counts():
    view = listing([1, 2, 0]).view(protected=True)
    assert view.footer.cells[0].hidden
    assert [row.cells[0].hidden for row in view.body] == [True, True, False]


# --- Months by kinds, with row and column totals -----------------------------------


def test_months_by_kinds_has_no_line_with_one_hidden_count():
    table = months_by_kinds([[12, 3, 6], [8, 9, 5], [15, 0, 7], [6, 11, 9]])
    view = table.view(protected=True)
    assert view.body[0].cells[1].hidden  # the 3
    assert not lines_with_one_hidden(view)
    values, hidden, lines = reader_knows(view)
    assert len(hidden) >= 4  # a rectangle at least: row and column both need a second
    assert recovered(values, hidden, lines) == set()


def test_a_small_month_total_is_protected_in_the_totals_column():
    """A month with 3 activities: its total is hidden, and so is a second month's."""
    table = months_by_kinds([[2, 1, 0], [10, 6, 5], [9, 8, 7]])
    view = table.view(protected=True)
    assert view.body[0].total.hidden
    assert sum(row.total.hidden for row in view.body) >= 2
    assert not view.footer.total.hidden
    assert not lines_with_one_hidden(view)
    values, hidden, lines = reader_knows(view)
    assert recovered(values, hidden, lines) == set()


def test_a_table_of_three_entries_hides_its_grand_total():
    view = months_by_kinds([[1, 0, 0], [0, 2, 0]]).view(protected=True)
    assert view.footer.total.hidden
    assert view.footer.total.shown == "under 5"
    assert not lines_with_one_hidden(view)


HAND_MADE = [
    [[12, 3, 6], [8, 9, 5], [15, 0, 7], [6, 11, 9]],
    [[2, 1, 0], [10, 6, 5], [9, 8, 7]],
    [[1, 0, 0], [0, 2, 0]],
    [[0, 0, 4], [0, 0, 0], [20, 6, 0]],
    [[5, 5, 1], [5, 5, 5]],
    [[3], [9], [12]],
    [[4, 4, 4], [4, 4, 4], [4, 4, 4]],
    [[0, 0, 0], [0, 0, 0]],
    [[7, 0, 2], [0, 8, 0], [3, 0, 9]],
]


@pytest.mark.parametrize("grid", HAND_MADE)
def test_attacker_recovers_nothing_from_hand_made_tables(grid):
    view = months_by_kinds(grid, KINDS[: len(grid[0])]).view(protected=True)
    values, hidden, lines = reader_knows(view)
    assert not lines_with_one_hidden(view)
    assert {position for position in values if 0 < values[position] < THRESHOLD} <= hidden
    assert recovered(values, hidden, lines) == set()


def random_grids(count, seed, months=(1, 4), kinds=(1, 3)):
    generator = random.Random(seed)  # noqa: S311 - seeded tables, not security
    counts = [0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]
    for _ in range(count):
        rows = generator.randint(*months)
        columns = generator.randint(*kinds)
        yield [[generator.choice(counts) for _ in range(columns)] for _ in range(rows)]


def test_random_tables_have_no_line_with_one_hidden_count():
    for grid in random_grids(200, seed=20):
        view = months_by_kinds(grid, KINDS[: len(grid[0])]).view(protected=True)
        assert not lines_with_one_hidden(view), grid
        values, hidden, _lines = reader_knows(view)
        assert {p for p in values if 0 < values[p] < THRESHOLD} <= hidden, grid


def test_attacker_recovers_nothing_from_random_tables_of_two_months_or_two_kinds():
    """With at most two months or two kinds no line rule can leave a lone link between blocks."""
    tables = 0
    for grid in [
        *random_grids(100, seed=21, months=(1, 2), kinds=(1, 3)),
        *random_grids(100, seed=22, months=(1, 6), kinds=(1, 2)),
    ]:
        view = months_by_kinds(grid, KINDS[: len(grid[0])]).view(protected=True)
        values, hidden, lines = reader_knows(view)
        assert recovered(values, hidden, lines) == set(), grid
        tables += bool(hidden)
    assert tables > 100  # most of them hide something to protect


def test_attacker_agrees_with_trying_every_filling():
    """The attacker is exact: checked against brute force on small tables and hiding patterns."""
    generator = random.Random(7)  # noqa: S311 - seeded tables, not security
    answers = defaultdict(int)
    for _ in range(50):
        grid = [[generator.randint(0, 3) for _ in range(2)] for _ in range(2)]
        view = months_by_kinds(grid, KINDS[:2]).view(protected=False)
        values, _hidden, lines = reader_knows(view)
        hidden = set(generator.sample(sorted(values), generator.randint(1, 5)))
        # A shift by one is enough (see the module's docstring): search up to max + 1.
        seen = defaultdict(set)
        for filling in fillings(values, hidden, lines, ceiling=max(values.values()) + 1):
            for position, value in filling.items():
                seen[position].add(value)
        brute = {position for position in hidden if len(seen[position]) == 1}
        assert recovered(values, hidden, lines) == brute, (grid, hidden)
        answers["recovered"] += len(brute)
        answers["safe"] += len(hidden - brute)
    assert answers["recovered"] > 10 and answers["safe"] > 10  # both answers occur


#: Months with one kind each: help in months 2 and 3, conversations in month 4.
ONE_KIND_MONTHS = [[0, 6, 0], [0, 2, 0], [0, 4, 0], [4, 0, 0], [1, 6, 3], [0, 6, 0]]

#: Two blocks of hidden counts, each safe alone, joined by one (month 2's 2 activities).
TWO_BLOCKS = [[2, 3, 5], [1, 4, 2], [0, 0, 2], [0, 0, 3], [5, 5, 5]]


def test_subtraction_gives_back_a_count_that_only_links_hidden_blocks():
    """The attack by hand, on the hiding pattern that every line alone accepts.

    Month 4 had 4 conversations and nothing else, so its total (4) is hidden
    with them; the totals column has three hidden month totals, the
    conversations column three hidden counts: each line holds at least two.
    """
    view = months_by_kinds(ONE_KIND_MONTHS).view(protected=False)
    values, _none, lines = reader_knows(view)
    pattern = {(1, 1), (1, 3), (2, 1), (2, 3), (3, 0), (3, 3), (4, 0), (4, 2), (6, 0), (6, 2)}
    assert all(sum(p in pattern for p in [*members, total]) != 1 for members, total in lines)
    # The hidden month totals add up to 32 - 6 - 10 - 6 = 10; months 2 and 3 had
    # only help, so theirs equal their help, which adds up to 24 - 6 - 6 - 6 = 6.
    assert (32 - 6 - 10 - 6) - (24 - 6 - 6 - 6) == values[3, 3] == 4
    assert recovered(values, pattern, lines) == {(3, 0), (3, 3)}

    view = months_by_kinds(TWO_BLOCKS).view(protected=False)
    values, _none, lines = reader_knows(view)
    small = {position for position, value in values.items() if 0 < value < THRESHOLD}
    # Months 1 and 2 hide (10 - 5) + 7 = 12; kinds 1 and 2 hide (8 - 5) + (12 - 5) = 10.
    assert (10 - 5) + 7 - ((8 - 5) + (12 - 5)) == values[1, 2] == 2
    assert recovered(values, small, lines) == {(1, 2)}


@pytest.mark.parametrize("grid", [ONE_KIND_MONTHS, TWO_BLOCKS])
def test_attacker_recovers_nothing_where_hidden_blocks_are_linked(grid):
    view = months_by_kinds(grid).view(protected=True)
    values, hidden, lines = reader_knows(view)
    assert recovered(values, hidden, lines) == set()


def test_attacker_recovers_nothing_from_random_sparse_tables():
    generator = random.Random(24)  # noqa: S311 - seeded tables, not security
    for _ in range(300):
        counts = generator.choice([[0, 0, 0, 1, 2, 3, 5, 8], [0, 0, 0, 0, 1, 2, 3, 4, 6, 10]])
        grid = [
            [generator.choice(counts) for _ in range(3)] for _ in range(generator.randint(3, 12))
        ]
        view = months_by_kinds(grid).view(protected=True)
        values, hidden, lines = reader_knows(view)
        assert recovered(values, hidden, lines) == set(), grid


def test_a_count_hidden_to_protect_another_is_not_called_under_5():
    view = listing([3, 7, 9]).view(protected=True)
    second = view.body[1].cells[0]
    assert second.hidden and second.value == 7
    assert second.shown != "under 5"
