"""What a reader can work out from the figures a report shows.

A report's figures are tied together by sums the reader knows: the rows of a table add up to its
total, and a column of one table adds up to a figure of another (the enquiries of each month to
the year's enquiries). A figure that is not shown can still be worked out from those sums: by
subtracting the shown figures of a row from its shown total, by combining rows and columns, or
because the range its marker gives ("<5" is 1 to 4) leaves one possibility ("<5, <5, total 2"
can only be 1 and 1).

The reader here is given every sum and every range. A hidden figure counts as safe only when
`alternative` finds a second set of whole numbers that fits everything shown and gives that
figure a different value: a worked example the reader cannot rule out. When the search finds
none (or gives up), the figure counts as worked out, so a weak search withholds too much, never
too little. It knows nothing of what a figure means: figures are named by keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FigureKey = tuple[str, ...]

# "No upper limit" for the search: far above any count of cases.
_UNLIMITED = 10**9
# How hard the search tries before treating a figure as worked out.
_SEARCH_STEPS = 2000


@dataclass(frozen=True)
class Figure:
    key: FigureKey
    value: int


@dataclass(frozen=True)
class Relation:
    """Figures a reader knows add up: the `parts` sum to the `whole` (one figure, such as a
    table's total, or several, such as the full and partial agreements of another table)."""

    parts: tuple[Figure, ...]
    whole: tuple[Figure, ...]

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.parts + self.whole

    def holds(self) -> bool:
        return sum(f.value for f in self.parts) == sum(f.value for f in self.whole)


@dataclass(frozen=True)
class Range:
    """What a reader knows of a figure they cannot see: at least `low`, at most `high` (None: no
    upper limit)."""

    low: int
    high: int | None = None


# A relation over the hidden figures: the sum of coefficient × figure (by position) is `total`.
_Terms = tuple[tuple[int, int], ...]


@dataclass
class _System:
    keys: list[FigureKey]
    truth: list[int]
    low: list[int]
    high: list[int]
    sums: list[tuple[_Terms, int]]


def alternative(
    key: FigureKey, relations: Sequence[Relation], unknown: Mapping[FigureKey, Range]
) -> dict[FigureKey, int] | None:
    """Values for the hidden figures (`unknown`, each with the range the reader knows) that fit
    every relation and the figures shown, with `key` different from its true value; None when
    none is found.

    The search starts from the true values, moves `key` by 1 or 2 either way, and mends each sum
    that breaks by moving one other hidden figure of it, then the sums that move breaks, and so
    on (in a table, a cycle of cells, up and down in turn). Each figure moves at most once."""
    system = _system_around(key, relations, unknown)
    target = system.keys.index(key)
    for change in (1, -1, 2, -2):
        values = list(system.truth)
        if not _within(system, target, values[target] + change):
            continue
        search = _Mending(system, values)
        search.move(target, change)
        if search.mend() and _fits(system, search.values):
            return dict(zip(system.keys, search.values, strict=True))
    return None


def _system_around(
    key: FigureKey, relations: Sequence[Relation], unknown: Mapping[FigureKey, Range]
) -> _System:
    """The relations that reach `key` through hidden figures, over those hidden figures (the
    shown figures are constants)."""
    holding: dict[FigureKey, list[int]] = {}
    for n, relation in enumerate(relations):
        for f in relation.figures:
            holding.setdefault(f.key, []).append(n)
    reached, sums_in, frontier = {key}, set(), [key]
    while frontier:
        for n in holding.get(frontier.pop(), []):
            if n not in sums_in:
                sums_in.add(n)
                fresh = {f.key for f in relations[n].figures if f.key in unknown} - reached
                reached |= fresh
                frontier.extend(fresh)
    keys = sorted(reached)
    position = {k: n for n, k in enumerate(keys)}
    truth = dict.fromkeys(keys, 0)
    sums = []
    for n in sorted(sums_in):
        relation, terms, total = relations[n], dict.fromkeys(keys, 0), 0
        for sign, figures in ((1, relation.parts), (-1, relation.whole)):
            for f in figures:
                if f.key in unknown:
                    terms[f.key] += sign
                    truth[f.key] = f.value
                else:
                    total -= sign * f.value
        sums.append((tuple((position[k], c) for k, c in terms.items() if c), total))
    return _System(
        keys=keys,
        truth=[truth[k] for k in keys],
        low=[unknown[k].low for k in keys],
        high=[_high(unknown[k]) for k in keys],
        sums=sums,
    )


def _high(known: Range) -> int:
    return _UNLIMITED if known.high is None else known.high


def _within(system: _System, n: int, value: int) -> bool:
    return system.low[n] <= value <= system.high[n]


class _Mending:
    """Depth first: mend the first broken sum by moving one of its figures not moved yet
    (figures in fewer sums first), undo and try the next when that leads nowhere."""

    def __init__(self, system: _System, values: list[int]) -> None:
        self.system, self.values = system, values
        self.moved: set[int] = set()
        self.steps = _SEARCH_STEPS
        # For each figure, the sums it is in and its coefficient there.
        self.sums_of: list[list[tuple[int, int]]] = [[] for _ in values]
        for s, (terms, _total) in enumerate(system.sums):
            for n, c in terms:
                self.sums_of[n].append((s, c))
        self.off = [sum(c * values[n] for n, c in terms) - total for terms, total in system.sums]

    def move(self, n: int, change: int) -> None:
        self.values[n] += change
        for s, c in self.sums_of[n]:
            self.off[s] += change * c
        self.moved.symmetric_difference_update({n})

    def mend(self) -> bool:
        broken = next((s for s, off in enumerate(self.off) if off), None)
        if broken is None:
            return True
        terms = self.system.sums[broken][0]
        for n, c in sorted(terms, key=lambda term: (len(self.sums_of[term[0]]), term[0])):
            self.steps -= 1
            if self.steps < 0:
                return False
            change, remainder = divmod(-self.off[broken], c)
            if n in self.moved or remainder or not change:
                continue
            if not _within(self.system, n, self.values[n] + change):
                continue
            self.move(n, change)
            if self.mend():
                return True
            self.move(n, -change)
        return False


def _fits(system: _System, values: list[int]) -> bool:
    """The solution checked against every sum and range, whatever the search did."""
    in_range = all(lo <= v <= hi for v, lo, hi in zip(values, system.low, system.high, strict=True))
    return in_range and all(
        sum(c * values[n] for n, c in terms) == total for terms, total in system.sums
    )
