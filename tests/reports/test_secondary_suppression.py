"""Secondary suppression: no "<5" can be worked out from the figures shown (issue 16, section 3).

Each table's figures are checked by a reader written apart from the code (tests/reports/reader.py,
and for tables with totals on both sides the exact cycle test below): a hidden figure must have
another possible value that fits every row, column and total shown and the range its marker
gives ("<5" is 1 to 4; "[c]" is 5 or more, or at least 1 where a small figure had to be marked
"[c]" itself).
"""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.reports import layout, suppression
from accord.reports.disclosure import Figure, Relation
from accord.reports.layout import Draft, Share
from accord.reports.suppression import SUPPRESSED, WITHHELD
from tests.reports.reader import Hidden, Reading

TOTAL = ("total",)


def reading_of(figures: dict, relations: list[Relation], marks: dict) -> Reading:
    """What a reader of these figures knows, with the markers `withhold` chose."""
    reading = Reading()
    for key, f in figures.items():
        mark = marks.get(key)
        if mark is None:
            reading.known[key] = f.value
        elif mark == SUPPRESSED:
            reading.hidden[key] = Hidden(f.value, 1, 4)
        else:
            reading.hidden[key] = Hidden(f.value, 5 if f.value >= 5 else 1, None)
    for r in relations:
        reading.add_sum([f.key for f in r.parts], [f.key for f in r.whole])
    return reading


def assert_primary_rule_kept(figures: dict, marks: dict) -> None:
    for key, f in figures.items():
        if suppression.is_small(f.value):
            assert key in marks, f"{key} = {f.value} is shown"
        if marks.get(key) == SUPPRESSED:
            assert suppression.is_small(f.value)
        if f.value == 0:
            assert key not in marks, "a true zero identifies nobody: it is shown"


def assert_nothing_can_be_worked_out(figures: dict, relations: list, marks: dict) -> None:
    reading = reading_of(figures, relations, marks)
    assert reading.holds()
    assert reading.lines_with_one_hidden() == []
    assert reading.worked_out() == []


# --- one table with a total ---------------------------------------------------------------------


def one_table(counts: dict[str, int]) -> tuple[dict, list[Relation]]:
    parts = [Figure(("row", label), n) for label, n in counts.items()]
    total = Figure(TOTAL, sum(counts.values()))
    return {f.key: f for f in [*parts, total]}, [Relation(tuple(parts), (total,))]


def shown(counts: dict[str, int]) -> dict[str, str]:
    figures, relations = one_table(counts)
    marks = suppression.withhold(figures.values(), relations)
    assert_primary_rule_kept(figures, marks)
    assert_nothing_can_be_worked_out(figures, relations, marks)
    return {
        ("Total" if key == TOTAL else key[1]): marks.get(key, str(f.value))
        for key, f in figures.items()
    }


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param(
            {"Mediation": 10, "Disagreement resolution": 4},
            {"Mediation": WITHHELD, "Disagreement resolution": "<5", "Total": "14"},
            id="the issue: Mediation 10, Total 14 would give the 4 away",
        ),
        pytest.param(
            {"Mediation": 20, "Disagreement resolution": 3, "Health": 6, "Placement": 9},
            {
                "Mediation": "20",
                "Disagreement resolution": "<5",
                "Health": WITHHELD,
                "Placement": "9",
                "Total": "38",
            },
            id="the complement is the next smallest figure",
        ),
        pytest.param(
            {"Mediation": 10, "Disagreement resolution": 2, "Health": 2},
            {"Mediation": "10", "Disagreement resolution": "<5", "Health": "<5", "Total": "14"},
            id="two small figures already hide each other (4 can be 1+3, 2+2, 3+1)",
        ),
        pytest.param(
            {"Mediation": 12, "Disagreement resolution": 1, "Health": 1},
            {
                "Mediation": WITHHELD,
                "Disagreement resolution": "<5",
                "Health": "<5",
                "Total": "14",
            },
            id="two small figures making 2 can only be 1 and 1",
        ),
        pytest.param(
            {"Mediation": 10, "Disagreement resolution": 4, "Health": 0},
            {"Mediation": WITHHELD, "Disagreement resolution": "<5", "Health": "0", "Total": "14"},
            id="a zero is shown and never withheld as a complement",
        ),
        pytest.param(
            {"Mediation": 5, "Disagreement resolution": 1},
            {"Mediation": WITHHELD, "Disagreement resolution": "<5", "Total": WITHHELD},
            id="5 or more and 1 to 4 making 6 can only be 5 and 1: the total goes too",
        ),
        pytest.param(
            {"A": 1, "B": 1, "C": 1, "D": 1},
            {"A": "<5", "B": "<5", "C": "<5", "D": "<5", "Total": WITHHELD},
            id="four small figures of a small total can only be 1 each",
        ),
        pytest.param(
            {"A": 2, "B": 1},
            {"A": "<5", "B": "<5", "Total": "<5"},
            id="a small total of small figures gives nothing away",
        ),
        pytest.param({"A": 10, "B": 6}, {"A": "10", "B": "6", "Total": "16"}, id="no small figure"),
    ],
)
def test_one_table_with_a_total(counts, expected):
    assert shown(counts) == expected


