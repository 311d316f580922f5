"""Sends the reports' reads to a read replica when one is configured (DATABASE_REPLICA_URL).

Report selectors run inside `report_reads()`; while it is active, `ReplicaRouter` answers reads
with the `replica` alias if settings define one. Writes, and every read outside reports, stay on
`default`, so casework always sees its own writes; reports tolerate the replica's small lag.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db import connections

REPLICA = "replica"

_reading_reports: ContextVar[bool] = ContextVar("accord_reading_reports", default=False)

P = ParamSpec("P")
R = TypeVar("R")


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def report_reads() -> Iterator[None]:
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def on_report_database(selector: Callable[P, R]) -> Callable[P, R]:
    """Runs a report selector with its reads routed to the replica (when there is one). The
    selector must return evaluated data, not a lazy queryset."""

    @functools.wraps(selector)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with report_reads():
            return selector(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads inside report selectors go to the replica."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reading_reports.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as default: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica is a copy made by PostgreSQL replication, never migrated by Django.
        return db != REPLICA
