"""Load run against the real server: gunicorn (2 workers) on 127.0.0.1 driven by locust,
headless and bounded in time. Reports requests per second, errors and response times.

Signing in is measured apart from the page work: first every simulated user signs in once
through the real sign-in form (with its CSRF token and the password check), one after another,
and those times are reported as "sign in"; then locust's users carry the sessions they got and
do page work only, so the page rate is not the rate of a server busy hashing passwords.

    python bench/load.py --users 20 --seconds 60
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import DEFAULT_URL, configure, password  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"  # loopback only


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URL we built
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


# The accounts the locust users are (bench/locustfile.py): five coordinators and a manager.
ACCOUNTS = [f"coordinator{n}@bench.accord.test" for n in range(1, 6)] + [
    "manager1@bench.accord.test"
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in_each(base: str, secret: str) -> tuple[dict[str, str], dict[str, Any]]:
    """Each account signed in once through the form; its session cookie, and the times."""
    import requests

    sessions: dict[str, str] = {}
    times: list[float] = []
    failures = 0
    for email in ACCOUNTS:
        browser = requests.Session()
        began = time.perf_counter()
        form = browser.get(f"{base}/sign-in/", timeout=60)
        token = CSRF.search(form.text)
        answer = browser.post(
            f"{base}/sign-in/",
            {
                "username": email,
                "password": secret,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{base}/sign-in/"},
            timeout=60,
            allow_redirects=False,
        )
        times.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 302 or "sessionid" not in browser.cookies:
            failures += 1
            continue
        sessions[email] = browser.cookies["sessionid"]
    return sessions, {
        "requests": len(ACCOUNTS),
        "failures": failures,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(max(times), 1),
        "requests_per_second": 0.0,
    }


def samples() -> tuple[list[str], list[str]]:
    from accord.cases.models import Case, ChildOrYoungPerson
    from accord.organisations.models import Provider
    from bench.pages import _sample_ids

    # The measured provider's (BM's) own cases and names: its staff sign in.
    provider = Provider.objects.get(case_prefix="BM")
    refs = list(
        Case.objects.filter(pk__in=_sample_ids(provider.pk, 800))
        .exclude(state="closed")
        .values_list("reference", flat=True)[:200]
    )
    names = list(
        ChildOrYoungPerson.objects.filter(provider=provider)
        .values_list("last_name", flat=True)
        .distinct()[:30]
    )
    return refs, names


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    configure(args.database_url)
    refs, names = samples()
    port = free_port()
    base = f"http://{HOST}:{port}"
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_DEBUG": "0",
        # Many sign-ins from one address in a few seconds: the lock-out is not what is measured.
        "ACCORD_AXES_ENABLED": "0",
        "ACCORD_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "accord.config.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_up(f"{base}/sign-in/", 60)
        sessions, signing_in = sign_in_each(base, password())
        prefix = results_dir / "load"
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                base,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(args.users // 5, 1)),
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **env,
                "BENCH_SESSIONS": json.dumps(sessions),
                "BENCH_REFERENCES": ",".join(refs),
                "BENCH_SURNAMES": ",".join(names),
            },
            check=False,
            timeout=args.seconds + 120,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    rows = list(csv.DictReader((results_dir / "load_stats.csv").open()))
    by_name = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": float(row["Median Response Time"] or 0),
            "p95_ms": float(row["95%"] or 0) if row.get("95%") not in (None, "N/A") else None,
            "requests_per_second": round(float(row["Requests/s"]), 1),
        }
        for row in rows
    }
    by_name["sign in"] = signing_in  # measured before the page work, one sign-in at a time
    total = by_name.get("Aggregated", {})
    result = {
        "server": f"gunicorn, {args.workers} workers, {HOST}",
        "users": args.users,
        "seconds": args.seconds,
        "requests_per_second": total.get("requests_per_second"),
        "errors": (total.get("failures") or 0) + signing_in["failures"],
        "requests": total.get("requests"),
        "by_page": by_name,
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
