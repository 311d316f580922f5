"""Errors as RFC 9457 problem details (`application/problem+json`), naming the field at fault.

DRF's own handler decides the status (401, 403, 404 for Django's Http404, 429, …); this turns
its answer into a problem document. A refusal by the journey's rules (`CaseError`,
`IllegalTransition`) is a 422 with the field the service named.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accord.cases.services import CaseError
from accord.cases.states import IllegalTransition

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "The request is not valid",
    401: "Authentication needed",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    422: "Refused by the rules of the case",
    429: "Too many requests",
}


class FieldProblemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field at fault, as a JSON path (a.b.0.c).")
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = FieldProblemSerializer(many=True, required=False)


class Refused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Refused by the rules of the case."


def _field_errors(data: Any, path: str = "") -> list[dict[str, str]]:
    if isinstance(data, dict):
        found: list[dict[str, str]] = []
        for key, value in data.items():
            name = (
                path
                if key in {"non_field_errors", "detail"}
                else ".".join(filter(None, [path, str(key)]))
            )
            found += _field_errors(value, name)
        return found
    if isinstance(data, list):
        if all(not isinstance(v, dict | list) for v in data):
            return [{"field": path, "detail": str(v)} for v in data]
        found = []
        for index, value in enumerate(data):
            found += _field_errors(value, ".".join(filter(None, [path, str(index)])))
        return found
    return [{"field": path, "detail": str(data)}]


def problem(status_code: int, detail: str, errors: list[dict[str, str]] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM_TYPE)


def handle_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, CaseError | IllegalTransition):
        field = getattr(exc, "field", "")
        return problem(422, str(exc), [{"field": field, "detail": str(exc)}] if field else None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    errors = _field_errors(response.data)
    named = [e for e in errors if e["field"]]
    detail = errors[0]["detail"] if len(errors) == 1 and not named else ""
    if not detail:
        detail = (
            "Check the fields named in errors." if named else TITLES.get(response.status_code, "")
        )
    answered = problem(response.status_code, detail, named or None)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            answered[header] = response[header]
    return answered
