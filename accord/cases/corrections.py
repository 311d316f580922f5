"""Every fact a step records can be put right: the registry of correctable facts.

A wrong date or choice is never a dead end. Each kind of recorded fact is a `Correctable`: its
label, whether it is a date or a choice, the facts of that kind a case holds (`facts`: one for
a date on the case, one per attendee or agreed action for theirs), and `apply`, which checks the
new value with the same checks the original step makes and writes it. The one correcting step
(`accord.cases.services.correction.correct_fact`) runs it inside `editing()`, so the clocks are
recomputed, and records the change (before, after, reason) on the timeline.

The case's own facts are registered by `accord.cases.case_facts`; higher apps register theirs
(meetings: the advice call and the meeting; documents: agreed actions) with `register_correctable`
in their AppConfig.ready (docs/architecture.md). A fact whose correction has its own page (the
decision letter, which may make issued certificates out of date; not pursuing mediation; a
certificate) names it in `page`, and its "Correct" link goes there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.urls import reverse

from accord.cases.models import Case


@dataclass(frozen=True)
class Fact:
    """One fact recorded on a case: `target` tells apart the facts of one kind (the attendee,
    the agreed action); 0 for a fact the case holds once."""

    key: str
    label: str
    value: Any
    target: int = 0
    # How the value reads, where it is not a date (a choice's label).
    words: str = ""

    @property
    def shown(self) -> str:
        return self.words or shown_value(self.value)


@dataclass(frozen=True)
class Correctable:
    key: str
    label: str
    kind: Literal["date", "choice"]
    # The facts of this kind the case holds now (read from what the case page has fetched).
    facts: Callable[[Case], Iterable[Fact]]
    # Checks `value` as the original step does (raising CaseError) and writes it; called on the
    # locked case inside `editing`, with the fact's target.
    apply: Callable[[Case, int, Any], None]
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    # A URL name (taking the case reference) for a fact corrected on its own page instead.
    page: str = ""
    # Where in the list of facts it comes (the order of the journey).
    order: int = field(default=100)
    # False for a fact its own section of the case page shows, with its "Correct" link beside it
    # (the meetings section: the advice call, who attended), so the page reads it only once.
    listed: bool = True

    def url(self, case: Case, target: int = 0) -> str:
        if self.page:
            return reverse(self.page, args=[case.reference])
        args: list[Any] = [case.reference, self.key]
        if target:
            args.append(target)
        return reverse("cases:correct", args=args)


_CORRECTABLES: dict[str, Correctable] = {}


def register_correctable(correctable: Correctable) -> None:
    """Adds a kind of fact to correct (once per key, however often asked)."""
    _CORRECTABLES.setdefault(correctable.key, correctable)


def correctable(key: str) -> Correctable | None:
    return _CORRECTABLES.get(key)


@dataclass(frozen=True)
class ShownFact:
    fact: Fact
    url: str

    @property
    def label(self) -> str:
        return self.fact.label

    @property
    def shown(self) -> str:
        return self.fact.shown


def recorded_facts(case: Case) -> list[ShownFact]:
    """Every correctable fact the case holds, in the order of the journey, each with the
    address of its correction."""
    kinds = sorted((c for c in _CORRECTABLES.values() if c.listed), key=lambda c: c.order)
    return [
        ShownFact(fact, kind.url(case, fact.target)) for kind in kinds for fact in kind.facts(case)
    ]


def fact_of(case: Case, key: str, target: int = 0) -> Fact | None:
    kind = correctable(key)
    if kind is None:
        return None
    return next((f for f in kind.facts(case) if f.target == target), None)


def shown_value(value: Any) -> str:
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)
