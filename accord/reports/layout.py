"""A report's tables before and after it is decided what to show.

A `Draft` holds figures, not text: a count is a `Figure` (named by a key, so the same figure shown
in several tables is one figure), a percentage a `Share` of figures, a median a `Days` with the
cases behind it. It also holds the sums a reader knows tie its figures (`Relation`: its rows add up
to its total). `shown_as_is` writes a draft out for the service's own staff; `suppressed` writes
out a whole commissioner report at once, with the figures accord.reports.suppression.withhold
decides to withhold, so the page, the CSV, the XLSX and the printable page show the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from accord.reports import suppression
from accord.reports.disclosure import Figure, FigureKey, Relation


@dataclass(frozen=True)
class Share:
    """A percentage: the sum of `part` out of the sum of `whole`."""

    part: tuple[Figure, ...]
    whole: tuple[Figure, ...]


@dataclass(frozen=True)
class Days:
    """A median or percentile in days, over `cases`."""

    value: int | None
    cases: Figure


@dataclass(frozen=True)
class Score:
    """An average feedback score over `responses`."""

    value: float | None
    responses: Figure


Cell = str | Figure | Share | Days | Score
_Writer = Callable[[Cell], str]


@dataclass
class Draft:
    key: str
    title: str
    headings: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    relations: list[Relation] = field(default_factory=list)

    def figures(self) -> Iterator[Figure]:
        """Every figure the table shows, directly or through a percentage, median or score."""
        for row in self.rows:
            for cell in row:
                yield from _figures_in(cell)


def _figures_in(cell: Cell) -> tuple[Figure, ...]:
    if isinstance(cell, Figure):
        return (cell,)
    if isinstance(cell, Share):
        return cell.part + cell.whole
    if isinstance(cell, Days):
        return (cell.cases,)
    if isinstance(cell, Score):
        return (cell.responses,)
    return ()


@dataclass
class Table:
    """A table as the page and the exports show it: every cell text."""

    key: str
    title: str
    headings: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def shown_as_is(draft: Draft) -> Table:
    """For the service's own staff: every figure as it is."""
    return _written(draft, _as_is)


def suppressed(drafts: Sequence[Draft], linking: Sequence[Relation] = ()) -> list[Table]:
    """For commissioners: the tables of one report, with small numbers suppressed and the
    figures withheld that would give them away. `linking` are the sums that tie one table's
    figures to another's."""
    marks = withheld(drafts, linking)
    return [_written(draft, lambda cell: _suppressed(cell, marks)) for draft in drafts]


def withheld(drafts: Sequence[Draft], linking: Sequence[Relation] = ()) -> dict[FigureKey, str]:
    """The figures of a report to withhold, with their markers (one decision for the report)."""
    relations = [r for draft in drafts for r in draft.relations] + list(linking)
    return suppression.withhold([f for draft in drafts for f in draft.figures()], relations)


def _written(draft: Draft, write: _Writer) -> Table:
    rows = [[write(cell) for cell in row] for row in draft.rows]
    return Table(draft.key, draft.title, draft.headings, rows, draft.note)


def _as_is(cell: Cell) -> str:
    if isinstance(cell, Figure):
        return str(cell.value)
    if isinstance(cell, Share):
        return suppression.plain_percentage(_sum(cell.part), _sum(cell.whole))
    if isinstance(cell, Days):
        return suppression.plain_days(cell.value)
    if isinstance(cell, Score):
        return _score(cell.value)
    return cell


def _suppressed(cell: Cell, marks: dict[FigureKey, str]) -> str:
    if isinstance(cell, Figure):
        return marks.get(cell.key, str(cell.value))
    if any(f.key in marks for f in _figures_in(cell)) and not isinstance(cell, str):
        # A rate, median or score over a withheld figure would give it away.
        return suppression.NOT_SHOWN
    if isinstance(cell, Share):
        return suppression.percentage(_sum(cell.part), _sum(cell.whole))
    if isinstance(cell, Days):
        return suppression.days(cell.value, cell.cases.value)
    if isinstance(cell, Score):
        return _score(cell.value)
    return cell


def _sum(figures: tuple[Figure, ...]) -> int:
    return sum(f.value for f in figures)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
