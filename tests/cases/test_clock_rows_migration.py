"""The stored clock rows moved from accord.reports to accord.cases (cases/0006): every row
survives the move, with its dates and flags, and is then read through the new model."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.cases.models import CaseClock

# The tables as they were then: organisations too, whose later columns the old models lack.
BEFORE = [
    ("cases", "0005_name_search_indexes"),
    ("reports", "0001_initial"),
    ("organisations", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_clock_rows_survive_the_move_from_reports_to_cases():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    provider = old.get_model("organisations", "Provider").objects.create(
        name="Move test", case_prefix="MV"
    )
    child = old.get_model("cases", "ChildOrYoungPerson").objects.create(
        provider=provider,
        first_name="Wilhelmina",
        last_name="Zanzibar",
        date_of_birth=date(2015, 1, 2),
    )
    la = old.get_model("organisations", "LocalAuthority").objects.create(
        name="Move Test Council", code="MTC"
    )
    case = old.get_model("cases", "Case").objects.create(
        provider=provider,
        child=child,
        local_authority=la,
        reference="MV-2026-0001",
        received_on=date(2026, 3, 2),
        decision_kind="plan_content",
    )
    old_clock = old.get_model("reports", "CaseClock")
    old_clock.objects.create(
        provider=provider,
        case=case,
        clock="mediation_held",
        key="mediation_held",
        started_on=date(2026, 3, 2),
        due_on=date(2026, 4, 1),
        done_on=date(2026, 3, 30),
        excused=False,
        for_family=False,
    )
    old_clock.objects.create(
        provider=provider,
        case=case,
        clock="meeting_notice",
        key="meeting_notice_7",
        started_on=date(2026, 3, 20),
        due_on=date(2026, 3, 13),
        done_on=None,
        excused=True,
        for_family=False,
    )

    _migrate(latest)

    rows = {
        r.key: (r.clock, r.started_on, r.due_on, r.done_on, r.excused, r.for_family, r.case_id)
        for r in CaseClock.objects.filter(provider_id=provider.pk)
    }
    assert rows == {
        "mediation_held": (
            "mediation_held",
            date(2026, 3, 2),
            date(2026, 4, 1),
            date(2026, 3, 30),
            False,
            False,
            case.pk,
        ),
        "meeting_notice_7": (
            "meeting_notice",
            date(2026, 3, 20),
            date(2026, 3, 13),
            None,
            True,
            False,
            case.pk,
        ),
    }
    assert CaseClock._meta.db_table == "cases_caseclock"
    assert "cases_caseclock" in connection.introspection.table_names()
    assert "reports_caseclock" not in connection.introspection.table_names()
