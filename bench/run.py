"""`make bench`: seed (or reuse) the bench databases, measure the pages at each size, then load
the real server. Prints the machine, a table per size with each target met or not met, and
writes bench/results/bench.json.

Sizes and load are configurable by environment:
  BENCH_SIZES         national data sets, cases over 30 providers (100000,1000000)
  BENCH_SINGLE        the single-provider worst case, every case in one provider (100000;
                      0 to skip)
  BENCH_REPEAT (30), BENCH_LOAD_USERS (20), BENCH_LOAD_SECONDS (60)
  BENCH_DATABASE_URL  the base name of the databases (postgres://…/accord_bench): each data set
                      has its own, e.g. accord_bench_100k, accord_bench_1000k,
                      accord_bench_single_100k, seeded once and reused while it holds that size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402

BASE_URL = "postgres://postgres@127.0.0.1:5432/accord_bench"

PY = sys.executable
RESULTS = ROOT / "bench" / "results"
# page: (p95 ms, most queries, most times its own SQL) — issue 16 §4, at the largest size.
TARGETS: dict[str, tuple[float, int | None, float | None]] = {
    "caseload (default)": (30, None, 2),
    "caseload (filtered)": (30, None, 2),
    "case page": (30, 12, 2),
    "API case list": (30, None, 2),
    "search by name": (50, None, None),
    "service dashboard (worked out)": (300, None, None),
    "commissioner report": (300, None, None),
    "commissioner CSV": (300, None, None),
    "scheduling proposals (50 mediators, 20 venues)": (200, None, None),
}
# Issue 15: the API case list at 100,000 cases.
API_AT_100K = 50
CASEWORK = ("caseload", "caseload (filtered)", "search by name", "case page")
SIGN_IN = ("sign in", "sign in (form)")


def step(args: list[str], timeout: int) -> None:
    began = time.perf_counter()
    subprocess.run([PY, *args], cwd=ROOT, check=True, timeout=timeout)  # noqa: S603
    print(f"  ({' '.join(args[:1])} took {time.perf_counter() - began:.0f} s)", flush=True)


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0]}" if row else "unknown"


def database_for(base: str, cases: int, single: bool) -> str:
    head, name = base.rsplit("/", 1)
    return f"{head}/{name}{'_single' if single else ''}_{cases // 1000}k"


def verdict(name: str, page: dict[str, Any], largest: bool, cases: int) -> str:
    goals, met = [], True
    if name == "API case list" and cases == 100_000:
        goals.append(f"p95 < {API_AT_100K} ms at 100,000")
        met &= page["p95_ms"] < API_AT_100K
    target = TARGETS.get(name)
    if target and largest:
        ms, queries, ratio = target
        goals.append(f"p95 < {ms} ms")
        met &= page["p95_ms"] < ms
        if queries is not None:
            goals.append(f"≤ {queries} queries")
            met &= page["queries"] <= queries
        if ratio is not None:
            goals.append(f"≤ {ratio:g}× its SQL")
            met &= page.get("ratio", 0) <= ratio
    if not goals:
        return ""
    return ", ".join(goals) + (" — met" if met else " — NOT met")


def table(run: dict[str, Any], largest: bool) -> str:
    cases = run["cases"]
    lines = [
        f"{cases:,} cases, {run['providers']} provider(s); measured as the largest provider "
        f"({run['measured_provider_cases']:,} cases)",
        "",
        "| page | median / p95 ms | queries | its SQL replayed: median / p95 ms | page / SQL "
        "| target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, page in run["pages"].items():
        floor = (
            f"{page['floor_median_ms']} / {page['floor_p95_ms']}"
            if "floor_median_ms" in page
            else ""
        )
        ratio = f"{page['ratio']}×" if "ratio" in page else ""
        lines.append(
            f"| {name} | {page['median_ms']} / {page['p95_ms']} | {page['queries']} | {floor} "
            f"| {ratio} | {verdict(name, page, largest, cases)} |"
        )
    return "\n".join(lines)


def load_summary(load: dict[str, Any]) -> str:
    pages = {k: v for k, v in load["by_page"].items() if k != "Aggregated"}
    work = {k: v for k, v in pages.items() if k not in SIGN_IN}
    rate = round(sum(v["requests_per_second"] for v in work.values()), 1)
    casework_p95 = max((v["p95_ms"] or 0) for k, v in work.items() if k in CASEWORK)
    errors = load["errors"] or 0
    met = rate >= 50 and casework_p95 < 500 and errors == 0
    lines = [
        f"Load ({load['server']}, {load['users']} users for {load['seconds']} s, mixed staff "
        f"workload, on {load.get('cases', '?'):,} cases): {rate} page requests/s (signing in "
        f"apart), casework p95 {casework_p95:.0f} ms, {errors} errors in {load['requests']} "
        f"requests. Target ≥ 50 requests/s, casework p95 < 500 ms, 0 errors — "
        f"{'met' if met else 'NOT met'}."
    ]
    for name, page in pages.items():
        lines.append(
            f"  {name}: {page['requests']} requests, {page['requests_per_second']}/s, median "
            f"{page['median_ms']:.0f} ms, p95 {page['p95_ms']} ms, {page['failures']} errors"
        )
    return "\n".join(lines)


def measure_size(url: str, cases: int, providers: int, repeat: str) -> dict[str, Any]:
    print(f"Data set: {cases:,} cases over {providers} provider(s) in {url.rsplit('/', 1)[-1]}")
    seed_args = ["--cases", str(cases), "--providers", str(providers), "--database-url", url]
    step(["bench/seed.py", *seed_args], 5400)
    out = RESULTS / f"pages-{url.rsplit('/', 1)[-1]}.json"
    step(["bench/pages.py", "--repeat", repeat, "--json", str(out), "--database-url", url], 1800)
    return dict(json.loads(out.read_text()))


def main() -> None:
    base = os.environ.get("BENCH_DATABASE_URL", BASE_URL)
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "100000,1000000").split(",") if n]
    single = int(os.environ.get("BENCH_SINGLE", "100000"))
    repeat = os.environ.get("BENCH_REPEAT", "30")
    users = os.environ.get("BENCH_LOAD_USERS", "20")
    seconds = os.environ.get("BENCH_LOAD_SECONDS", "60")
    RESULTS.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    runs: dict[str, Any] = {}
    for size in sizes:
        runs[f"national-{size}"] = measure_size(database_for(base, size, False), size, 30, repeat)
    if single:
        url = database_for(base, single, True)
        runs[f"single-{single}"] = measure_size(url, single, 1, repeat)
    largest_url = database_for(base, max(sizes), False)
    load_json = RESULTS / "load.json"
    step(
        [
            "bench/load.py",
            "--users",
            users,
            "--seconds",
            seconds,
            "--json",
            str(load_json),
            "--database-url",
            largest_url,
        ],
        int(seconds) + 300,
    )
    load = json.loads(load_json.read_text())
    load["cases"] = max(sizes)
    machine = describe()
    machine["postgresql"] = postgres_version(largest_url)
    report = {
        "machine": machine,
        "runs": runs,
        "load": load,
        "seconds": round(time.perf_counter() - began),
    }
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    print()
    print(
        f"Machine: {machine['cores']} cores, {machine['memory']}, {machine['cpu']}, "
        f"{machine['postgresql']}, Python {machine['python']}, load average before the run "
        f"{machine.get('load', '?')}"
    )
    for key, run in runs.items():
        print()
        largest = key == f"national-{max(sizes)}"
        print(table(run, largest or key.startswith("single")))
    print()
    print(load_summary(load))
    print(f"\nWhole run: {report['seconds']} s. JSON: {RESULTS / 'bench.json'}")


if __name__ == "__main__":
    main()
