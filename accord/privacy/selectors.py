"""Reads of the access log, scoped to the manager's own provider."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from accord.cases.models import Case, CaseAccess
from accord.organisations.models import Membership, User
from accord.rules import ENGLAND

SHOWN_ON_CASE_PAGE = 50


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ENGLAND)


def accesses_for(
    membership: Membership,
    *,
    person: User | None = None,
    case_reference: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str = "",
) -> QuerySet[CaseAccess]:
    """The provider's access log, newest first, filtered; a case is matched by reference whether
    the entry names the case or a read of it before it was one."""
    rows = CaseAccess.objects.filter(provider=membership.provider).select_related("user", "case")
    if person is not None:
        rows = rows.filter(user=person)
    if case_reference:
        rows = rows.filter(Q(case__reference=case_reference) | Q(subject=case_reference))
    if date_from is not None:
        rows = rows.filter(at__gte=_start_of(date_from))
    if date_to is not None:
        rows = rows.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-at", "-id")


def seen_by(case: Case) -> list[CaseAccess]:
    """Who has seen this case, latest first (the case page's section)."""
    return list(case.accesses.select_related("user").order_by("-at", "-id")[:SHOWN_ON_CASE_PAGE])


def people_of(membership: Membership) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__provider=membership.provider)
        .distinct()
        .order_by("full_name")
    )
