"""Server time and SQL queries of the busiest pages, measured in-process on the bench database.

    python bench/pages.py --json bench/results/pages-10000.json

Each page is requested through Django's test client (the whole middleware, view and template
stack, no network) a number of times after a warm-up; the median and 95th percentile of the
wall time are reported, with the number of SQL queries of one request.

The floor of each page is its own SQL: the statements of one request are captured as they
were sent (each statement's text and its parameters, through a database execute wrapper) and
replayed through a cursor, as many times as the page, in a transaction rolled back at the end
(so the audit rows it writes are not kept). Sent with their parameters, they are prepared and
planned as the page's are (accord.config.settings.prepared_statements); SQL with the values
written in would be a different statement to PostgreSQL. The page's time over the floor's is
the ratio printed: what Django, the templates and the Python around the queries cost on top of
the database.

The warm-up is long enough for every statement the page repeats to be prepared (psycopg
prepares one after its fifth run on a connection): what is measured is a web process's steady
state, whose connection is kept between requests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import DEFAULT_URL, configure  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(round(fraction * len(ordered) + 0.5) - 1, 0)
    return ordered[min(index, len(ordered) - 1)]


def _stats(times: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
    }


WARMUP = 6  # one run more than accord.config.settings.PREPARE_AFTER

Statement = tuple[str, Any, bool]  # text, parameters, executemany


class _Recorder:
    """A database execute wrapper keeping each statement as the page sent it."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.statements.append((sql, params, many))
        return execute(sql, params, many, context)


def replay(statements: list[Statement], repeat: int) -> dict[str, float]:
    """The captured statements run again directly, `repeat` times (after the same warm-up)."""
    from django.db import connection, transaction

    times = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            for i in range(WARMUP + repeat):
                began = time.perf_counter()
                for sql, params, many in statements:
                    if many:
                        cursor.executemany(sql, params)
                    else:
                        cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
                if i >= WARMUP:
                    times.append((time.perf_counter() - began) * 1000)
        transaction.set_rollback(True)
    return _stats(times)


def measure(
    run: Callable[[int], Any], repeat: int, warmup: int = WARMUP, floor: bool = True
) -> dict[str, Any]:
    from django.db import connection

    for i in range(warmup):
        run(i)
    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        run(warmup)
    statements = recorder.statements
    times = []
    for i in range(repeat):
        began = time.perf_counter()
        run(warmup + 1 + i)
        times.append((time.perf_counter() - began) * 1000)
    result: dict[str, Any] = {**_stats(times), "queries": len(statements), "requests": repeat}
    if floor and statements:
        sql = replay(statements, repeat)
        result["floor_median_ms"] = sql["median_ms"]
        result["floor_p95_ms"] = sql["p95_ms"]
        result["ratio"] = round(result["median_ms"] / max(sql["median_ms"], 0.1), 1)
    return result


