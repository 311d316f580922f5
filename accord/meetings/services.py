"""Writes for meetings (style.md #3); the information and advice call's are in
`accord.meetings.mias`.

Every service locks the case with `accord.cases.services.editing`, checks the state transition
in `accord.cases.states`, validates with `accord.meetings.booking_checks` (and the attendee and
notice checks), records the timeline event and, once the transaction has committed, sends the
calendar invitations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any

from django.utils import timezone

from accord.cases.models import Case, Party
from accord.cases.services import editing
from accord.cases.services.writing import move
from accord.cases.states import CaseState, Transition
from accord.cases.timeline import EventKind, record_event
from accord.meetings.attendees import check_attendees
from accord.meetings.booking_checks import check_booking
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import MeetingError, NeedsConfirmation
from accord.meetings.invitations import send_meeting_invitations
from accord.meetings.models import MAIN_KINDS, Attendee, Meeting
from accord.meetings.notice import check_notice_date
from accord.meetings.standby import offer_freed_time
from accord.organisations.models import User
from accord.rules import date_in_england, today_in_england

__all__ = [
    "MeetingDetails",
    "MeetingError",
    "NeedsConfirmation",
    "book_meeting",
    "cancel_meeting",
    "change_meeting",
    "record_attendance",
    "record_notice",
    "record_replies",
    "set_attendees",
]


def _values(details: MeetingDetails) -> dict[str, Any]:
    return {f.name: getattr(details, f.name) for f in fields(details)}


# --- meetings (product.md step 5) --------------------------------------------------------------


def _enter_state(case: Case, kind: str) -> None:
    if kind in MAIN_KINDS:
        move(case, Transition.BOOK_MEETING)
    elif case.state not in (CaseState.ARRANGING, CaseState.MEETING_BOOKED):
        raise MeetingError("Pre-meetings and test runs are booked while arranging the meeting.")


def _follow_mediator(case: Case, details: MeetingDetails) -> dict[str, Any]:
    """The mediator of the meeting is the case's mediator, so they can open the case."""
    if details.kind in MAIN_KINDS and details.mediator and case.mediator_id != details.mediator.pk:
        before = case.mediator
        case.mediator = details.mediator
        return {"mediator": [before, details.mediator]}
    return {}


