"""`/metrics` in the Prometheus text format: counts only, read from the database when scraped.

Who may read it: with ACCORD_METRICS_TOKEN set, a scraper sending `Authorization: Bearer <token>`;
without it, only a scraper on the same machine (127.0.0.1 or ::1). Anyone else gets 404, as if
there were no such page.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from accord.cases.models import CaseClock
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.organisations.access import public
from accord.organisations.models import Provider
from accord.rules import today_in_england

LOOPBACK = frozenset({"127.0.0.1", "::1"})


def _per_provider(name: str, documentation: str, counts: dict[int, int]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=["provider"])
    for provider in Provider.objects.order_by("case_prefix"):
        family.add_metric([provider.case_prefix], counts.get(provider.pk, 0))
    return family


def _counts(queryset: object) -> dict[int, int]:
    rows = queryset.values("provider_id").annotate(n=Count("pk"))  # type: ignore[attr-defined]
    return {row["provider_id"]: row["n"] for row in rows}


class AccordCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        unsent = OutboxMessage.objects.filter(
            status__in=(MessageStatus.QUEUED, MessageStatus.SENDING)
        )
        yield _per_provider("accord_outbox_backlog", "Messages waiting to be sent", _counts(unsent))
        failed = OutboxMessage.objects.filter(status=MessageStatus.FAILED)
        yield _per_provider(
            "accord_outbox_failed", "Messages that failed for good", _counts(failed)
        )
        oldest = unsent.order_by("created_at").values_list("created_at", flat=True).first()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "accord_outbox_oldest_unsent_seconds", "Age of the oldest unsent message", value=age
        )
        overdue = CaseClock.objects.filter(
            due_on__lt=today_in_england(), done_on__isnull=True, for_family=False
        )
        yield _per_provider(
            "accord_clocks_overdue", "Statutory clocks past their due date", _counts(overdue)
        )


REGISTRY = CollectorRegistry()
REGISTRY.register(AccordCollector())


def may_read(request: HttpRequest) -> bool:
    token = settings.ACCORD_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    return request.META.get("REMOTE_ADDR", "") in LOOPBACK


@never_cache
@public
def metrics(request: HttpRequest) -> HttpResponse:
    """Public in the access rules (no sign-in), guarded by a token or the loopback address."""
    if not may_read(request):
        raise Http404
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