def test_a_share_of_a_withheld_figure_is_not_shown():
    """Mediation's share of the total would give the withheld 10 back."""
    mediation, dr = Figure(("route", "m"), 10), Figure(("route", "dr"), 4)
    total = Figure(TOTAL, 14)
    draft = Draft("route", "Enquiries received, by route", ["", "Cases", "Share"])
    draft.rows = [
        ["Mediation", mediation, Share((mediation,), (total,))],
        ["Disagreement resolution", dr, Share((dr,), (total,))],
        ["Total", total, ""],
    ]
    draft.relations = [Relation((mediation, dr), (total,))]
    (table,) = layout.suppressed([draft])
    assert table.rows == [
        ["Mediation", WITHHELD, suppression.NOT_SHOWN],
        ["Disagreement resolution", "<5", suppression.NOT_SHOWN],
        ["Total", "14", ""],
    ]
    assert [row[1:] for row in layout.shown_as_is(draft).rows] == [
        ["10", "71.4%"],
        ["4", "28.6%"],
        ["14", ""],
    ]


# --- tables with row and column totals ----------------------------------------------------------


def two_way(cells: list[list[int]]) -> tuple[dict, list[Relation], dict]:
    """Cells with a total for each row and column and a grand total; `at` names every figure by
    its place in the table with its totals ((row, column); the totals are row or column -1)."""
    rows, columns = len(cells), len(cells[0])
    at: dict[tuple[int, int], Figure] = {}
    for i in range(rows):
        for j in range(columns):
            at[i, j] = Figure(("cell", str(i), str(j)), cells[i][j])
        at[i, -1] = Figure(("row total", str(i)), sum(cells[i]))
    for j in range(columns):
        at[-1, j] = Figure(("column total", str(j)), sum(row[j] for row in cells))
    at[-1, -1] = Figure(("grand total",), sum(map(sum, cells)))
    relations = [
        *(Relation(tuple(at[i, j] for j in range(columns)), (at[i, -1],)) for i in range(-1, rows)),
        *(Relation(tuple(at[i, j] for i in range(rows)), (at[-1, j],)) for j in range(-1, columns)),
    ]
    return {f.key: f for f in at.values()}, relations, at


def lines(at: dict) -> list[list[tuple[int, int]]]:
    """Every row and column of the table with its totals, each with its own total."""
    rows = sorted({i for i, _ in at})
    columns = sorted({j for _, j in at})
    return [[(i, j) for j in columns] for i in rows] + [[(i, j) for i in rows] for j in columns]


def cannot_move(cells: list[list[int]], at: dict, marks: dict) -> list:
    """The hidden figures that have no other possible value. Exact for such a table: with the
    totals' signs turned, every row and column adds up to 0, so a hidden figure can change only
    along a cycle of hidden figures, up and down in turn, each within its range: a path in the
    graph of rows and columns whose arcs are the figures that can go up (row to column) and
    down (column to row)."""
    hidden = [place for place, f in at.items() if f.key in marks]
    stuck = []
    for place in hidden:
        row, column = ("row", place[0]), ("column", place[1])
        arcs = _arcs([p for p in hidden if p != place], at, marks)
        up = _can_move(place, at, marks, up=True) and _reaches(arcs, column, row)
        down = _can_move(place, at, marks, up=False) and _reaches(arcs, row, column)
        if not (up or down):
            stuck.append(at[place].key)
    return stuck


def _can_move(place: tuple[int, int], at: dict, marks: dict, up: bool) -> bool:
    """Whether the figure can go up (or down) by 1 with its signs turned, within its range."""
    f = at[place]
    low, high = (1, 4) if marks[f.key] == SUPPRESSED else (5 if f.value >= 5 else 1, None)
    turned = (place[0] == -1) != (place[1] == -1)  # a row or column total
    if up != turned:
        return high is None or f.value < high
    return f.value > low


