"""The indexes the pages rely on at national scale exist after migrating, on SQLite and on
PostgreSQL alike (docs/performance.md says what each one answers). Never timed."""

from __future__ import annotations

import pytest
from django.db import connection

from accord.cases.models import CaseClock
from accord.family.models import Feedback
from accord.reports.models import CaseTally

pytestmark = pytest.mark.django_db


def _indexes(model) -> dict[str, dict]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name: info for name, info in found.items() if info["index"]}


@pytest.mark.parametrize(
    ("model", "name", "leading"),
    [
        # The caseload's "still followed up" test: one case's agreed actions not yet done.
        (CaseClock, "caseclock_open_action", ["case_id"]),
        # A report's sums for a provider, measure, grain and run of days.
        (CaseTally, "casetally_provider_measure", ["provider_id", "measure", "grain", "day"]),
        # Feedback given in a period.
        (Feedback, "feedback_submitted_at", ["submitted_at"]),
    ],
)
def test_the_index_is_there(model, name, leading):
    indexes = _indexes(model)
    assert name in indexes
    assert indexes[name]["columns"][: len(leading)] == leading


def test_the_open_action_index_holds_only_open_agreed_actions():
    """Partial: the caseload asks only about agreed actions not yet done, so the index stays
    small however many clocks the service has."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'caseclock_open_action'"
            )
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'caseclock_open_action'")
        definition = cursor.fetchone()[0]
    assert "agreement_action" in definition
    assert "done_on" in definition and "NULL" in definition.upper()


def test_the_tally_index_covers_what_a_report_reads():
    """On PostgreSQL the report's sums come from the index alone (an index-only scan)."""
    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are PostgreSQL's (SQLite has a plain index)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'casetally_provider_measure'"
        )
        definition = cursor.fetchone()[0]
    assert "INCLUDE (local_authority_id, health_body_id, value, value2, value3, number, count)" in (
        definition
    )
