"""Computes every statutory clock for N synthetic cases and prints cases per second.

    make bench                      (100,000 cases)
    python bench/rules_bench.py --cases 20000 --json bench/results/rules.json

Dates are spread over 2022–2028 so the calendar cache sees many years, bank holidays, Easter,
Christmas and August. Seeded, so runs are comparable.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accord import rules
from bench.machine import describe

START = date(2022, 1, 1)
SPAN_DAYS = 7 * 365


def synthetic_cases(n: int, seed: int = 2026) -> list[tuple[date, date, date, date]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(n):
        decision = START + timedelta(days=rng.randrange(SPAN_DAYS))
        told = decision + timedelta(days=rng.randrange(1, 60))
        la_notified = told + timedelta(days=rng.randrange(0, 5))
        concluded = la_notified + timedelta(days=rng.randrange(5, 31))
        cases.append((decision, told, la_notified, concluded))
    return cases


def every_clock(case: tuple[date, date, date, date]) -> int:
    decision, told, la_notified, concluded = case
    results = [
        rules.adviser_contact_deadline(decision),
        rules.certificate_due(told),
        rules.health_body_notice_due(la_notified),
        rules.mediation_due(la_notified),
        rules.latest_notice_date(concluded),
        rules.certificate_due(concluded),
        rules.appeal_deadline(decision, rules.certificate_due(concluded)),
    ]
    results.extend(rules.post_agreement_due(concluded, a) for a in rules.PostAgreementAction)
    return len(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    cases = synthetic_cases(args.cases)
    runs = []
    clocks = 0
    for _ in range(args.repeat):
        began = time.perf_counter()
        clocks = sum(every_clock(c) for c in cases)
        runs.append(time.perf_counter() - began)
    best = min(runs)
    result = {
        "benchmark": "every statutory clock per case (accord.rules)",
        "cases": args.cases,
        "clocks_per_case": clocks // args.cases,
        "best_seconds": round(best, 3),
        "cases_per_second": round(args.cases / best),
        "clocks_per_second": round(clocks / best),
        "runs_seconds": [round(r, 3) for r in runs],
    }
    result.update({f"machine_{k}": v for k, v in describe().items()})
    width = max(len(k) for k in result)
    print(f"{'measure':<{width}}  value")
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
