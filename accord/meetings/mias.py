"""Writes for the information and advice call (product.md step 3, SEND Regs reg 33), style.md #3.

Each service locks the case with `accord.cases.services.editing`, moves it along its transition in
`accord.cases.states` and records the timeline event. The family's choice that follows is recorded
with `accord.cases.services.record_family_choice`.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accord.cases.models import Case
from accord.cases.services import editing, record_family_choice
from accord.cases.services.writing import move
from accord.cases.states import Transition
from accord.cases.timeline import EventKind, record_event
from accord.meetings.advice_messages import send_advice_call_booked
from accord.meetings.adviser_diary import check_adviser_diary
from accord.meetings.errors import MeetingError
from accord.meetings.models import MiasCall
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import date_in_england, today_in_england

__all__ = ["book_mias_call", "record_mias_held"]


def book_mias_call(
    case: Case,
    *,
    by: User,
    scheduled_for: datetime,
    adviser: User,
    phone_number: str,
    expected_version: int | None = None,
) -> MiasCall:
    """Books the information and advice call at a time that suits the family (BOOK_MIAS).
    Booking again while a call is waiting moves that call rather than adding another."""
    if case.route == "disagreement_resolution":
        raise MeetingError("Information and advice is for cases on the mediation route.")
    if not Membership.objects.filter(
        user=adviser, provider_id=case.provider_id, role=Role.ADVISER
    ).exists():
        raise MeetingError(f"{adviser} is not a mediation adviser of {case.provider}.")
    if not phone_number.strip():
        raise MeetingError("Enter the phone number the adviser will call.", field="phone_number")
    check_adviser_diary(case, adviser, scheduled_for)
    with editing(case, expected_version) as c:
        move(c, Transition.BOOK_MIAS)
        check_after_decision_letter(c, date_in_england(scheduled_for), "call_on", "booked")
        call = c.mias_calls.filter(held_on__isnull=True).order_by("-id").first()
        moved = call is not None
        if call is None:
            call = MiasCall(case=c)
        call.scheduled_for = scheduled_for
        call.adviser = adviser
        call.phone_number = phone_number.strip()
        call.save()
        if c.adviser_id is None:
            c.adviser = adviser
        when = timezone.localtime(scheduled_for)
        record_event(
            c,
            EventKind.MIAS_BOOKED,
            f"Information and advice call {'moved to' if moved else 'booked for'} "
            f"{when:%-d %B %Y at %H:%M} with {adviser}",
            {"scheduled_for": scheduled_for, "adviser": adviser},
            by=by,
        )
        send_advice_call_booked(call, moved=moved, by=by)
    return call


def check_after_decision_letter(case: Case, day: date, field: str, done: str) -> None:
    """Information and advice is about the decision in the letter (SEND Regs reg 33): it cannot
    come before the letter was sent."""
    sent = case.decision_notice_sent_on
    if sent is not None and day < sent:
        raise MeetingError(
            f"The information and advice call cannot be {done} before the decision letter was "
            f"sent on {sent:%-d %B %Y}. Check the date of the call, or correct the date of the "
            "decision letter.",
            field=field,
        )


def record_mias_held(
    case: Case, *, by: User, held_on: date, notes: str = "", expected_version: int | None = None
) -> MiasCall:
    """Information and advice given (HOLD_MIAS): the family now decides, which is recorded with
    accord.cases.services.record_family_choice."""
    if held_on > today_in_england():
        raise MeetingError(
            "The date the information and advice was given must be today or in the past.",
            field="held_on",
        )
    with editing(case, expected_version) as c:
        move(c, Transition.HOLD_MIAS)
        check_after_decision_letter(c, held_on, "held_on", "given")
        call = c.mias_calls.filter(held_on__isnull=True).order_by("-id").first()
        if call is None:  # advice given on the first call, without booking one
            call = MiasCall(case=c, adviser=by)
        call.held_on = held_on
        call.notes = notes.strip()
        call.save()
        record_event(
            c,
            EventKind.MIAS_HELD,
            f"Information and advice given on {held_on:%-d %B %Y}",
            {"held_on": held_on},
            by=by,
        )
    return call


def record_advice_and_choice(
    case: Case,
    *,
    by: User,
    held_on: date,
    notes: str = "",
    choice: str = "",
    la_notified_on: date | None = None,
    expected_version: int | None = None,
) -> MiasCall:
    """Information and advice given and, when the family decided on the same call, what they
    chose (it is one phone call, so one form): both or neither are recorded. The choice is
    dated the day the advice was given."""
    with transaction.atomic():
        call = record_mias_held(
            case, held_on=held_on, notes=notes, expected_version=expected_version, by=by
        )
        if choice:
            case.refresh_from_db()
            record_family_choice(case, choice, held_on, la_notified_on=la_notified_on, by=by)
    return call
