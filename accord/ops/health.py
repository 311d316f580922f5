"""`/healthz` (the process is up) and `/readyz` (it can do its work) for load balancers and
monitoring. No sign-in, not audited, and no personal data: each check answers ok or a short
reason with a count or an age."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_q.models import Task

from accord.notifications.models import MessageStatus, OutboxMessage
from accord.organisations.access import public

UNSENT = (MessageStatus.QUEUED, MessageStatus.SENDING)


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def migrations() -> str:
    executor = MigrationExecutor(connection)
    waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not waiting else f"{len(waiting)} migrations not applied"


def worker() -> str:
    """The background worker has finished a job lately (the outbox runs every minute)."""
    last = Task.objects.order_by("-stopped").values_list("stopped", flat=True).first()
    limit = timedelta(seconds=settings.ACCORD_READY_WORKER_SECONDS)
    if last is None:
        return "no job finished yet"
    age = timezone.now() - last
    return "ok" if age <= limit else f"last job finished {int(age.total_seconds())} s ago"


def outbox() -> str:
    unsent = OutboxMessage.objects.filter(status__in=UNSENT)
    backlog = unsent.count()
    if backlog > settings.ACCORD_READY_OUTBOX_BACKLOG:
        return f"{backlog} messages waiting"
    oldest = unsent.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is not None:
        age = int((timezone.now() - oldest).total_seconds())
        if age > settings.ACCORD_READY_OUTBOX_OLDEST_SECONDS:
            return f"oldest unsent message waiting {age} s"
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": database,
    "migrations": migrations,
    "worker": worker,
    "outbox": outbox,
}


def readiness() -> dict[str, str]:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except DatabaseError:
            results[name] = "database error"
    return results


@never_cache
@public
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@public
def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )
