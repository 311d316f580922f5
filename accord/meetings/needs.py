"""Interpreter, BSL and access needs at a meeting: carried from each invited party to the
meeting, its invitations and .ics, and checked before it.

A party's needs are recorded on the party (`interpreter_language`, `access_needs`). A need is
met when a confirmed `InterpreterBooking` for that party and language exists, or when staff have
recorded how the access needs are met (`Attendee.access_arrangements`). What the messages say
is only the languages interpreted and that access arrangements are made: never who needs them
or why (product.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.cases.models import Party
from accord.meetings.models import Meeting


@dataclass(frozen=True)
class Need:
    party: Party
    what: str
    met: bool
    how: str = ""


def needs_for(meeting: Meeting) -> list[Need]:
    """Each need of each party invited (and not declined), met or not."""
    attendees = list(meeting.attendees.all())
    # Read the bookings only when someone needs an interpreter (the case page's query budget).
    wanted = any(a.party.interpreter_language.strip() for a in attendees)
    bookings = list(meeting.interpreters.all()) if wanted else []
    needs: list[Need] = []
    for attendee in attendees:
        party = attendee.party
        if attendee.declined:
            continue
        language = party.interpreter_language.strip()
        if language:
            booked = next(
                (
                    b
                    for b in bookings
                    if b.party_id == party.pk and b.language.strip().lower() == language.lower()
                ),
                None,
            )
            how = (
                f"{booked.interpreter}{'' if booked.confirmed else ' (not confirmed)'}"
                if booked
                else ""
            )
            needs.append(
                Need(party, f"Interpreter: {language}", bool(booked and booked.confirmed), how)
            )
        if party.access_needs.strip():
            arranged = attendee.access_arrangements.strip()
            needs.append(
                Need(party, f"Access needs: {party.access_needs.strip()}", bool(arranged), arranged)
            )
    return needs


def unmet(meeting: Meeting) -> list[Need]:
    """The check before the meeting: every need not yet met."""
    return [n for n in needs_for(meeting) if not n.met]


def message_lines(meeting: Meeting) -> list[str]:
    """What the invitation and the calendar say: languages interpreted, and that access
    arrangements are made. Nothing about who, or why."""
    lines = []
    languages = sorted({b.language.strip() for b in meeting.interpreters.all() if b.confirmed})
    if languages:
        lines.append(f"Interpreting at the meeting: {', '.join(languages)}.")
    if any(a.access_arrangements.strip() for a in meeting.attendees.all() if not a.declined):
        lines.append("Access arrangements have been made as discussed with you.")
    return lines
