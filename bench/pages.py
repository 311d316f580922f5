"""Server time and SQL queries of the busiest pages, measured in-process on the bench database.

    python bench/pages.py --json bench/results/pages-10000.json

Each page is requested through Django's test client (the whole middleware, view and template
stack, no network) a number of times after a warm-up; the median and 95th percentile of the
wall time are reported, with the number of SQL queries of one request. The raw SQL behind the
caseload page is timed alone, as the floor that page's time is compared to.
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


def measure(run: Callable[[int], Any], repeat: int, warmup: int = 2) -> dict[str, Any]:
    from django.db import connection

    for i in range(warmup):
        run(i)
    # Counted with a wrapper: a request resets connection.queries when it starts.
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        run(warmup)
    times = []
    for i in range(repeat):
        began = time.perf_counter()
        run(warmup + 1 + i)
        times.append((time.perf_counter() - began) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": len(queries),
        "requests": repeat,
    }


def api_case_list(staff: Any) -> tuple[Callable[[int], Any], Callable[[int], Any]]:
    """The API's case list as an LA's client calls it (a bearer token, the first page of 50),
    and the SQL of that page alone: the floor it is compared to."""
    from datetime import timedelta

    from django.db import connection
    from django.test import Client

    from accord.api.clients import NewClient, create_client
    from accord.api.models import Scope
    from accord.api.resources.cases import LIST_COLUMNS
    from accord.cases import selectors
    from accord.organisations.models import Membership
    from accord.rules import today_in_england

    manager = Membership.objects.filter(provider=staff.provider, role="service_manager").first()
    la = staff.provider.local_authorities.order_by("pk").first()
    client, token = create_client(
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

    queryset = (
        selectors.cases_for(client.membership)
        .select_related("local_authority", "health_body")
        .only(*LIST_COLUMNS)
        .order_by("-pk")
    )
    sql, params = queryset[:51].query.sql_with_params()

    def raw(_i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return call, raw


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    configure(args.database_url)

    from django.db import connection
    from django.test import Client

    from accord.cases import selectors
    from accord.cases.models import Case, ChildOrYoungPerson
    from accord.organisations.models import Membership, User

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
    open_refs = list(
        Case.objects.exclude(state="closed").order_by("?").values_list("reference", flat=True)[:50]
    )
    surnames = list(ChildOrYoungPerson.objects.values_list("last_name", flat=True).distinct()[:20])

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
    api_client, api_caseload = api_case_list(membership)
    pages["API case list"] = (api_client, args.repeat)
    results: dict[str, Any] = {}
    for name, (run, repeat) in pages.items():
        results[name] = measure(run, repeat)

    # The floor: the caseload's own SQL (the page of 25 rows and its count), run directly.
    queryset = selectors.caseload(membership)
    page_sql, page_params = queryset[:25].query.sql_with_params()
    count_sql = "SELECT COUNT(*) FROM (" + queryset.query.sql_with_params()[0] + ") t"  # noqa: S608

    def raw(_i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(count_sql, queryset.query.sql_with_params()[1])
            cursor.fetchall()
            cursor.execute(page_sql, page_params)
            cursor.fetchall()

    results["caseload raw SQL (floor)"] = measure(raw, args.repeat)
    results["API case list raw SQL (floor)"] = measure(api_caseload, args.repeat)
    # The scheduling assistant: one case's proposals, 50 mediators and 20 venues, 30 days.
    from bench.scheduling import measure_proposals

    results["scheduling proposals (50 mediators, 20 venues)"] = measure_proposals(args.repeat)
    out = {"cases": Case.objects.count(), "pages": results}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
