"""Logs as JSON lines with a request id, carried into the worker's jobs; Sentry without
personal data (issue 11, section 7)."""

from __future__ import annotations

import contextvars
import json
import logging
import sys

import pytest
import sentry_sdk
from django.test import Client
from django.urls import reverse
from django_q.signals import pre_enqueue, pre_execute

from accord.ops import error_reporting, request_id
from accord.ops.logs import JsonLinesFormatter


def test_each_response_carries_a_request_id_and_a_good_one_from_the_proxy_is_kept(db):
    made = Client().get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    kept = Client(HTTP_X_REQUEST_ID="proxy-1234abcd").get("/healthz")["X-Request-ID"]
    assert kept == "proxy-1234abcd"
    odd = Client(HTTP_X_REQUEST_ID="<script>").get("/healthz")["X-Request-ID"]
    assert odd != "<script>"
    assert len(odd) == 32


def test_log_lines_are_json_with_the_request_id():
    record = logging.LogRecord("accord.x", logging.WARNING, __file__, 1, "sent %s", ("3",), None)
    request_id.RequestIdFilter().filter(record)
    line = json.loads(JsonLinesFormatter().format(record))
    assert line["message"] == "sent 3"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "-"
    assert line["time"].endswith("+00:00")


def test_an_exception_is_kept_in_one_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("a", logging.ERROR, __file__, 1, "x", (), sys.exc_info())
    text = JsonLinesFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: broken" in json.loads(text)["exception"]


def test_a_job_queued_by_a_request_logs_under_its_id(db, monkeypatch):
    """The outbox delivery that a request queues runs with that request's id."""
    seen: list[str] = []
    task: dict = {"id": "abc"}
    token = request_id._current.set("req-12345678")
    try:
        request_id.carry_into_task("django_q", task=task)
    finally:
        request_id._current.reset(token)
    assert task[request_id.TASK_KEY] == "req-12345678"

    def run_job(job: dict) -> None:
        request_id.take_from_task("django_q", func=None, task=job)
        seen.append(request_id.current())

    contextvars.copy_context().run(run_job, task)
    contextvars.copy_context().run(run_job, {"id": "scheduled"})
    assert seen == ["req-12345678", "task-scheduled"]


def test_django_q_signals_are_connected(db):
    assert pre_enqueue.has_listeners()
    assert pre_execute.has_listeners()


@pytest.fixture
def sentry_events():
    events: list[dict] = []
    error_reporting.init_error_reporting("https://key@sentry.example.invalid/1", environment="t")
    client = sentry_sdk.get_client()
    client.transport = None
    yield client, events
    sentry_sdk.init()  # no DSN: reporting off again


def test_sentry_is_set_up_to_send_no_personal_data(sentry_events):
    client, _ = sentry_events
    assert client.options["data_collection"]["user_info"] is False
    assert client.options["data_collection"]["http_bodies"] == []
    assert client.options["include_local_variables"] is False
    assert client.options["max_request_body_size"] == "never"
    assert client.options["before_send"] is error_reporting.scrub


def test_a_report_loses_the_query_string_body_and_cookies():
    event = {
        "request": {
            "url": "https://accord.example/cases/",
            "query_string": "q=Amelia+Smith",
            "data": {"first_name": "Amelia"},
            "cookies": {"sessionid": "s"},
            "headers": {"Cookie": "sessionid=s", "User-Agent": "x"},
        }
    }
    scrubbed = error_reporting.scrub(event)
    assert "Amelia" not in json.dumps(scrubbed)
    assert scrubbed["request"]["headers"] == {"User-Agent": "x"}
    assert scrubbed["tags"]["request_id"] == "-"


def test_the_sign_in_page_logs_nothing_personal_by_default(db, caplog):
    with caplog.at_level(logging.INFO):
        Client().post(reverse("login"), {"username": "a@example.org", "password": "x"})
    assert all("password" not in r.getMessage().lower() for r in caplog.records)
