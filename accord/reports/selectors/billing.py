"""What a contract bills for: the advice calls, mediation meetings and disagreement resolution
meetings held for the body in a span of days (accord.reports.billing prices them).

A case's activity is billed to its LA, except on the health-only mediation route, which the ICB
arranges and pays for (CFA 2014 s.53 and s.54; docs/reports.md, "Contracts and billing"). Counts
only: no case, child or person is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accord.cases.choices import Route
from accord.meetings.models import Meeting, MeetingKind, MiasCall
from accord.organisations.models import Contract, Membership
from accord.organisations.roles import Role
from accord.reports.routing import on_report_database


@dataclass(frozen=True)
class Activity:
    advice_calls: int
    mediations: int
    dr_meetings: int


def _cases_billed_to(contract: Contract, prefix: str) -> Q:
    """The cases whose activity this contract pays for (`prefix` leads to the case)."""
    q = Q(**{f"{prefix}provider_id": contract.provider_id})
    health_only = Q(**{f"{prefix}route": Route.HEALTH_ONLY_MEDIATION})
    if contract.local_authority_id is not None:
        return q & Q(**{f"{prefix}local_authority_id": contract.local_authority_id}) & ~health_only
    return q & Q(**{f"{prefix}health_body_id": contract.health_body_id}) & health_only


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


@on_report_database
def activity(contract: Contract, first: date, last: date) -> Activity:
    """What was held for the contract's body from `first` to `last`, both days included (a
    meeting on the day it began, in England)."""
    calls = MiasCall.objects.filter(
        _cases_billed_to(contract, "case__"), held_on__gte=first, held_on__lte=last
    ).count()
    meetings = Meeting.objects.filter(
        _cases_billed_to(contract, "case__"),
        held=True,
        starts_at__gte=_start_of(first),
        starts_at__lt=_start_of(last + timedelta(days=1)),
    )
    return Activity(
        advice_calls=calls,
        mediations=meetings.filter(kind=MeetingKind.MEDIATION).count(),
        dr_meetings=meetings.filter(kind=MeetingKind.DISAGREEMENT_RESOLUTION).count(),
    )


def contracts_for(membership: Membership) -> list[Contract]:
    """The contracts a person may see statements for: a service manager all of their
    provider's; a commissioner only their own body's with that provider."""
    contracts = Contract.objects.filter(provider_id=membership.provider_id).select_related(
        "provider", "local_authority", "health_body"
    )
    if membership.role_enum == Role.SERVICE_MANAGER:
        return list(contracts)
    if membership.role_enum != Role.COMMISSIONER:
        return []
    if membership.local_authority_id is not None:
        return list(contracts.filter(local_authority_id=membership.local_authority_id))
    return list(contracts.filter(health_body_id=membership.health_body_id))
