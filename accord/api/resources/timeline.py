"""Meetings (read) and the case's events since a cursor: only the kinds whose declared audience
includes officers (accord.cases.timeline), exactly as the case page shows them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.models import Scope
from accord.api.resources.base import ApiView, Oldest, problems
from accord.api.serializers import EventOut, MeetingOut
from accord.cases.selectors import timeline_for
from accord.meetings.selectors import meetings_for


class MeetingList(ApiView):
    """The case's meetings the body's officers may see."""

    required_scope = Scope.MEETINGS
    serializer_class = MeetingOut

    @extend_schema(
        operation_id="list_meetings", responses={200: MeetingOut(many=True), **problems()}
    )
    def get(self, request: Request, reference: str) -> Response:
        case = self.case(reference, what="read meetings")
        meetings = [
            {
                "id": m.pk,
                "kind": m.kind,
                "format": m.format,
                "starts_at": m.starts_at,
                "ends_at": m.ends_at,
                "notice_sent_on": m.notice_sent_on,
                "cancelled": m.cancelled_at is not None,
                "held": m.held,
            }
            for m in meetings_for(self.membership(), case)
        ]
        return Response(MeetingOut(meetings, many=True).data)


class EventList(ApiView):
    """The case's events the body may see, oldest first; keep `next` to poll for newer."""

    required_scope = Scope.EVENTS
    serializer_class = EventOut
    pagination_class = Oldest

    @extend_schema(operation_id="list_events", responses={200: EventOut(many=True), **problems()})
    def get(self, request: Request, reference: str) -> Response:
        case = self.case(reference, what="read case events")
        events = timeline_for(self.membership(), case).select_related(None)
        page = self.paginate_queryset(events)
        assert page is not None
        return self.get_paginated_response(EventOut(page, many=True).data)