def _sample_ids(provider_id: int, count: int = 400) -> list[int]:
    """Ids spread evenly over the provider's cases (reproducible; no ORDER BY random())."""
    from accord.cases.models import Case

    ids = list(
        Case.objects.filter(provider_id=provider_id).order_by("pk").values_list("pk", flat=True)
    )
    return ids[:: max(len(ids) // count, 1)][:count]


def api_case_list(staff: Any) -> Callable[[int], Any]:
    """The API's case list as an LA's client calls it (a bearer token, the first page of 50)."""
    from datetime import timedelta

    from django.test import Client

    from accord.api.clients import NewClient, create_client
    from accord.api.models import Scope
    from accord.organisations.models import Membership
    from accord.rules import today_in_england

    manager = Membership.objects.filter(provider=staff.provider, role="service_manager").first()
    la = staff.provider.local_authorities.order_by("pk").first()
    _client, token = create_client(
        staff.provider,
        NewClient(
            name="Bench LA system",
            scopes=[Scope.CASES],
            expires_on=today_in_england() + timedelta(days=30),
            local_authority=la,
        ),
        by=manager.user,
    )
    http = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def call(_i: int) -> Any:
        response = http.get("/api/v1/cases/")
        if response.status_code != 200:
            raise SystemExit(f"/api/v1/cases/: HTTP {response.status_code}")
        return response

    return call


def measure_pages(
    pages: dict[str, tuple[Callable[[int], Any], int]], only: list[str], repeat: int
) -> dict[str, Any]:
    """Each page (those whose name contains one of `only`, when given), then the scheduling
    assistant: one case's proposals, 50 mediators and 20 venues, 30 days."""
    scheduling = "scheduling proposals (50 mediators, 20 venues)"

    def wanted(name: str) -> bool:
        return not only or any(part in name for part in only)

    results = {name: measure(run, n) for name, (run, n) in pages.items() if wanted(name)}
    if wanted(scheduling):
        from bench.scheduling import measure_proposals

        results[scheduling] = measure_proposals(repeat)
    return results


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--only", action="append", help="measure only the pages whose name contains this"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    configure(args.database_url)

    from django.test import Client

    from accord.cases.models import Case, ChildOrYoungPerson
    from accord.organisations.models import Membership, Provider, User

    def signed_in(email: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(email=email))
        return client

    manager = signed_in("manager1@bench.accord.test")
    coordinator = signed_in("coordinator1@bench.accord.test")
    commissioner = signed_in("commissioner1@bench.accord.test")
    membership = Membership.objects.select_related("provider").get(
        user__email="coordinator1@bench.accord.test"
    )
    la_id = membership.provider.local_authorities.order_by("pk").first().pk
    # The measured provider's own cases and names (the others' are a 404 to its staff).
    provider = membership.provider
    open_refs = list(
        Case.objects.filter(provider=provider, pk__in=_sample_ids(provider.pk))
        .exclude(state="closed")
        .values_list("reference", flat=True)[:50]
    )
    surnames = list(
        ChildOrYoungPerson.objects.filter(provider=provider)
        .values_list("last_name", flat=True)
        .distinct()[:20]
    )

    def get(client: Client, url: str | Callable[[int], str]) -> Callable[[int], Any]:
        def run(i: int) -> Any:
            target = url(i) if callable(url) else url
            response = client.get(target)
            if response.status_code != 200:
                raise SystemExit(f"{target}: HTTP {response.status_code}")
            return response

        return run

    def fresh(run: Callable[[int], Any]) -> Callable[[int], Any]:
        """The dashboard keeps its figures for 5 minutes: time the working out itself."""
        from django.core.cache import cache

        def uncached(i: int) -> Any:
            cache.clear()
            return run(i)

        return uncached

    pages: dict[str, tuple[Callable[[int], Any], int]] = {
        "caseload (default)": (get(coordinator, "/cases/"), args.repeat),
        "caseload (filtered)": (
            get(coordinator, f"/cases/?state=arranging&route=mediation&local_authority={la_id}"),
            args.repeat,
        ),
        "caseload (page 40)": (get(coordinator, "/cases/?page=40"), args.repeat),
        "search by name": (
            get(coordinator, lambda i: f"/cases/?q={surnames[i % len(surnames)]}"),
            args.repeat,
        ),
        "case page": (
            get(coordinator, lambda i: f"/cases/{open_refs[i % len(open_refs)]}/"),
            args.repeat,
        ),
        "service dashboard (worked out)": (
            fresh(get(manager, "/reports/service/")),
            max(args.repeat // 3, 5),
        ),
        "service dashboard (kept figures)": (get(manager, "/reports/service/"), args.repeat),
        "commissioner report": (
            get(commissioner, "/reports/commissioner/"),
            max(args.repeat // 3, 5),
        ),
        "commissioner CSV": (
            get(commissioner, "/reports/commissioner/report.csv"),
            max(args.repeat // 3, 5),
        ),
    }
    pages["API case list"] = (api_case_list(membership), args.repeat)
    results = measure_pages(pages, args.only or [], args.repeat)
    out = {
        "cases": Case.objects.count(),
        "providers": Provider.objects.count(),
        "measured_provider_cases": Case.objects.filter(provider=membership.provider).count(),
        "pages": results,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
