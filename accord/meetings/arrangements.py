"""Writes for a meeting's arrangements: interpreters, access arrangements, and the family's own
request for a test run of an online meeting."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from accord.cases.models import Party
from accord.cases.services import editing
from accord.cases.timeline import EventKind, record_event
from accord.meetings.errors import MeetingError
from accord.meetings.models import Attendee, InterpreterBooking, Meeting, MeetingFormat
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.models import User


def book_interpreter(
    meeting: Meeting,
    party: Party,
    *,
    by: User,
    language: str,
    interpreter: str,
    confirmed: bool = False,
) -> InterpreterBooking:
    """An interpreter (a spoken language, or BSL) for one invited party."""
    if not meeting.attendees.filter(party=party).exists():
        raise MeetingError("Choose someone invited to the meeting.", field="party")
    if not language.strip() or not interpreter.strip():
        raise MeetingError("Enter the language and the interpreter or agency.")
    with editing(meeting.case) as c:
        booking, _ = InterpreterBooking.objects.update_or_create(
            meeting=meeting,
            party=party,
            language=language.strip(),
            defaults={"interpreter": interpreter.strip(), "confirmed": confirmed},
        )
        state = "confirmed" if confirmed else "asked, not yet confirmed"
        record_event(
            c,
            EventKind.INTERPRETER,
            f"{booking.language} interpreter for the meeting: {state}",
            by=by,
        )
    return booking


def record_access_arrangements(attendee: Attendee, arrangements: str, *, by: User) -> Attendee:
    """How a party's access needs are met at this meeting."""
    with editing(attendee.meeting.case) as c:
        attendee.access_arrangements = arrangements.strip()
        attendee.save(update_fields=["access_arrangements"])
        record_event(
            c, EventKind.INTERPRETER, "Access arrangements for the meeting recorded", by=by
        )
    return attendee


def request_test_run(meeting: Meeting, parties: Iterable[Party], *, by: User | None) -> int:
    """The family asks, from their own page, for a test run of an online meeting. Staff are
    told through the outbox; the request shows on the case page."""
    if meeting.format not in (MeetingFormat.ONLINE, MeetingFormat.HYBRID):
        raise MeetingError("A test run is for an online meeting.")
    if not meeting.is_active:
        raise MeetingError("This meeting was cancelled.")
    ids = [p.pk for p in parties]
    with transaction.atomic():
        changed = meeting.attendees.filter(party_id__in=ids, wants_test_run=False).update(
            wants_test_run=True
        )
        if not changed:
            return 0
        reference = meeting.case.reference
        record_event(
            meeting.case, EventKind.MEETING_REPLIES, "The family asked for a test run", by=by
        )
        provider = meeting.case.provider
        if provider.email:
            queue_email(
                case=meeting.case,
                to=[provider.email],
                subject=f"Test run asked for — {reference}",
                body=(
                    f"The family on case {reference} asked for a test run of the online "
                    f"{meeting.get_kind_display().lower()}.\n\nWhat to do next: book an online "
                    "test run from the case's meetings section and tell them the time."
                ),
                idempotency_key=f"test-run-request:{meeting.uid}",
                kind=MessageKind.OTHER,
                by=by,
            )
    return changed
