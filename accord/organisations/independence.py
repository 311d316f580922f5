"""Mediators' accreditations and declared conflicts of interest, and the check made whenever a
mediator is put on a case.

A mediator may not mediate a case of a local authority that employs them (SEND Regs 2014
reg 35(4); rules.md, "Mediator independence"), nor one involving a body or school they have
declared a conflict with (CoP 11.33: the mediator is independent of the parties), nor while an
accreditation the provider recorded for them has run out. Accreditations are kept per provider,
as each provider checks them itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from accord.organisations.changes import SetupError, record_change, snapshot
from accord.organisations.models import (
    Accreditation,
    AccreditationKind,
    ConflictOfInterest,
    HealthBody,
    LocalAuthority,
    Membership,
    Provider,
    User,
)
from accord.organisations.roles import Role
from accord.rules import today_in_england

# How long before an accreditation runs out the mediator and their managers are warned.
WARN_BEFORE = timedelta(days=60)
ACCREDITATION_FIELDS = ("kind", "reference", "expires_on")


@dataclass(frozen=True)
class AccreditationWarning:
    accreditation: Accreditation
    expired: bool

    @property
    def words(self) -> str:
        a = self.accreditation
        when = f"{a.expires_on.day} {a.expires_on:%B %Y}"
        if self.expired:
            return f"{a.get_kind_display()} of {a.user} ran out on {when}."
        return f"{a.get_kind_display()} of {a.user} runs out on {when}."


def _mediator_of(provider: Provider, person: User) -> None:
    if not Membership.objects.filter(user=person, provider=provider, role=Role.MEDIATOR).exists():
        raise SetupError(f"{person} is not a mediator of {provider}.")


def record_accreditation(
    provider: Provider,
    person: User,
    *,
    by: User,
    kind: AccreditationKind,
    reference: str,
    expires_on: date,
) -> Accreditation:
    _mediator_of(provider, person)
    with transaction.atomic():
        accreditation = Accreditation.objects.create(
            provider=provider, user=person, kind=kind, reference=reference, expires_on=expires_on
        )
        record_change(
            provider,
            f"Recorded {accreditation.get_kind_display()} for {person}",
            by=by,
            subject=person.email,
            after=snapshot(accreditation, ACCREDITATION_FIELDS),
        )
    return accreditation


def renew_accreditation(
    accreditation: Accreditation, *, by: User, reference: str, expires_on: date
) -> Accreditation:
    with transaction.atomic():
        before = snapshot(accreditation, ACCREDITATION_FIELDS)
        accreditation.reference = reference
        accreditation.expires_on = expires_on
        accreditation.save()
        record_change(
            accreditation.provider,
            f"Changed {accreditation.get_kind_display()} of {accreditation.user}",
            by=by,
            subject=accreditation.user.email,
            before=before,
            after=snapshot(accreditation, ACCREDITATION_FIELDS),
        )
    return accreditation


def declare_conflict(
    provider: Provider,
    person: User,
    *,
    by: User,
    reason: str,
    local_authority: LocalAuthority | None = None,
    health_body: HealthBody | None = None,
    school: str = "",
) -> ConflictOfInterest:
    _mediator_of(provider, person)
    named = [x for x in (local_authority, health_body, school.strip()) if x]
    if len(named) != 1:
        raise SetupError("Name one local authority, ICB or school the conflict is with.")
    with transaction.atomic():
        conflict = ConflictOfInterest.objects.create(
            provider=provider,
            user=person,
            local_authority=local_authority,
            health_body=health_body,
            school=school.strip(),
            reason=reason.strip(),
            declared_on=today_in_england(),
        )
        record_change(
            provider,
            f"Recorded a conflict of interest of {person} with {conflict.subject}",
            by=by,
            subject=person.email,
            after={"with": conflict.subject, "reason": conflict.reason},
        )
    return conflict


def withdraw_conflict(conflict: ConflictOfInterest, *, by: User) -> None:
    with transaction.atomic():
        ConflictOfInterest.objects.filter(pk=conflict.pk).delete()
        record_change(
            conflict.provider,
            f"Removed the conflict of interest of {conflict.user} with {conflict.subject}",
            by=by,
            subject=conflict.user.email,
            before={"with": conflict.subject, "reason": conflict.reason},
        )


def accreditation_warnings(
    provider: Provider, today: date, person: User | None = None
) -> list[AccreditationWarning]:
    """Accreditations that have run out, or run out within WARN_BEFORE: only the latest of each
    kind for each mediator counts (a renewal recorded as a new row replaces the old one)."""
    rows = Accreditation.objects.filter(provider=provider).select_related("user")
    if person is not None:
        rows = rows.filter(user=person)
    latest: dict[tuple[int, str], Accreditation] = {}
    for row in rows.order_by("expires_on"):
        latest[(row.user_id, row.kind)] = row
    return [
        AccreditationWarning(a, expired=a.has_expired(today))
        for a in sorted(latest.values(), key=lambda a: a.expires_on)
        if a.expires_on <= today + WARN_BEFORE
    ]


def independence_problem(
    provider_id: int,
    mediator: User,
    *,
    local_authority_id: int | None,
    health_body_id: int | None,
    school: str,
    today: date,
) -> str | None:
    """Why `mediator` may not mediate a case with these parties, or None if they may."""
    return independence_problems(
        provider_id,
        [mediator],
        local_authority_id=local_authority_id,
        health_body_id=health_body_id,
        school=school,
        today=today,
    )[mediator.pk]


def independence_problems(
    provider_id: int,
    mediators: list[User],
    *,
    local_authority_id: int | None,
    health_body_id: int | None,
    school: str,
    today: date,
) -> dict[int, str | None]:
    """`independence_problem` for many mediators at once (by user id), in four queries
    whatever their number: the scheduling assistant asks it of every mediator."""
    ids = [m.pk for m in mediators]
    membership_of: dict[int, Membership] = {}
    for membership in Membership.objects.filter(
        user_id__in=ids, provider_id=provider_id, role=Role.MEDIATOR
    ).select_related("employed_by_local_authority"):
        membership_of.setdefault(membership.user_id, membership)
    conflicts: dict[int, list[ConflictOfInterest]] = {}
    for conflict in ConflictOfInterest.objects.filter(
        provider_id=provider_id, user_id__in=ids
    ).select_related("local_authority", "health_body"):
        conflicts.setdefault(conflict.user_id, []).append(conflict)
    provider = Provider.objects.get(pk=provider_id)
    expired: dict[int, list[AccreditationWarning]] = {}
    for warning in accreditation_warnings(provider, today):
        if warning.expired:
            expired.setdefault(warning.accreditation.user_id, []).append(warning)
    problems: dict[int, str | None] = {}
    for mediator in mediators:
        problems[mediator.pk] = _problem_of(
            mediator,
            membership_of.get(mediator.pk),
            conflicts.get(mediator.pk, []),
            expired.get(mediator.pk, []),
            local_authority_id=local_authority_id,
            health_body_id=health_body_id,
            school=school,
        )
    return problems


def _problem_of(
    mediator: User,
    membership: Membership | None,
    conflicts: list[ConflictOfInterest],
    expired: list[AccreditationWarning],
    *,
    local_authority_id: int | None,
    health_body_id: int | None,
    school: str,
) -> str | None:
    if membership is not None and membership.employed_by_local_authority_id == local_authority_id:
        return (
            f"{mediator} is employed by {membership.employed_by_local_authority} and cannot "
            "mediate its cases: choose an independent mediator."
        )
    for conflict in conflicts:
        clash = (
            (
                conflict.local_authority_id is not None
                and conflict.local_authority_id == local_authority_id
            )
            or (conflict.health_body_id is not None and conflict.health_body_id == health_body_id)
            or (bool(conflict.school) and conflict.school.casefold() == school.strip().casefold())
        )
        if clash:
            return (
                f"{mediator} has declared a conflict of interest with {conflict.subject} "
                f"({conflict.reason}): choose another mediator."
            )
    if expired:
        return (
            f"{expired[0].words} Record the renewal before assigning them, or choose "
            "another mediator."
        )
    return None