def _describe(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return (
        f"{meeting.get_kind_display()} on {start:%-d %B %Y}, {start:%H:%M}-{end:%H:%M} "
        f"({meeting.get_format_display().lower()})"
    )


def book_meeting(
    case: Case,
    details: MeetingDetails,
    *,
    by: User,
    attendees: Iterable[Party] = (),
    notice_sent_on: date | None = None,
    confirm_after_deadline: bool = False,
    expected_version: int | None = None,
    notify: bool = True,
) -> Meeting:
    """Books a mediation or DR meeting (BOOK_MEETING), or a pre-meeting or test run."""
    chosen = check_attendees(case, attendees)
    check_notice_date(notice_sent_on, details.meeting_date, case.received_on)
    with editing(case, expected_version) as c:
        _enter_state(c, details.kind)
        warning = check_booking(c, details, confirm_after_deadline=confirm_after_deadline)
        changes = _follow_mediator(c, details)
        meeting = Meeting.objects.create(case=c, notice_sent_on=notice_sent_on, **_values(details))
        Attendee.objects.bulk_create([Attendee(meeting=meeting, party=p) for p in chosen])
        record_event(
            c,
            EventKind.MEETING_BOOKED if meeting.is_main else EventKind.PREPARATORY_MEETING_BOOKED,
            f"Booked: {_describe(meeting)}",
            changes,
            by=by,
        )
        if warning:
            record_event(
                c, EventKind.MEETING_AFTER_DEADLINE, "Booked after the 30-day limit", by=by
            )
        # Queued in the same transaction as the change: both happen, or neither.
        if notify:
            send_meeting_invitations(meeting, "booked", by=by)
    return meeting


def change_meeting(
    meeting: Meeting,
    details: MeetingDetails,
    *,
    by: User,
    confirm_after_deadline: bool = False,
    expected_version: int | None = None,
    notify: bool = True,
) -> Meeting:
    """Reschedules or moves a meeting. The calendar SEQUENCE goes up so every invitation is
    updated in place (RFC 5545). A new date or place needs fresh notice to the family."""
    if not meeting.is_active:
        raise MeetingError("This meeting was cancelled: book a new one instead.")
    if details.kind != meeting.kind:
        raise MeetingError("The kind of meeting cannot be changed: cancel it and book another.")
    with editing(meeting.case, expected_version) as c:
        if meeting.is_main:
            move(c, Transition.BOOK_MEETING)
        check_booking(c, details, confirm_after_deadline=confirm_after_deadline, exclude=meeting.pk)
        changes = _follow_mediator(c, details)
        for name, value in _values(details).items():
            if getattr(meeting, name) != value:
                changes[name] = [getattr(meeting, name), value]
                setattr(meeting, name, value)
        if not changes:
            raise MeetingError("Nothing has changed.")
        moved = {"starts_at", "venue", "online_link"} & set(changes)
        if moved and meeting.notice_sent_on is not None:
            # The family must be told the (new) date and place (SEND Regs; rules.notice).
            changes["notice_sent_on"] = [meeting.notice_sent_on, None]
            meeting.notice_sent_on = None
            meeting.family_agreed_shorter_notice = False
            meeting.family_agreed_shorter_notice_note = ""
        meeting.sequence += 1
        meeting.save()
        record_event(
            c,
            EventKind.MEETING_CHANGED if meeting.is_main else EventKind.PREPARATORY_MEETING_CHANGED,
            f"Changed: {_describe(meeting)}",
            changes,
            by=by,
        )
        # Queued in the same transaction as the change: both happen, or neither.
        if notify:
            send_meeting_invitations(meeting, "changed", by=by, changed_fields=list(changes))
    return meeting


def cancel_meeting(
    meeting: Meeting,
    reason: str,
    *,
    by: User,
    expected_version: int | None = None,
    notify: bool = True,
) -> Meeting:
    """Cancels a meeting (CANCEL_MEETING when no other mediation or DR meeting is still on)."""
    if not reason.strip():
        raise MeetingError("Give the reason for cancelling the meeting.")
    if not meeting.is_active:
        raise MeetingError("This meeting is already cancelled.")
    with editing(meeting.case, expected_version) as c:
        meeting.cancelled_at = timezone.now()
        meeting.cancel_reason = reason.strip()
        meeting.sequence += 1
        meeting.save(update_fields=["cancelled_at", "cancel_reason", "sequence"])
        still_on = c.meetings.filter(kind__in=MAIN_KINDS, cancelled_at__isnull=True).exists()
        if meeting.is_main and not still_on:
            move(c, Transition.CANCEL_MEETING)
        record_event(
            c,
            EventKind.MAIN_MEETING_CANCELLED if meeting.is_main else EventKind.MEETING_CANCELLED,
            f"Cancelled: {_describe(meeting)}. Reason: {meeting.cancel_reason}",
            by=by,
        )
        # Queued in the same transaction as the change: both happen, or neither.
        if notify:
            send_meeting_invitations(meeting, "cancelled", by=by)
        if meeting.is_main:
            # The freed time, to the first case on the standby list it suits (standby.py).
            offer_freed_time(meeting, by=by)
    return meeting


def record_notice(
    meeting: Meeting,
    *,
    by: User,
    notice_sent_on: date,
    family_agreed_shorter: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> Meeting:
    """The date the family was told the date and place, and any agreement to shorter notice."""
    check_notice_date(notice_sent_on, date_in_england(meeting.starts_at), meeting.case.received_on)
    if family_agreed_shorter and not note.strip():
        raise MeetingError("Say how and when the family agreed to shorter notice.")
    with editing(meeting.case, expected_version) as c:
        meeting.notice_sent_on = notice_sent_on
        meeting.family_agreed_shorter_notice = family_agreed_shorter
        meeting.family_agreed_shorter_notice_note = note.strip() if family_agreed_shorter else ""
        meeting.save(
            update_fields=[
                "notice_sent_on",
                "family_agreed_shorter_notice",
                "family_agreed_shorter_notice_note",
            ]
        )
        summary = f"Notice of the meeting sent on {notice_sent_on:%-d %B %Y}"
        if family_agreed_shorter:
            summary += "; the family agreed to shorter notice"
        record_event(
            c, EventKind.MEETING_NOTICE, summary, {"notice_sent_on": notice_sent_on}, by=by
        )
    return meeting


# --- attendees -----------------------------------------------------------------------------------


def set_attendees(
    meeting: Meeting,
    parties: Iterable[Party],
    *,
    by: User,
    expected_version: int | None = None,
    notify: bool = True,
) -> list[Attendee]:
    """Who is invited: parties of the case (SEND Regs reg 38: the family, someone able to
    settle for the LA/ICB, supporters, the child with consent). Replies already recorded for
    people who stay invited are kept."""
    chosen = {p.pk: p for p in check_attendees(meeting.case, parties)}
    with editing(meeting.case, expected_version) as c:
        current = {a.party_id: a for a in meeting.attendees.all()}
        removed = [a for pk, a in current.items() if pk not in chosen]
        added = [p for pk, p in chosen.items() if pk not in current]
        Attendee.objects.filter(pk__in=[a.pk for a in removed]).delete()
        Attendee.objects.bulk_create([Attendee(meeting=meeting, party=p) for p in added])
        if added or removed:
            record_event(
                c,
                EventKind.MEETING_ATTENDEES,
                f"Attendees of the {meeting.get_kind_display().lower()} changed",
                {
                    "added": [p.name for p in added],
                    "removed": [a.party.name for a in removed],
                },
                by=by,
            )
        # Queued in the same transaction as the change: both happen, or neither.
        if notify and added and meeting.is_active:
            send_meeting_invitations(meeting, "booked", by=by, parties=added)
    return list(meeting.attendees.select_related("party"))


REPLIES = ("awaiting", "confirmed", "declined")


def record_replies(
    meeting: Meeting,
    replies: dict[int, str],
    *,
    by: User,
    attended: dict[int, bool | None] | None = None,
) -> None:
    """Each attendee's answer (confirmed / declined), keyed by attendee id; and, after the
    meeting, whether they attended. The case's mediator may record these."""
    attended = attended or {}
    _check_attendance_after_start(meeting, attended)
    with editing(meeting.case) as c:
        changed: list[str] = []
        for attendee in meeting.attendees.select_related("party"):
            reply = replies.get(attendee.pk, attendee.reply)
            if reply not in REPLIES:
                raise MeetingError("Choose confirmed, declined or no reply yet.")
            was = attendee.attended
            now = attended.get(attendee.pk, was)
            if reply == attendee.reply and now == was:
                continue
            attendee.declined = reply == "declined"
            if reply != "confirmed":
                attendee.confirmed_at = None
            elif attendee.confirmed_at is None:
                attendee.confirmed_at = timezone.now()
            attendee.attended = now
            attendee.save(update_fields=["declined", "confirmed_at", "attended"])
            changed.append(f"{attendee.party.name}: {reply}")
        if changed:
            record_event(
                c, EventKind.MEETING_REPLIES, "Replies recorded: " + "; ".join(changed), by=by
            )


def _check_attendance_after_start(meeting: Meeting, attended: dict[int, bool | None]) -> None:
    """Who attended is known once the meeting has been held, never before its day."""
    day = date_in_england(meeting.starts_at)
    if day <= today_in_england():
        return
    recorded = {a.pk: a.attended for a in meeting.attendees.all()}
    if any(value is not None and recorded.get(pk) != value for pk, value in attended.items()):
        raise MeetingError(
            f"The meeting is on {day:%-d %B %Y}: record who attended once it has been held."
        )


def record_attendance(meeting: Meeting, attended: dict[int, bool | None], *, by: User) -> None:
    record_replies(meeting, {}, attended=attended, by=by)
