"""A request id in every log line of a request, and of the worker's job that the request queued.

The id comes from the proxy's `X-Request-ID` header when it looks like one, or is made here; it is
returned in the response's `X-Request-ID` header, so a person reporting a problem can quote it.
Loaded by the logging configuration, so this module imports no models.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
TASK_KEY = "accord_request_id"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: ContextVar[str] = ContextVar("accord_request_id", default="-")


def current() -> str:
    return _current.get()


def new_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the middleware list, so every later log line of the request carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        token = _current.set(given if _ACCEPTED.match(given) else new_id())
        try:
            response = self.get_response(request)
            response[HEADER] = _current.get()
            return response
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True


def carry_into_task(sender: Any, task: dict[str, Any], **_: Any) -> None:
    """django-q2's pre_enqueue: the queued task carries the id of the request that queued it."""
    if _current.get() != "-":
        task[TASK_KEY] = _current.get()


# The ids set for the jobs running now, to put back what was there before when each ends (a job
# run inline, as in the tests or a synchronous cluster, must not leave its id behind).
_task_tokens: list[Token[str]] = []


def take_from_task(sender: Any, func: Any, task: dict[str, Any], **_: Any) -> None:
    """django-q2's pre_execute: the worker logs the job under the request's id (or a new one)."""
    _task_tokens.append(_current.set(str(task.get(TASK_KEY) or f"task-{task.get('id', new_id())}")))


def end_of_task(sender: Any, func: Any, task: dict[str, Any], **_: Any) -> None:
    """django-q2's post_execute_in_worker: the id from before the job is back."""
    if _task_tokens:
        _current.reset(_task_tokens.pop())
