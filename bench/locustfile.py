"""A mixed staff workload for `bench/load.py` (locust, headless, against 127.0.0.1 only).

Coordinators work the caseload, search and open cases; a service manager looks at the dashboard
now and then. Each user carries a session that bench/load.py got by signing in through the real
sign-in form before the run (signing in is measured there, apart from the page work).

The think time between a user's requests is short (0.05–0.25 s): the run measures what the
server can take. With the 0.2–1.0 s of a person reading the page, 20 users could never ask for
more than about 33 requests a second, however fast the server answered."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

SESSIONS = json.loads(os.environ["BENCH_SESSIONS"])
REFERENCES = os.environ.get("BENCH_REFERENCES", "").split(",")
SURNAMES = os.environ.get("BENCH_SURNAMES", "Smith").split(",")


class Staff(HttpUser):
    abstract = True
    wait_time = between(0.05, 0.25)
    email = ""

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSIONS[self.email])

    def page(self, url: str, name: str) -> None:
        """A page of work; sent back to the sign-in page counts as an error, not a page."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/sign-in/" in response.url:
                response.failure("signed out")


class Coordinator(Staff):
    weight = 5

    def on_start(self) -> None:
        self.email = f"coordinator{random.randint(1, 5)}@bench.accord.test"
        super().on_start()

    @task(5)
    def caseload(self) -> None:
        self.page("/cases/", "caseload")

    @task(2)
    def caseload_filtered(self) -> None:
        self.page("/cases/?state=arranging&route=mediation", "caseload (filtered)")

    @task(2)
    def search(self) -> None:
        self.page(f"/cases/?q={random.choice(SURNAMES)}", "search by name")

    @task(5)
    def case_page(self) -> None:
        self.page(f"/cases/{random.choice(REFERENCES)}/", "case page")


class Manager(Staff):
    weight = 1

    def on_start(self) -> None:
        self.email = "manager1@bench.accord.test"
        super().on_start()

    @task(3)
    def caseload(self) -> None:
        self.page("/cases/", "caseload")

    @task(1)
    def dashboard(self) -> None:
        self.page("/reports/service/", "service dashboard")
