"""`make bench`: seed the bench database in two steps and measure the pages at each size, then
load the real server. Prints a table and writes bench/results/bench.json.

Sizes and load are configurable by environment: BENCH_SMALL (10000), BENCH_CASES (100000),
BENCH_REPEAT (30), BENCH_LOAD_USERS (20), BENCH_LOAD_SECONDS (60), BENCH_DATABASE_URL
(postgres://postgres@127.0.0.1:5432/accord_bench: its own database, never the test or dev one).
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
from bench.seed import DEFAULT_URL  # noqa: E402

PY = sys.executable
RESULTS = ROOT / "bench" / "results"
TARGETS = {
    # page: (p95 ms, queries) at the large size (issue: "Performance").
    "caseload (default)": (100, 15),
    "caseload (filtered)": (100, 15),
    "case page": (100, 15),
    "service dashboard (worked out)": (500, None),
    "commissioner CSV": (2000, None),
    # Issue 15: the API's case list, as a council's client calls it.
    "API case list": (50, 6),
    "scheduling proposals (50 mediators, 20 venues)": (200, None),
}


def step(args: list[str], timeout: int) -> None:
    began = time.perf_counter()
    subprocess.run([PY, *args], cwd=ROOT, check=True, timeout=timeout)  # noqa: S603
    print(f"  ({' '.join(args[:1])} took {time.perf_counter() - began:.0f} s)", flush=True)


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0]}" if row else "unknown"


def table(small: dict[str, Any], large: dict[str, Any], load: dict[str, Any]) -> str:
    n1, n2 = small["cases"], large["cases"]
    head = (
        f"| page | {n1:,} cases: median / p95 ms | queries | {n2:,} cases: median / p95 ms "
        "| queries | target at the larger size |"
    )
    lines = [head, "| --- | --- | --- | --- | --- | --- |"]
    for name, a in small["pages"].items():
        b = large["pages"][name]
        target = TARGETS.get(name)
        goal = ""
        if target:
            ms, queries = target
            met = b["p95_ms"] < ms and (queries is None or b["queries"] <= queries)
            goal = f"p95 < {ms} ms" + (f", ≤ {queries} queries" if queries else "")
            goal += " — met" if met else " — NOT met"
        lines.append(
            f"| {name} | {a['median_ms']} / {a['p95_ms']} | {a['queries']} "
            f"| {b['median_ms']} / {b['p95_ms']} | {b['queries']} | {goal} |"
        )
    lines.append("")
    lines.append(
        f"Load ({load['server']}, {load['users']} users for {load['seconds']} s, mixed staff "
        f"workload): {load['requests_per_second']} requests/s, {load['errors']} errors in "
        f"{load['requests']} requests."
    )
    for name, page in load["by_page"].items():
        if name != "Aggregated":
            lines.append(
                f"  {name}: {page['requests']} requests, median {page['median_ms']:.0f} ms, "
                f"p95 {page['p95_ms']} ms, {page['failures']} errors"
            )
    return "\n".join(lines)


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    small_n = int(os.environ.get("BENCH_SMALL", "10000"))
    large_n = int(os.environ.get("BENCH_CASES", "100000"))
    repeat = os.environ.get("BENCH_REPEAT", "30")
    users = os.environ.get("BENCH_LOAD_USERS", "20")
    seconds = os.environ.get("BENCH_LOAD_SECONDS", "60")
    RESULTS.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    env_url = ["--database-url", url]
    print(f"Seeding {small_n:,} cases into {url.rsplit('/', 1)[-1]}", flush=True)
    step(["bench/seed.py", "--cases", str(small_n), *env_url], 900)
    small_json = RESULTS / f"pages-{small_n}.json"
    step(["bench/pages.py", "--repeat", repeat, "--json", str(small_json), *env_url], 900)
    print(f"Adding {large_n - small_n:,} cases", flush=True)
    step(["bench/seed.py", "--cases", str(large_n - small_n), "--add", *env_url], 1200)
    large_json = RESULTS / f"pages-{large_n}.json"
    step(["bench/pages.py", "--repeat", repeat, "--json", str(large_json), *env_url], 900)
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
            *env_url,
        ],
        int(seconds) + 300,
    )
    small = json.loads(small_json.read_text())
    large = json.loads(large_json.read_text())
    load = json.loads(load_json.read_text())
    machine = describe()
    machine["postgresql"] = postgres_version(url)
    report = {
        "machine": machine,
        "small": small,
        "large": large,
        "load": load,
        "seconds": round(time.perf_counter() - began),
    }
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    print()
    print(
        f"Machine: {machine['cores']} cores, {machine['memory']}, {machine['cpu']}, "
        f"{machine['postgresql']}, Python {machine['python']}"
    )
    print(table(small, large, load))
    print(f"\nWhole run: {report['seconds']} s. JSON: {RESULTS / 'bench.json'}")


if __name__ == "__main__":
    main()
