"""Cases: the list (newest first, cursor-paged) and one case with every clock."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.models import Scope
from accord.api.resources.base import ApiView, Newest, problems
from accord.api.serializers import CaseDetailOut, CaseOut, ClockOut, case_out, clock_out
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case
from accord.cases.selectors import cases_for
from accord.rules import today_in_england

# The columns the list shows: nothing else is read from the database ("pk" orders the pages).
LIST_COLUMNS = (
    "pk",
    "reference",
    "state",
    "route",
    "suggested_route",
    "local_authority__code",
    "health_body__code",
    "received_on",
    "decision_kind",
    "decision_notice_sent_on",
    "next_deadline_on",
    "next_deadline_clock",
)


class CaseList(ApiView):
    """The cases the client's body is a party to, newest first (cursor-paged)."""

    required_scope = Scope.CASES
    pagination_class = Newest
    serializer_class = CaseOut

    def get_queryset(self) -> QuerySet[Case, dict[str, Any]]:
        # Rows as plain values, not cases: a page of 50 is the hot path of every council's
        # system, and building a model and running the serializer's fields for each row cost
        # more than the query (docs/performance.md). `case_out` gives what CaseOut would.
        return cases_for(self.membership()).values(*LIST_COLUMNS)

    @extend_schema(operation_id="list_cases", responses={200: CaseOut(many=True), **problems()})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        return self.get_paginated_response([case_out(row) for row in page])


class CaseDetail(ApiView):
    """One case: its stage, route and every statutory clock with its due date, status and
    legal basis."""

    required_scope = Scope.CASES
    serializer_class = CaseDetailOut

    @extend_schema(operation_id="get_case", responses={200: CaseDetailOut, **problems()})
    def get(self, request: Request, reference: str) -> Response:
        case = self.case(reference, what="read case and clocks")
        case = Case.objects.select_related("local_authority", "health_body").get(pk=case.pk)
        today = today_in_england()
        data: dict[str, Any] = dict(CaseOut(case).data)
        clocks = [clock_out(d, today) for d in deadlines_for(case, clock_facts_for(case))]
        data["clocks"] = ClockOut(clocks, many=True).data
        return Response(data)
