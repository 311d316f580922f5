"""Emails about a meeting, each with its calendar file, queued in the notifications outbox
(accord.notifications), which sends them, retries failures and logs each on the case timeline.

All meeting emails go through `send_meeting_invitations`. Messages say what changed and what to
do next, with the case reference and a link; they never carry the child's name or details
(product.md). They carry no person's name at all: a party may be the young person themselves, so
even the greeting is plain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Party
from accord.cases.timeline import EventKind, record_event
from accord.meetings import channel_invitations, ics, needs
from accord.meetings.models import Meeting
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.branding import absolute_link
from accord.organisations.models import User

CHANGES = ("booked", "changed", "cancelled")

# What a change to each field means to the people invited.
_CHANGE_WORDS = {
    "starts_at": "the date or time",
    "ends_at": "the date or time",
    "format": "how the meeting is held",
    "venue": "the venue",
    "online_link": "the online joining details",
    "online_meeting_id": "the online joining details",
    "online_passcode": "the online joining details",
    "mediator": "the mediator",
    "test_run_offered": "the offer of a test run",
}


@dataclass(frozen=True)
class Recipient:
    email: str
    link: str


def _absolute(path: str, meeting: Meeting) -> str:
    return absolute_link(path, meeting.case.provider)


def recipients(meeting: Meeting, parties: Iterable[Party] | None = None) -> list[Recipient]:
    """Every attendee with an email address, and the mediator; one message per address (people
    who share one get it once). Families get the public portal link; professionals the case page
    (they sign in to see it)."""
    case_link = _absolute(meeting.case.get_absolute_url(), meeting)
    portal_link = _absolute(reverse("portal:home"), meeting)
    only = {p.pk for p in parties} if parties is not None else None
    elsewhere = {p.pk for p in channel_invitations.by_other_channels(meeting, parties)}
    found: dict[str, Recipient] = {}
    for attendee in meeting.attendees.select_related("party").order_by("pk"):
        party = attendee.party
        if not party.email or (only is not None and party.pk not in only):
            continue
        if party.pk in elsewhere:  # a text or a letter instead (channel_invitations.py)
            continue
        link = portal_link if party.role in FAMILY_ROLES else case_link
        found.setdefault(party.email.strip().lower(), Recipient(party.email.strip(), link))
    # The mediator, and any co-mediator and observer, with the same invitation.
    for person in (meeting.mediator, meeting.co_mediator, meeting.observer):
        if person is not None and person.email and only is None:
            found.setdefault(person.email.strip().lower(), Recipient(person.email, case_link))
    return list(found.values())


def subject_for(meeting: Meeting, change: str) -> str:
    kind = meeting.get_kind_display()
    day = f"{timezone.localtime(meeting.starts_at):%-d %B %Y}"
    if change == "booked":
        return f"{kind} booked for {day} — {meeting.case.reference}"
    if change == "changed":
        return f"{kind} changed: now {day} — {meeting.case.reference}"
    return f"{kind} on {day} cancelled — {meeting.case.reference}"


def body_for(meeting: Meeting, change: str, recipient: Recipient, changed: list[str]) -> str:
    kind = meeting.get_kind_display().lower()
    reference = meeting.case.reference
    opening = {
        "booked": f"A {kind} has been booked for case {reference}.",
        "changed": f"The {kind} for case {reference} has changed.",
        "cancelled": f"The {kind} for case {reference} has been cancelled.",
    }[change]
    lines = ["Hello,", "", opening, ""]
    if change == "changed" and changed:
        lines += [f"What has changed: {', '.join(changed)}.", ""]
    lines.append(f"When: {ics.when_text(meeting)}")
    if change != "cancelled":
        lines += ics.joining_lines(meeting)
        lines += needs.message_lines(meeting)
    lines += ["", "What to do next:"]
    if change == "cancelled":
        lines += [
            "- The attached calendar file removes the meeting from your calendar.",
            "- We will contact you about what happens next.",
        ]
    else:
        lines += [
            "- Add the meeting to your calendar with the attached file"
            + (" (it replaces the earlier invitation)." if change == "changed" else "."),
            "- Tell us whether you can attend: reply to this email or contact us.",
            "- Tell us if you need an interpreter or any changes to help you take part.",
        ]
    lines += [
        "",
        f"Case reference: {reference}",
        f"More information: {recipient.link}",
        "",
        ics.help_text(meeting),
    ]
    return "\n".join(lines)


def _changed_words(changed_fields: Iterable[str]) -> list[str]:
    words: list[str] = []
    for name in changed_fields:
        word = _CHANGE_WORDS.get(name)
        if word and word not in words:
            words.append(word)
    return words


def idempotency_key(meeting: Meeting, change: str, email: str) -> str:
    """One message per change, per version of the meeting (its calendar SEQUENCE), per
    address: a double-submitted form queues nothing more, a later change queues afresh."""
    return f"meeting-{change}:{meeting.uid}:{meeting.sequence}:{email.strip().lower()}"


def send_meeting_invitations(
    meeting: Meeting,
    change: str = "booked",
    *,
    by: User | None = None,
    parties: Iterable[Party] | None = None,
    changed_fields: Iterable[str] = (),
) -> int:
    """Queues one email in the outbox for each attendee with an email address (and the
    mediator) about the meeting, with the .ics attached. Returns how many are queued.

    The outbox records each message on the case timeline when it is queued and again when the
    worker sends it (or gives up); it retries failures, and its idempotency key means the same
    change is never sent to the same address twice. Nothing is queued if any message would
    name the child: that refusal is recorded on the timeline instead."""
    if change not in CHANGES:
        raise ValueError(f"change must be one of {CHANGES}")
    subject = subject_for(meeting, change)
    if _names_child(meeting, subject, ics.description(meeting), ics.meeting_place(meeting)):
        _log_refusal(meeting, subject, by=by)
        return 0
    words = _changed_words(changed_fields)
    letters = [
        (recipient, body_for(meeting, change, recipient, words))
        for recipient in recipients(meeting, parties)
    ]
    if any(_names_child(meeting, body) for _, body in letters):
        _log_refusal(meeting, subject, by=by)
        return 0
    calendar_file = (
        ics.ics_filename(meeting),
        ics.meeting_ics(meeting),
        ics.ics_content_type(meeting),
    )
    reply_to = meeting.case.provider.reply_to_address or None
    by_post_or_text = channel_invitations.by_other_channels(meeting, parties)
    portal = Recipient(email="", link=_absolute(reverse("portal:home"), meeting))
    # All or none: a failure part-way leaves no one invited and the others not.
    with transaction.atomic():
        others = channel_invitations.queue_other_channels(
            meeting,
            change,
            subject,
            body_for(meeting, change, portal, words),
            by_post_or_text,
            key=idempotency_key(meeting, change, "other-channel"),
            by=by,
        )
        for recipient, body in letters:
            queue_email(
                case=meeting.case,
                to=[recipient.email],
                subject=subject,
                body=body,
                idempotency_key=idempotency_key(meeting, change, recipient.email),
                attachments=[calendar_file],
                reply_to=reply_to,
                kind=MessageKind.MEETING_INVITATION,
                by=by,
            )
    return len(letters) + others


def _names_child(meeting: Meeting, *texts: str) -> bool:
    """Belt and braces: the words above never include names, but a venue or link typed by
    staff could. The full name is checked (a first name alone collides with ordinary words)."""
    child = meeting.case.child
    full_name = f"{child.first_name} {child.last_name}".strip().lower()
    return bool(full_name) and any(full_name in " ".join(t.lower().split()) for t in texts)


def _log_refusal(meeting: Meeting, subject: str, *, by: User | None) -> None:
    record_event(
        meeting.case,
        EventKind.MEETING_EMAIL_FAILED,
        f"Not sent, because it would name the child (check the venue and link): {subject}",
        by=by,
    )
