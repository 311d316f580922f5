"""What every resource shares: who may call it (a client with the view's scope), the case it
is about (through the pages' selector, so another body's case is a 404) and the read audit."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.auth import client_of
from accord.api.models import ApiCall, ApiClient
from accord.api.problems import PROBLEM_TYPE, ProblemSerializer
from accord.cases.audit import record_case_read
from accord.cases.models import Case
from accord.cases.selectors import case_for
from accord.organisations.access import ACCESS_ATTRIBUTE, AccessRule
from accord.organisations.models import Membership, User

# The errors every operation may answer with, as problem documents.
PROBLEM = OpenApiResponse(ProblemSerializer, description="A problem (RFC 9457).")
PROBLEMS: dict[int, OpenApiResponse] = {code: PROBLEM for code in (400, 401, 403, 404, 406, 429)}


def problems(*extra: int) -> dict[int | tuple[int, str], Any]:
    answers: dict[int | tuple[int, str], Any] = {}
    for code in (*PROBLEMS, *extra):
        answers[(code, PROBLEM_TYPE)] = PROBLEM
    return answers


LARGEST_ID = 2**63 - 1


def row_id(value: str) -> int:
    """An id from the path, or 404: a malformed or impossibly large one is no row."""
    if not value.isascii() or not value.isdigit() or int(value) > LARGEST_ID:
        raise Http404("No such record")
    return int(value)


def id_parameter(name: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH)


class Newest(CursorPagination):
    ordering = "-pk"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class Oldest(CursorPagination):
    """Events in the order they happened: the `next` link is the cursor to poll from."""

    ordering = "pk"
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"


class ApiView(GenericAPIView[Any]):
    """A resource. `required_scope` is checked before the view runs (accord.api.auth)."""

    required_scope: ClassVar[str]
    pagination_class: type[CursorPagination] | None = None

    def membership(self) -> Membership:
        return client_of(self.request).membership

    def user(self) -> User:
        return self.membership().user

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        """Every call a client makes is logged, whatever its answer."""
        client = request.auth
        if isinstance(client, ApiClient):
            ApiCall.objects.create(
                client=client,
                method=request.method or "",
                path=request.path[:300],
                status=response.status_code,
            )
        return super().finalize_response(request, response, *args, **kwargs)

    def case(self, reference: str, *, what: str) -> Case:
        """The case, as the client's officers would open it on its page; the read is audited."""
        case = case_for(self.membership(), reference)
        record_case_read(case, by=self.user(), what=f"API: {what}")
        return case


# Every view in the URLconf declares who may use it (accord.organisations.access): these are
# for API clients, let in by a token with the view's scope.
setattr(ApiView, ACCESS_ATTRIBUTE, AccessRule("api-client"))
