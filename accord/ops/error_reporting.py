"""Errors reported to Sentry (or a compatible service) when SENTRY_DSN is set.

A report must not carry a child's details: no request bodies, no local variables, no cookies, no
query strings (a search for a name), no user details; the stack, the path
and the request id, which finds the report's log lines."""

from __future__ import annotations

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from accord.ops import request_id

DROPPED_FROM_REQUEST = ("query_string", "data", "cookies", "env")


def scrub(event: Any, hint: Any = None) -> Any:
    """before_send: what is left of the request, and the request id as a tag."""
    request = event.get("request") or {}
    for key in DROPPED_FROM_REQUEST:
        request.pop(key, None)
    headers = request.get("headers") or {}
    request["headers"] = {k: v for k, v in headers.items() if k.lower() not in {"cookie"}}
    event.setdefault("tags", {})["request_id"] = request_id.current()
    return event


def init_error_reporting(dsn: str, *, environment: str, traces_sample_rate: float = 0.0) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        # What the integrations may collect: no user, cookies, bodies, query strings, SQL
        # parameters or local variables.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
    )
