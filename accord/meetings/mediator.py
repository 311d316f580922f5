"""The mediator of a meeting: one of the provider's mediators, independent of the local
authority, and never double-booked (their diary is locked while a booking looks for clashes)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.cases.models import Case
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import MeetingError
from accord.meetings.models import Meeting, Room
from accord.organisations.independence import independence_problem, independence_problems
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


def ineligibility(case: Case, membership: Membership) -> str:
    """Why this mediator may not mediate (or co-mediate, or observe) this case; empty when
    they may. The one place each check of a person in the mediator's chair lives: booking,
    changing and the scheduling assistant's suggestion all ask it, so a new check (an
    accreditation in date, a conflict declared with the case's LA, ICB or school) goes here."""
    # SEND Regs 2014: the mediator must not be employed by the local authority (rules.md,
    # "Mediator independence"; CoP 11.33), nor have a declared conflict with the case's LA, ICB
    # or school, nor an accreditation that has run out (accord.organisations.independence).
    problem = independence_problem(
        case.provider_id,
        membership.user,
        local_authority_id=case.local_authority_id,
        health_body_id=case.health_body_id,
        school=case.child.setting,
        today=today_in_england(),
    )
    return problem or ""


def eligible_mediators(case: Case) -> list[Membership]:
    """The provider's mediators who may take this case."""
    memberships = list(
        Membership.objects.filter(
            provider_id=case.provider_id, role=Role.MEDIATOR, user__is_active=True
        ).select_related("user", "employed_by_local_authority")
    )
    # The checks of `ineligibility`, asked of every mediator at once (a few queries, not a few
    # per mediator).
    problems = independence_problems(
        case.provider_id,
        [m.user for m in memberships],
        local_authority_id=case.local_authority_id,
        health_body_id=case.health_body_id,
        school=case.child.setting,
        today=today_in_england(),
    )
    return [m for m in memberships if not problems[m.user_id]]


def check_mediator(
    case: Case, mediator: User | None, *, required: bool, chair: str = "mediator"
) -> None:
    """The mediator (or co-mediator, or observer: `chair`) must be one of the provider's
    mediators and pass every check in `ineligibility`."""
    if mediator is None:
        if required:
            raise MeetingError(f"Choose the {chair}.")
        return
    membership = Membership.objects.filter(
        user=mediator, provider_id=case.provider_id, role=Role.MEDIATOR
    ).first()
    if membership is None:
        raise MeetingError(f"{mediator} is not a mediator of {case.provider}.")
    reason = ineligibility(case, membership)
    if reason:
        raise MeetingError(reason, field=chair.replace("-", "_"))


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
        Q(mediator=mediator) | Q(co_mediator=mediator) | Q(observer=mediator),
        case__provider_id=case.provider_id,
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
    for person in (details.mediator, details.co_mediator, details.observer):
        if person is None:
            continue
        lock_mediator_diary(case, person)
        clash = clashing_meetings(case, person, details.starts_at, details.ends_at, exclude).first()
        if clash is not None:
            start = timezone.localtime(clash.starts_at)
            end = timezone.localtime(clash.ends_at)
            raise MeetingError(
                f"{person} is already booked from {start:%H:%M} to {end:%H:%M} on "
                f"{start:%-d %B %Y} ({clash.get_kind_display().lower()}, case "
                f"{clash.case.reference}). Choose another time or another mediator."
            )


def check_second_chairs(case: Case, details: MeetingDetails) -> None:
    """A co-mediator and an observer pass the mediator's checks, and are three people."""
    chairs = {"co-mediator": details.co_mediator, "observer": details.observer}
    for chair, person in chairs.items():
        if person is None:
            continue
        if details.mediator is None:
            raise MeetingError(f"Choose the mediator before a {chair}.")
        check_mediator(case, person, required=False, chair=chair)
    people = [p.pk for p in (details.mediator, *chairs.values()) if p is not None]
    if len(people) != len(set(people)):
        raise MeetingError("The mediator, co-mediator and observer must be different people.")


def check_room_free(case: Case, details: MeetingDetails, exclude: int | None = None) -> None:
    """A room of one of the provider's venues, and not booked for an overlapping meeting. The
    room's row is locked first, as the mediator's diary is."""
    if details.room is None:
        return
    room = (
        Room.objects.select_for_update()
        .filter(pk=details.room.pk, venue__provider_id=case.provider_id)
        .first()
    )
    if room is None:
        raise MeetingError("That room is not at one of this service's venues.")
    clashes = Meeting.objects.filter(
        room=room,
        cancelled_at__isnull=True,
        starts_at__lt=details.ends_at,
        ends_at__gt=details.starts_at,
    )
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude)
    if clashes.exists():
        raise MeetingError(f"{room} is already booked at that time: choose another room or time.")
