"""Putting a recorded fact right: any fact registered in `accord.cases.corrections`, with the
reason, checked as the original step checks it, on the timeline (before and after), the clocks
recomputed on the way out of `editing`."""

from __future__ import annotations

from typing import Any

from accord.cases.corrections import correctable, fact_of, shown_value
from accord.cases.models import Case
from accord.cases.services.writing import CaseError, editing
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User


def correct_fact(
    case: Case,
    key: str,
    value: Any,
    reason: str,
    expected_version: int | None = None,
    *,
    by: User,
    target: int = 0,
) -> Case:
    kind = correctable(key)
    if kind is None or kind.page:
        raise CaseError("That fact is not corrected here.")
    reason = reason.strip()
    if not reason:
        raise CaseError("Give the reason for the correction.", field="reason")
    with editing(case, expected_version) as c:
        fact = fact_of(c, key, target)
        if fact is None:
            raise CaseError(f"{kind.label} is not recorded on this case.")
        if fact.value == value:
            raise CaseError(f"That is the {kind.label.lower()} already recorded.", field="value")
        kind.apply(c, target, value)
        after = fact_of(c, key, target)
        before_words = fact.shown
        after_words = after.shown if after is not None else shown_value(value)
        record_event(
            c,
            EventKind.FACT_CORRECTED,
            f"{fact.label} corrected from {before_words} to {after_words}: {reason}",
            {fact.label: [before_words, after_words], "reason": reason},
            by=by,
        )
    return case
