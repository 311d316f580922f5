"""Certificates issued at the same moment by parallel requests (PostgreSQL): numbers are never
shared or skipped, and the same form submitted twice at once still issues one certificate.

SQLite serialises every write and the tests use an in-memory database that threads cannot
share, so these run on PostgreSQL only (DATABASE_URL=postgres://...)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from accord.documents import services
from accord.documents.models import Certificate
from accord.organisations.roles import Role
from tests.documents.conftest import ISSUED_ON, make_case
from tests.documents.helpers import key

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: row locks across parallel connections (SQLite serialises "
        "writes and its in-memory test database is not shared between threads)",
    ),
]


def run_together(tasks: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Start every task at the same moment, each on its own thread and database connection."""
    barrier = threading.Barrier(len(tasks))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(task: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcome = task()
            with lock:
                results.append(outcome)
        except BaseException as error:
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_parallel_issues_get_unique_sequential_numbers(world):
    adviser = world.user(Role.ADVISER)
    cases = [make_case(world, child_last_name=f"Parallel{i}") for i in range(8)]

    def issue(case):
        return lambda: (
            services.issue_certificate(
                case, "information_given", ISSUED_ON, idempotency_key=key(), by=adviser
            ).number
        )

    numbers, errors = run_together([issue(case) for case in cases])
    assert errors == []
    assert sorted(numbers) == [f"KM-CERT-2026-{n:04d}" for n in range(1, 9)]
    assert Certificate.objects.count() == 8


def test_the_same_form_submitted_twice_at_once_issues_one_certificate(world):
    case = make_case(world)
    adviser = world.user(Role.ADVISER)
    same = key()

    def submit():
        return services.issue_certificate(
            case, "information_given", ISSUED_ON, idempotency_key=same, by=adviser
        ).pk

    ids, errors = run_together([submit for _ in range(4)])
    assert errors == []
    assert len(set(ids)) == 1
    assert Certificate.objects.count() == 1
