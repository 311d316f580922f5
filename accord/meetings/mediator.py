"""The mediator of a meeting: one of the provider's mediators, independent of the local
authority, and never double-booked (their diary is locked while a booking looks for clashes)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from accord.cases.models import Case
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import MeetingError
from accord.meetings.models import Meeting
from accord.organisations.independence import independence_problem
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


def check_mediator(case: Case, mediator: User | None, *, required: bool) -> None:
    """The mediator must be one of the provider's mediators and independent of the LA."""
    if mediator is None:
        if required:
            raise MeetingError("Choose the mediator.")
        return
    membership = Membership.objects.filter(
        user=mediator, provider_id=case.provider_id, role=Role.MEDIATOR
    ).first()
    if membership is None:
        raise MeetingError(f"{mediator} is not a mediator of {case.provider}.")
    # SEND Regs 2014: the mediator must not be employed by the local authority (rules.md,
    # "Mediator independence"; CoP 11.33), nor have a declared conflict with a party, nor an
    # accreditation that has run out.
    problem = independence_problem(
        case.provider_id,
        mediator,
        local_authority_id=case.local_authority_id,
        health_body_id=case.health_body_id,
        school=case.child.setting,
        today=today_in_england(),
    )
    if problem is not None:
        raise MeetingError(problem, field="mediator")


def lock_mediator_diary(case: Case, mediator: User) -> None:
    """Serialises bookings for one mediator in one provider: the row lock is held until the
    booking transaction ends, so two parallel bookings cannot both pass the overlap check
    (PostgreSQL; SQLite serialises every write transaction anyway)."""
    list(
        Membership.objects.select_for_update()
        .filter(user=mediator, provider_id=case.provider_id, role=Role.MEDIATOR)
        .values_list("pk", flat=True)
    )


def clashing_meetings(
    case: Case, mediator: User, starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> QuerySet[Meeting]:
    """Active meetings of this mediator, on any of the provider's cases, that overlap the slot.
    Meetings that merely touch (one ends as the other starts) do not overlap."""
    clashes = Meeting.objects.filter(
        case__provider_id=case.provider_id,
        mediator=mediator,
        cancelled_at__isnull=True,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).select_related("case")
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude)
    return clashes


def check_not_double_booked(
    case: Case, details: MeetingDetails, exclude: int | None = None
) -> None:
    """A mediator is never double-booked (product.md). Call inside the booking transaction."""
    if details.mediator is None:
        return
    lock_mediator_diary(case, details.mediator)
    clash = clashing_meetings(
        case, details.mediator, details.starts_at, details.ends_at, exclude
    ).first()
    if clash is not None:
        start = timezone.localtime(clash.starts_at)
        end = timezone.localtime(clash.ends_at)
        raise MeetingError(
            f"{details.mediator} is already booked from {start:%H:%M} to {end:%H:%M} on "
            f"{start:%-d %B %Y} ({clash.get_kind_display().lower()}, case "
            f"{clash.case.reference}). Choose another time or another mediator."
        )