def _arcs(places: list, at: dict, marks: dict) -> dict:
    arcs: dict = {}
    for place in places:
        row, column = ("row", place[0]), ("column", place[1])
        if _can_move(place, at, marks, up=True):
            arcs.setdefault(row, []).append(column)
        if _can_move(place, at, marks, up=False):
            arcs.setdefault(column, []).append(row)
    return arcs


def _reaches(arcs: dict, start, end) -> bool:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == end:
            return True
        for following in arcs.get(node, []):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return False


counts = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(0, 60))
tables_with_totals = st.integers(1, 4).flatmap(
    lambda columns: st.lists(
        st.lists(counts, min_size=columns, max_size=columns), min_size=1, max_size=5
    )
)


@settings(max_examples=300, deadline=None)
@given(tables_with_totals)
def test_no_suppressed_figure_can_be_worked_out_from_rows_columns_and_totals(cells):
    figures, relations, at = two_way(cells)
    marks = suppression.withhold(figures.values(), relations)
    assert_primary_rule_kept(figures, marks)
    for line in lines(at):
        hidden = [place for place in line if at[place].key in marks]
        # One hidden figure in a line with its total shown is a subtraction away; a hidden
        # total with all its figures shown is their sum.
        assert len(hidden) != 1, (line, marks)
    assert cannot_move(cells, at, marks) == []


@pytest.mark.parametrize(
    ("cells", "withheld"),
    [
        pytest.param(
            [[20, 3], [15, 12], [9, 9]],
            {(0, 0), (0, 1), (2, 0), (2, 1)},
            id="the 3 is hidden by a rectangle: 20 in its row, then 9 and 9 below",
        ),
        pytest.param(
            [[5, 6], [3, 4]],
            {(0, 0), (0, 1), (1, 0), (1, 1), (-1, 0), (-1, 1)},
            id="3 and 4 below 5 and 6: only one way to fill, unless the column totals go",
        ),
    ],
)
def test_rows_and_columns_together(cells, withheld):
    figures, relations, at = two_way(cells)
    marks = suppression.withhold(figures.values(), relations)
    assert {place for place, f in at.items() if f.key in marks} == withheld
    assert cannot_move(cells, at, marks) == []
    assert_nothing_can_be_worked_out(figures, relations, marks)


def test_the_cycle_test_finds_what_the_ranges_give_away():
    """The checker itself: 5 and 6 over 3 and 4, all four hidden, totals shown. The first
    column makes 8 with a figure of 5 or more over one of 1 to 4, the second 10; every way but
    the true one breaks a range."""
    cells = [[5, 6], [3, 4]]
    _figures, _relations, at = two_way(cells)
    marks = {at[0, 0].key: WITHHELD, at[0, 1].key: WITHHELD}
    marks |= {at[1, 0].key: SUPPRESSED, at[1, 1].key: SUPPRESSED}
    assert sorted(cannot_move(cells, at, marks)) == sorted(marks)
    assert sorted(reading_of(_figures, _relations, marks).worked_out()) == sorted(marks)


# --- tables sharing a total ---------------------------------------------------------------------


@st.composite
def linked_tables(draw):
    """One total broken down two or three ways (route, decision, month), as in the commissioner
    report: each breakdown adds up to the same total."""
    total = draw(st.integers(0, 30))
    breakdowns = []
    for _ in range(draw(st.integers(2, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=1, max_size=4)))
        breakdowns.append([b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)])
    return breakdowns


@settings(max_examples=150, deadline=None)
@given(linked_tables())
def test_no_suppressed_figure_can_be_worked_out_across_tables_sharing_a_total(breakdowns):
    total = Figure(TOTAL, sum(breakdowns[0]))
    figures, relations = {TOTAL: total}, []
    for t, parts in enumerate(breakdowns):
        row = [Figure((f"table {t}", str(i)), n) for i, n in enumerate(parts) if n]
        figures |= {f.key: f for f in row}
        relations.append(Relation(tuple(row), (total,)))
    marks = suppression.withhold(figures.values(), relations)
    assert_primary_rule_kept(figures, marks)
    assert_nothing_can_be_worked_out(figures, relations, marks)


def test_sums_that_do_not_hold_are_not_used():
    """Figures read a moment apart may not add up; such a sum gives nothing away exactly."""
    a, b, total = Figure(("a",), 10), Figure(("b",), 3), Figure(TOTAL, 14)
    assert suppression.withhold([a, b, total], [Relation((a, b), (total,))]) == {("b",): "<5"}
