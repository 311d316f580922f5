"""The actions agreed at mediation that the law gives a timescale (SEND Regs regs 42 and 44):
their kind as the rules' type, the date due, and the words for the timescale."""

from __future__ import annotations

from datetime import date

from accord import rules


def action_of(kind: str) -> rules.PostAgreementAction | None:
    """The stored action kind (a PostAgreementAction value) as the rules' own type."""
    return rules.PostAgreementAction(kind) if kind else None


def statutory_due(concluded_on: date, kind: str) -> date | None:
    """SEND Regs reg 42 (and reg 44): the date the regulations give; None means immediately."""
    action = action_of(kind)
    if action is None:
        return None
    return rules.post_agreement_due(concluded_on, action)


def action_timescale(kind: str) -> str:
    """'within 5 weeks (SEND Regs reg 44(2)(c))' or 'immediately (SEND Regs reg 44(2))'."""
    action = action_of(kind)
    if action is None:
        return ""
    info = action.info
    when = (
        "immediately"
        if info.weeks is None
        else f"within {info.weeks} week" + ("s" if info.weeks != 1 else "")
    )
    return f"{when} ({info.citation.citation})"


def action_label(kind: str) -> str:
    action = action_of(kind)
    if action is None:
        return "Not a statutory action"
    who = "The ICB" if action is rules.PostAgreementAction.ICB_TELLS_LA else "The LA"
    if action is rules.PostAgreementAction.OTHER_MATTERS:
        who = "The LA or ICB"
    return f"{who} must {action.info.description}, {action_timescale(kind)}"
