"""The service manager's view of who is doing what: each adviser's and mediator's open cases,
the advice calls and meetings they held in a period and the meetings booked ahead; and the
approved fee claims of freelance mediators for payment. One provider's people only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.meetings.models import ClaimStatus, FeeClaim, Meeting, MiasCall
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from accord.reports.routing import on_report_database
from accord.reports.scope import Period
from accord.rules import date_in_england

WORKERS = (Role.ADVISER, Role.MEDIATOR)


@dataclass(frozen=True)
class Workload:
    name: str
    roles: str
    open_as_adviser: int
    open_as_mediator: int
    calls_held: int
    meetings_held: int
    meetings_ahead: int


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _grouped(rows: QuerySet[Any], key: str) -> dict[int, int]:
    """How many rows each person (by the user id in `key`) has."""
    counted = rows.values(key).annotate(n=Count("id")).order_by()
    return {r[key]: r["n"] for r in counted if r[key] is not None}


@on_report_database
def workload(provider_id: int, period: Period, now: datetime) -> list[Workload]:
    """One row per adviser and mediator of the provider, by name."""
    people: dict[int, tuple[str, list[str]]] = {}
    for m in Membership.objects.filter(provider_id=provider_id, role__in=WORKERS).select_related(
        "user"
    ):
        people.setdefault(m.user_id, (m.user.full_name, []))[1].append(Role(m.role).label)
    open_cases = Case.objects.filter(provider_id=provider_id).exclude(state=CaseState.CLOSED)
    as_adviser = _grouped(open_cases, "adviser_id")
    as_mediator = _grouped(open_cases, "mediator_id")
    calls = _grouped(
        MiasCall.objects.filter(
            case__provider_id=provider_id, held_on__gte=period.start, held_on__lte=period.end
        ),
        "adviser_id",
    )
    meetings = Meeting.objects.filter(case__provider_id=provider_id, cancelled_at__isnull=True)
    held_in_period = meetings.filter(
        held=True,
        starts_at__gte=_moment(period.start),
        starts_at__lt=_moment(period.end + timedelta(days=1)),
    )
    held: dict[int, int] = defaultdict(int)
    ahead: dict[int, int] = defaultdict(int)
    for field in ("mediator_id", "co_mediator_id"):
        for person, n in _grouped(held_in_period, field).items():
            held[person] += n
        for person, n in _grouped(meetings.filter(held=False, starts_at__gte=now), field).items():
            ahead[person] += n
    rows = [
        Workload(
            name=name,
            roles=", ".join(sorted(held_roles)),
            open_as_adviser=as_adviser.get(user_id, 0),
            open_as_mediator=as_mediator.get(user_id, 0),
            calls_held=calls.get(user_id, 0),
            meetings_held=held.get(user_id, 0),
            meetings_ahead=ahead.get(user_id, 0),
        )
        for user_id, (name, held_roles) in people.items()
    ]
    return sorted(rows, key=lambda r: r.name.casefold())


FEE_COLUMNS = [
    "claim",
    "mediator",
    "meeting_date",
    "meeting_kind",
    "case_reference",
    "fee",
    "expenses",
    "expenses_for",
    "total",
    "approved_on",
    "approved_by",
]


@on_report_database
def approved_claims(provider_id: int, period: Period) -> list[dict[str, str]]:
    """The approved claims for meetings held in the period, for payment: the mediator, the
    meeting and the amounts; the case only by its reference, nobody else named."""
    claims = (
        FeeClaim.objects.filter(
            Q(meeting__case__provider_id=provider_id),
            status=ClaimStatus.APPROVED,
            meeting__starts_at__gte=_moment(period.start),
            meeting__starts_at__lt=_moment(period.end + timedelta(days=1)),
        )
        .select_related("meeting__case", "mediator", "decided_by")
        .order_by("mediator__full_name", "meeting__starts_at", "pk")
    )
    rows = []
    for c in claims:
        assert c.decided_at is not None and c.decided_by is not None
        rows.append(
            {
                "claim": str(c.pk),
                "mediator": c.mediator.full_name,
                "meeting_date": date_in_england(c.meeting.starts_at).isoformat(),
                "meeting_kind": c.meeting.get_kind_display(),
                "case_reference": c.meeting.case.reference,
                "fee": f"{c.fee:.2f}",
                "expenses": f"{c.expenses:.2f}",
                "expenses_for": c.expenses_note,
                "total": f"{c.total:.2f}",
                "approved_on": date_in_england(c.decided_at).isoformat(),
                "approved_by": c.decided_by.full_name,
            }
        )
    return rows


def claims_total(rows: list[dict[str, str]]) -> Decimal:
    return sum((Decimal(r["total"]) for r in rows), Decimal(0))
