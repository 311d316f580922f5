"""Small numbers are suppressed in anything a commissioner sees, so no person can be picked out.

Primary suppression: a count from 1 to 4 is shown as "<5" (0 is shown: it identifies nobody). A
percentage is shown only when neither the part nor the rest is a suppressed small number, since a
rate over a known total would give the small number away; likewise a median or 90th percentile
needs 5 or more cases behind it.

Secondary suppression: a "<5" must not come back by subtraction ("Mediation 10, Total 14" with
one other row "<5" gives it away as 4). `withhold` decides, for a whole report at once, which
further figures are withheld (shown as "[c]") so that no suppressed figure can be worked out from
the figures shown and the sums that tie them (accord.reports.disclosure): in every row, column
or other known sum, and in any combination of them. The page and every export show the figures
it decides (docs/decisions.md, "Secondary suppression").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from accord.reports.disclosure import Figure, FigureKey, Range, Relation, alternative

SMALLEST_SHOWN = 5
SUPPRESSED = "<5"
# The Government Analysis Function's symbol for a figure withheld to protect confidentiality.
WITHHELD = "[c]"
NOT_SHOWN = "too few to show"

# What a reader knows of a figure from its marker: "<5" is 1 to 4. "[c]" is taken to be 5 or
# more (complements are non-zero figures that are not small), except where a small figure had
# to be marked "[c]" itself (below): there the reader knows only that it is not 0.
_SMALL = Range(1, SMALLEST_SHOWN - 1)
_COMPLEMENT = Range(SMALLEST_SHOWN, None)
_SMALL_WITHHELD = Range(1, None)
_NOT_SHOWN_ANYWHERE = Range(0, None)
# How many complements are tried, smallest first, for one that protects a figure on its own.
_COMPLEMENTS_TRIED = 6


def is_small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def count(value: int) -> str:
    return SUPPRESSED if is_small(value) else str(value)


def percentage(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    if whole < SMALLEST_SHOWN or is_small(part) or is_small(whole - part):
        return NOT_SHOWN
    return f"{100 * part / whole:.1f}%"


def days(value: int | None, cases: int) -> str:
    if value is None or cases < SMALLEST_SHOWN:
        return NOT_SHOWN if cases else "–"
    return f"{value} days"


def plain_percentage(part: int, whole: int) -> str:
    """For staff: every figure shown as it is."""
    return f"{100 * part / whole:.1f}%" if whole else "–"


def plain_days(value: int | None) -> str:
    return "–" if value is None else f"{value} days"


def withhold(shown: Iterable[Figure], relations: Sequence[Relation]) -> dict[FigureKey, str]:
    """The figures to withhold, each with its marker: "<5" for a small count, "[c]" for a
    complement withheld so that no "<5" can be worked out.

    `shown` are the figures the report would show; `relations` the sums a reader knows tie them
    (a figure that appears only in a relation is one the report never shows, such as the clocks
    not met in time behind a percentage). While some withheld figure, or a small figure never
    shown, can be worked out (accord.reports.disclosure), one more figure is withheld: the
    smallest non-zero shown figure of a relation it is in, a part before a total (one total is
    often shown in several tables), preferring one that stops it being worked out. When a
    relation has no such figure left (all its figures small: four "<5" of a total "<5" can only
    be 1 each), its "<5" figures are marked "[c]", which gives no range, a total first.
    """
    return _Withholding(list(shown), relations).decide()


class _Withholding:
    def __init__(self, shown: list[Figure], relations: Sequence[Relation]) -> None:
        # A sum that does not hold for the figures given (they were read a moment apart) tells
        # the reader nothing exact.
        self.relations = [r for r in relations if r.holds()]
        self.shown = {f.key: f for f in shown}
        self.order = {f.key: n for n, f in enumerate(shown)}
        self.figures = {f.key: f for r in self.relations for f in r.figures} | self.shown
        self.holding: dict[FigureKey, list[Relation]] = {}
        for relation in self.relations:
            for f in relation.figures:
                self.holding.setdefault(f.key, []).append(relation)
        self.marks = {key: SUPPRESSED for key, f in self.shown.items() if is_small(f.value)}
        # Figures shown to have another possible value. That stays true as more figures are
        # withheld: the example found still fits, each newly withheld figure at its own value.
        self.safe: set[FigureKey] = set()

    def decide(self) -> dict[FigureKey, str]:
        while (figure := self._by_subtraction() or self._to_protect()) is not None:
            self.marks[figure] = WITHHELD
        return self.marks

    def _by_subtraction(self) -> FigureKey | None:
        """The usual complementary suppression: where a relation has exactly one figure the
        reader cannot see, and it must stay unknown, the smallest non-zero shown figure of that
        relation (a part before a total)."""
        unknown, sensitive = self._reading(self.marks)
        must_stay_unknown = set(sensitive)
        for relation in self.relations:
            hidden = {f.key for f in relation.figures if f.key in unknown}
            if len(hidden) == 1 and hidden <= must_stay_unknown:
                ranked = self._ranked([relation], lambda f: f.key not in self.marks)
                if ranked:
                    return ranked[0]
        return None

    def _to_protect(self) -> FigureKey | None:
        """Where no relation gives a figure away on its own but the reader can still work one
        out (from the ranges of the markers, or rows and columns together), the next figure to
        withhold for it; None when nothing can be worked out."""
        exposed = self._first_exposed()
        return None if exposed is None else self._next_to_withhold(exposed)

    def _reading(
        self, marks: Mapping[FigureKey, str]
    ) -> tuple[dict[FigureKey, Range], list[FigureKey]]:
        """What the reader cannot see, with the range they know each is in, and which of those
        must stay unknown: every withheld figure, and a small figure the report never shows."""
        unknown, sensitive = {}, []
        for key, f in self.figures.items():
            mark = marks.get(key)
            if mark == SUPPRESSED:
                unknown[key] = _SMALL
            elif mark == WITHHELD:
                unknown[key] = _SMALL_WITHHELD if is_small(f.value) else _COMPLEMENT
            elif key not in self.shown:
                unknown[key] = _SMALL if is_small(f.value) else _NOT_SHOWN_ANYWHERE
                if not is_small(f.value):
                    continue
            else:
                continue
            if key in self.holding:  # a figure in no sum keeps the whole range of its marker
                sensitive.append(key)
        return unknown, sensitive

    def _first_exposed(self) -> FigureKey | None:
        """The first sensitive figure a reader can work out."""
        unknown, sensitive = self._reading(self.marks)
        for key in sensitive:
            if key in self.safe:
                continue
            found = alternative(key, self.relations, unknown)
            if found is None:
                return key
            self.safe.update(k for k, v in found.items() if v != self.figures[k].value)
        return None

    def _next_to_withhold(self, exposed: FigureKey) -> FigureKey:
        """Of the shown non-zero figures of the relations holding `exposed`, the first (parts
        before totals, smallest first) after which it can no longer be worked out, else the
        first of them; failing those, one of their "<5" figures (a total first), then a figure
        of any relation, shown or "<5"."""
        nearby = self._ranked(self.holding[exposed], lambda f: f.key not in self.marks)
        for key in nearby[:_COMPLEMENTS_TRIED]:
            trial, _ = self._reading({**self.marks, key: WITHHELD})
            if alternative(exposed, self.relations, trial) is not None:
                return key
        unmarked = self._ranked(self.relations, lambda f: f.key not in self.marks)
        fallback = nearby or self._small(self.holding[exposed]) or unmarked
        fallback = fallback or self._small(self.relations)
        if not fallback:
            # Cannot happen: with every figure withheld, each can move with the totals it is in.
            raise ValueError(f"Nothing left to withhold that would protect {exposed}.")
        return fallback[0]

    def _small(self, among: Iterable[Relation]) -> list[FigureKey]:
        return self._ranked(among, lambda f: self.marks.get(f.key) == SUPPRESSED, totals_first=True)

    def _ranked(
        self,
        among: Iterable[Relation],
        eligible: Callable[[Figure], bool],
        totals_first: bool = False,
    ) -> list[FigureKey]:
        ranked = sorted(
            (is_total != totals_first, f.value, self.order[f.key], f.key)
            for r in among
            for is_total, figures in ((False, r.parts), (True, r.whole))
            for f in figures
            if f.key in self.shown and f.value > 0 and eligible(f)
        )
        return list(dict.fromkeys(key for *_, key in ranked))
