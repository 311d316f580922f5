"""A reader who knows arithmetic, for the suppression tests: given the figures a report shows,
the range each marker gives and the sums the reader can check, which hidden figures can they
work out exactly?

Written apart from accord.reports.disclosure (a complete search with bounds narrowing, where the
report's own check is a quick one that may give up), so the tests do not check the code with
itself. `Reading` is what one report tells its reader.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

Key = Hashable


@dataclass(frozen=True)
class Hidden:
    """A figure the reader cannot see: its true value (known to the test), the range the
    reader knows (`high` None: no upper limit), and whether it must stay unknown."""

    truth: int
    low: int
    high: int | None
    sensitive: bool = True


@dataclass
class Reading:
    known: dict[Key, int] = field(default_factory=dict)
    hidden: dict[Key, Hidden] = field(default_factory=dict)
    # Sums the reader can check: the parts add up to the whole.
    sums: list[tuple[list[Key], list[Key]]] = field(default_factory=list)

    def add_sum(self, parts: list[Key], whole: list[Key]) -> None:
        self.sums.append((parts, whole))

    def holds(self) -> bool:
        value = {**self.known, **{k: h.truth for k, h in self.hidden.items()}}
        return all(
            sum(value[k] for k in parts) == sum(value[k] for k in whole)
            for parts, whole in self.sums
        )

    def lines_with_one_hidden(self) -> list[tuple[list[Key], list[Key]]]:
        """Sums with exactly one hidden figure: subtraction gives it away."""
        return [
            (parts, whole)
            for parts, whole in self.sums
            if sum(1 for k in parts + whole if k in self.hidden) == 1
        ]

    def worked_out(self) -> list[Key]:
        """The sensitive hidden figures that have no other possible value."""
        return [k for k, h in self.hidden.items() if h.sensitive and not self._could_differ(k)]

    # --- the search ---------------------------------------------------------------------------

    def _could_differ(self, key: Key) -> bool:
        truth = self.hidden[key].truth
        return self._solvable({key: (None, truth - 1)}) or self._solvable({key: (truth + 1, None)})

    def _solvable(self, limits: dict[Key, tuple[int | None, int | None]]) -> bool:
        keys = list(self.hidden)
        cap = 2 * (sum(self.known.values()) + sum(h.truth for h in self.hidden.values())) + 10
        low = {k: self.hidden[k].low for k in keys}
        high = {k: cap if self.hidden[k].high is None else self.hidden[k].high for k in keys}
        for k, (lo, hi) in limits.items():
            low[k] = low[k] if lo is None else max(low[k], lo)
            high[k] = high[k] if hi is None else min(high[k], hi)
        linear = []
        for parts, whole in self.sums:
            terms: dict[Key, int] = {}
            total = 0
            for sign, side in ((1, parts), (-1, whole)):
                for k in side:
                    if k in self.hidden:
                        terms[k] = terms.get(k, 0) + sign
                    else:
                        total -= sign * self.known[k]
            linear.append(({k: c for k, c in terms.items() if c}, total))
        return self._search(linear, low, high)

    def _search(self, linear, low, high) -> bool:
        if not _narrow(linear, low, high):
            return False
        open_ = [k for k in low if low[k] < high[k]]
        if not open_:
            return True
        key = min(open_, key=lambda k: high[k] - low[k])
        truth = self.hidden[key].truth
        for value in sorted(range(low[key], high[key] + 1), key=lambda v: abs(v - truth)):
            tried_low, tried_high = dict(low), dict(high)
            tried_low[key] = tried_high[key] = value
            if self._search(linear, tried_low, tried_high):
                return True
        return False


def _narrow(linear, low, high) -> bool:
    changed = True
    while changed:
        changed = False
        for terms, total in linear:
            least = {k: c * (low[k] if c > 0 else high[k]) for k, c in terms.items()}
            most = {k: c * (high[k] if c > 0 else low[k]) for k, c in terms.items()}
            if sum(least.values()) > total or sum(most.values()) < total:
                return False
            for k, c in terms.items():
                below = total - (sum(most.values()) - most[k])
                above = total - (sum(least.values()) - least[k])
                if c < 0:
                    below, above = above, below
                lo, hi = max(low[k], -(-below // c)), min(high[k], above // c)
                if lo > hi:
                    return False
                if (lo, hi) != (low[k], high[k]):
                    low[k], high[k], changed = lo, hi, True
    return True
