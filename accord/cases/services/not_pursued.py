"""The family chose mediation and then did not pursue it: they withdrew, or stopped replying.

SEND Regs 2014 reg 34 covers a family who "fails to pursue" mediation as well as one who does
not wish to: the mediation adviser issues the certificate within 3 working days of learning it
(the clock is `rules.Clock.CERTIFICATE_NOT_PURSUED`). Until that certificate is issued the record
can be put right, with a reason kept on the timeline: a corrected date, or undone because the
family is pursuing mediation after all.
"""

from __future__ import annotations

from datetime import date

from accord.cases.choices import FamilyChoice, NotPursuedHow, Outcome
from accord.cases.models import Case
from accord.cases.services.writing import CaseError, changes_to, editing, move
from accord.cases.states import CaseState, Transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england


def record_mediation_not_pursued(
    case: Case,
    on: date,
    how: str,
    *,
    by: User,
    attempts: int | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """The adviser learned on `on` that the family is no longer pursuing the mediation they
    chose (`how`: they said so, or stopped replying after `attempts` tries). The certificate's
    3 working days start (reg 34) and the 30-day clock to hold the mediation stops being chased.
    """
    if how not in NotPursuedHow.values:
        raise CaseError("Say how you know the family is no longer pursuing mediation.")
    if how == NotPursuedHow.NO_REPLY and (attempts is None or attempts < 1):
        raise CaseError("Say how many times the family was contacted without a reply.")
    with editing(case, expected_version) as c:
        _check_mediation_was_chosen(c)
        _check_date(c, on)
        move(c, Transition.FAMILY_STOPS_PURSUING)
        c.mediation_not_pursued_on = on
        c.not_pursued_how = how
        c.not_pursued_attempts = attempts if how == NotPursuedHow.NO_REPLY else None
        c.not_pursued_note = note.strip()
        c.outcome = Outcome.WITHDRAWN
        record_event(
            c,
            EventKind.MEDIATION_NOT_PURSUED,
            f"Mediation not pursued, known on {on:%-d %B %Y}: {_how_in_words(c)}",
            {
                "on": on,
                "how": how,
                "attempts": c.not_pursued_attempts,
                "note": c.not_pursued_note,
            },
            by=by,
        )
    return case


def correct_mediation_not_pursued(
    case: Case,
    reason: str,
    *,
    by: User,
    on: date | None = None,
    expected_version: int | None = None,
) -> Case:
    """Puts right the record before the certificate is issued: the date becomes `on`, or, with
    None, the record is undone and the case goes back to arranging the mediation (its 30-day
    clock runs again from the date the LA was told). The reason is kept on the timeline."""
    if not reason.strip():
        raise CaseError("Give the reason for the correction.")
    with editing(case, expected_version) as c:
        if c.mediation_not_pursued_on is None:
            raise CaseError("The case has no record that the family stopped pursuing mediation.")
        if c.state != CaseState.CERTIFICATE_DUE:
            raise CaseError(
                "The record can be corrected only while the certificate is still due. If the "
                "certificate issued is wrong, correct the certificate."
            )
        if on is None:
            _undo(c, reason.strip(), by=by)
        else:
            _change_date(c, on, reason.strip(), by=by)
    return case


def _undo(case: Case, reason: str, *, by: User) -> None:
    before = case.mediation_not_pursued_on
    move(case, Transition.RESUME_MEDIATION)
    case.mediation_not_pursued_on = None
    case.not_pursued_how = ""
    case.not_pursued_attempts = None
    case.not_pursued_note = ""
    if case.outcome == Outcome.WITHDRAWN:
        case.outcome = ""
    record_event(
        case,
        EventKind.MEDIATION_NOT_PURSUED_CORRECTED,
        f"Record that the family is no longer pursuing mediation undone: {reason}",
        {"mediation_not_pursued_on": [before, None], "reason": reason},
        by=by,
    )


def _change_date(case: Case, on: date, reason: str, *, by: User) -> None:
    _check_date(case, on)
    changes = changes_to(case, {"mediation_not_pursued_on": on})
    if not changes:
        raise CaseError("That is the date already recorded.")
    case.mediation_not_pursued_on = on
    record_event(
        case,
        EventKind.MEDIATION_NOT_PURSUED_CORRECTED,
        f"Date the family stopped pursuing mediation corrected to {on:%-d %B %Y}: {reason}",
        {**changes, "reason": reason},
        by=by,
    )


def _check_mediation_was_chosen(case: Case) -> None:
    if case.family_choice != FamilyChoice.MEDIATION or case.family_choice_on is None:
        raise CaseError(
            "The family has not chosen mediation on this case. If they do not want it, record "
            "the family's decision instead."
        )
    if not case.certificate_needed:
        raise CaseError(
            "This case needs no mediation certificate before an appeal, so none is issued: "
            "close the case with the outcome 'Withdrawn' instead."
        )
    if case.state == CaseState.MEETING_BOOKED:
        raise CaseError(
            "A mediation meeting is booked. Cancel it first, so everyone invited is told, then "
            "record that the family is no longer pursuing mediation."
        )


def _check_date(case: Case, on: date) -> None:
    if on > today_in_england():
        raise CaseError(
            "The date the family stopped pursuing mediation must not be in the future.", field="on"
        )
    if case.family_choice_on is not None and on < case.family_choice_on:
        raise CaseError(
            f"The date cannot be before {case.family_choice_on:%-d %B %Y}, when the family chose "
            "mediation.",
            field="on",
        )


def _how_in_words(case: Case) -> str:
    if case.not_pursued_how == NotPursuedHow.NO_REPLY:
        attempts = case.not_pursued_attempts or 0
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        return f"the family stopped replying after {tries} to contact them"
    return "the family said they no longer want mediation"
