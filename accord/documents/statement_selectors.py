"""Who reads which case statement (style.md #6: scoped at the query).

A statement is confidential to its party and the mediation team. The party reads it once it has
been sent to them (the version sent); another party reads it only when its party chose to share
it and it is signed. Staff and the case's mediator read every one. Anything else is a 404, the
same answer whether the statement exists or not.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.cases.models import Case, Party
from accord.documents.statement_models import CaseStatement, StatementState


def statements_on(case: Case) -> QuerySet[CaseStatement]:
    """Every statement on the case: for the mediation team only."""
    return (
        CaseStatement.objects.filter(case=case)
        .select_related("party", "sent_version", "meeting")
        .order_by("party__role", "party__name", "pk")
    )


def statement_on_case(case: Case, statement_id: int) -> CaseStatement:
    statement = statements_on(case).filter(pk=statement_id).first()
    if statement is None:
        raise Http404("No such statement")
    return statement


def readable_by_parties(case: Case, parties: Iterable[Party]) -> QuerySet[CaseStatement]:
    """What these parties may read: their own once sent, and others' shared and signed."""
    own = Q(party__in=list(parties), sent_version__isnull=False)
    shared = Q(shared_at__isnull=False, state=StatementState.SIGNED)
    return statements_on(case).filter(own | shared)


def statement_for_parties(case: Case, parties: Iterable[Party], statement_id: int) -> CaseStatement:
    statement = readable_by_parties(case, parties).filter(pk=statement_id).first()
    if statement is None:
        raise Http404("No such statement")
    return statement
