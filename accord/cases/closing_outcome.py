"""The outcome a case closes with, derived from what happened on it.

A provider is paid on its agreement rate: an outcome the record does not show corrupts the figures
commissioners see. `closing_outcomes` reads what the record holds (the meeting's outcome, the
family's choice, the family no longer pursuing mediation, the other side's decline of disagreement
resolution, the LA saying mediation cannot be held in time) and says which outcomes are
consistent with it and which one follows. Closing with any other outcome needs a reason
(`accord.cases.services.outcome.close_case`), recorded on the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.cases.choices import MEETING_OUTCOMES, FamilyChoice, Outcome, Route
from accord.cases.models import Case, Party


@dataclass(frozen=True)
class WhatHappened:
    """The facts of a case that decide its outcome."""

    # Full, partial or no agreement, recorded for a meeting that was held.
    meeting_outcome: str = ""
    cannot_hold: bool = False
    other_side_declined: bool = False
    not_pursued: bool = False
    family_choice: str = ""
    route: str = ""
    dr_started: bool = False


@dataclass(frozen=True)
class OutcomeOffer:
    """The outcomes consistent with the record, the one that follows first."""

    offered: tuple[Outcome, ...]

    @property
    def follows(self) -> Outcome:
        return self.offered[0]


def closing_outcomes(what: WhatHappened) -> OutcomeOffer:
    """The outcomes the record supports, the one that follows from it first."""
    if what.meeting_outcome:
        return OutcomeOffer((Outcome(what.meeting_outcome),))
    if what.other_side_declined:
        return OutcomeOffer((Outcome.DECLINED, Outcome.WITHDRAWN))
    if what.cannot_hold:
        return OutcomeOffer((Outcome.NOT_HELD_IN_TIME,))
    if what.not_pursued:
        return OutcomeOffer((Outcome.WITHDRAWN, Outcome.CERTIFICATE_ONLY))
    if what.family_choice == FamilyChoice.CERTIFICATE:
        return OutcomeOffer((Outcome.CERTIFICATE_ONLY, Outcome.WITHDRAWN))
    if what.family_choice == FamilyChoice.MEDIATION or what.dr_started:
        return OutcomeOffer((Outcome.WITHDRAWN,))
    if what.route == Route.NONE:
        return OutcomeOffer((Outcome.NO_FURTHER_ACTION, Outcome.WITHDRAWN))
    return OutcomeOffer((Outcome.WITHDRAWN, Outcome.NO_FURTHER_ACTION))


def what_happened(case: Case, parties: Iterable[Party] | None = None) -> WhatHappened:
    """The facts of `case` (its parties read once, or given when already fetched)."""
    people = list(case.parties.all() if parties is None else parties)
    return WhatHappened(
        meeting_outcome=meeting_outcome_of(case),
        cannot_hold=case.cannot_hold_notified_on is not None,
        other_side_declined=any(p.dr_consent is False for p in people),
        not_pursued=case.mediation_not_pursued_on is not None,
        family_choice=case.family_choice,
        route=case.route,
        dr_started=case.dr_started_on is not None,
    )


def meeting_outcome_of(case: Case) -> str:
    """The meeting's outcome, if one was recorded for a meeting held."""
    if case.mediation_concluded_on is not None and case.outcome in MEETING_OUTCOMES:
        return case.outcome
    return ""


def outcome_on_reopening(case: Case) -> str:
    """What a reopened case's outcome is: what the record itself set before closing (the
    meeting's outcome, mediation not held in time, the family no longer pursuing it), else none
    until the case closes again."""
    if meeting := meeting_outcome_of(case):
        return meeting
    if case.cannot_hold_notified_on is not None:
        return Outcome.NOT_HELD_IN_TIME
    if case.mediation_not_pursued_on is not None:
        return Outcome.WITHDRAWN
    return ""


def refusal(outcome: str, what: WhatHappened, offer: OutcomeOffer) -> str:
    """Why `outcome` is not one the record shows, for the person closing the case."""
    label = Outcome(outcome).label
    offered = " or ".join(f"“{o.label}”" for o in offer.offered)
    if outcome in MEETING_OUTCOMES and not what.meeting_outcome:
        why = f"No mediation meeting was held on this case, so it cannot close with “{label}”."
    else:
        why = f"The record does not show “{label}”."
    return f"{why} Choose {offered}, or give the reason for this outcome."
