"""A legal hold on a case: while it stands, the retention job leaves the case as it is (an appeal
to the tribunal, a complaint, a claim or a safeguarding inquiry needs the record whole)."""

from __future__ import annotations

from accord.cases.models import Case
from accord.cases.services.writing import editing
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User


def set_legal_hold(
    case: Case, *, hold: bool, reason: str, expected_version: int | None = None, by: User
) -> Case:
    """Places or lifts the hold, with its reason, on the case's history."""
    with editing(case, expected_version) as c:
        before = (c.legal_hold, c.legal_hold_reason)
        c.legal_hold = hold
        c.legal_hold_reason = reason if hold else ""
        if before != (c.legal_hold, c.legal_hold_reason):
            record_event(
                c,
                EventKind.LEGAL_HOLD,
                f"Legal hold placed: {reason}" if hold else f"Legal hold lifted: {reason}",
                {"legal_hold": [before[0], hold], "legal_hold_reason": [before[1], reason]},
                by=by,
            )
    return case
