"""Disagreement resolution is voluntary for everyone (SEND Code of Practice 11.6): the LA, ICB
or school taking part must agree before a DR meeting is booked."""

from __future__ import annotations

from accord.cases.choices import PartyRole
from accord.cases.models import Case, Party
from accord.meetings.errors import MeetingError
from accord.meetings.models import MeetingKind

# The parties who must agree first (CoP 11.6).
DR_OTHER_PARTY_ROLES = frozenset(
    {PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER, PartyRole.SCHOOL_STAFF}
)


def parties_yet_to_agree_to_dr(case: Case) -> list[Party]:
    # From the parties the case page has already read (its prefetch), not a query of its own.
    others = [p for p in case.parties.all() if p.role in DR_OTHER_PARTY_ROLES]
    return [p for p in others if p.dr_consent is not True]


def check_dr_consent(case: Case, kind: str) -> None:
    """Disagreement resolution is voluntary for everyone (SEND Code of Practice 11.6): the LA,
    ICB or school taking part must have agreed before a meeting is booked."""
    if kind != MeetingKind.DISAGREEMENT_RESOLUTION:
        return
    others = case.parties.filter(role__in=DR_OTHER_PARTY_ROLES)
    if not others.exists():
        raise MeetingError(
            "Add the other party (the LA, ICB or school) to the case and record that they "
            "agree to take part before booking the meeting."
        )
    missing = parties_yet_to_agree_to_dr(case)
    if missing:
        names = ", ".join(p.name for p in missing)
        raise MeetingError(
            f"Disagreement resolution is voluntary (SEND Code of Practice 11.6): record that "
            f"{names} agreed to take part before booking the meeting."
        )
