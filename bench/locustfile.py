"""A mixed staff workload for `bench/load.py` (locust, headless, against 127.0.0.1 only).

Coordinators work the caseload, search and open cases; a service manager looks at the dashboard
now and then. Users sign in through the real sign-in form (with its CSRF token)."""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ["BENCH_PASSWORD"]
REFERENCES = os.environ.get("BENCH_REFERENCES", "").split(",")
SURNAMES = os.environ.get("BENCH_SURNAMES", "Smith").split(",")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(HttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)
    email = ""

    def on_start(self) -> None:
        page = self.client.get("/sign-in/", name="sign in (form)")
        token = CSRF.search(page.text)
        self.client.post(
            "/sign-in/",
            {
                "username": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/sign-in/"},
            name="sign in",
        )


class Coordinator(Staff):
    weight = 5

    def on_start(self) -> None:
        self.email = f"coordinator{random.randint(1, 5)}@bench.accord.test"
        super().on_start()

    @task(5)
    def caseload(self) -> None:
        self.client.get("/cases/", name="caseload")

    @task(2)
    def caseload_filtered(self) -> None:
        self.client.get("/cases/?state=arranging&route=mediation", name="caseload (filtered)")

    @task(2)
    def search(self) -> None:
        self.client.get(f"/cases/?q={random.choice(SURNAMES)}", name="search by name")

    @task(5)
    def case_page(self) -> None:
        self.client.get(f"/cases/{random.choice(REFERENCES)}/", name="case page")


class Manager(Staff):
    weight = 1

    def on_start(self) -> None:
        self.email = "manager1@bench.accord.test"
        super().on_start()

    @task(3)
    def caseload(self) -> None:
        self.client.get("/cases/", name="caseload")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/reports/service/", name="service dashboard")
