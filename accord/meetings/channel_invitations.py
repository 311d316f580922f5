"""A meeting booked, moved or cancelled, told by text or letter to the attendees who asked for
one (accord.notifications.channels): the same words as the email invitation (invitations.py),
a short text, or the email's words on paper. Email attendees are left to invitations.py.

    by_other_channels(meeting, parties) -> the attendees a text or letter goes to
    queue_other_channels(meeting, change, …) -> how many queued
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from accord.cases.models import Party
from accord.meetings import ics
from accord.meetings.models import Meeting
from accord.notifications.channels import route_for
from accord.notifications.messages import Message, absolute_url
from accord.notifications.models import Channel, MessageKind
from accord.notifications.services import queue_to_party
from accord.organisations.models import User

_TEXT_OPENING = {"booked": "is booked", "changed": "has changed", "cancelled": "is cancelled"}


def by_other_channels(meeting: Meeting, parties: Iterable[Party] | None = None) -> list[Party]:
    """Attendees whose preferred contact method is a text or letter that can be sent."""
    only = {p.pk for p in parties} if parties is not None else None
    found = []
    for attendee in meeting.attendees.select_related("party").order_by("pk"):
        party = attendee.party
        if only is not None and party.pk not in only:
            continue
        route = route_for(party)
        if route is not None and route.channel != Channel.EMAIL:
            found.append(party)
    return found


def text_for(meeting: Meeting, change: str) -> str:
    provider = meeting.case.provider
    start = timezone.localtime(meeting.starts_at, ics.LONDON)
    contact = " or ".join(w for w in (provider.phone, provider.email) if w)
    where = "" if change == "cancelled" else f" {ics.meeting_place(meeting)}."
    return (
        f"{provider.name}: the {meeting.get_kind_display().lower()} for case "
        f"{meeting.case.reference} {_TEXT_OPENING[change]}: "
        f"{start:%A} {start.day} {start:%B %Y} at {start:%H:%M}.{where} "
        f"Questions or cannot come? Contact {contact or 'us'}."
    )


def queue_other_channels(
    meeting: Meeting,
    change: str,
    subject: str,
    body: str,
    parties: list[Party],
    *,
    key: str,
    by: User | None,
) -> int:
    # Neither a text nor a letter carries the calendar file, or can be replied to.
    lines = [line for line in body.splitlines() if "attached" not in line]
    paper = "\n".join(lines).replace("reply to this email or contact us", "contact us")
    message = Message(subject=subject, body=paper, text=text_for(meeting, change))
    link = absolute_url(reverse("portal:home"))
    queued = 0
    for party in parties:
        row = queue_to_party(
            case=meeting.case,
            party=party,
            message=message,
            idempotency_key=f"{key}:party-{party.pk}",
            kind=MessageKind.MEETING_INVITATION,
            link=link,
            by=by,
        )
        queued += row is not None
    return queued
