"""PostgreSQL connections prepare repeated statements and plan each run for its own values
(accord.config.settings.prepared_statements; docs/performance.md, "Prepared statements and rows
drawn once")."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
    ),
]

MARK = "accord prepared statement check"


def _prepared(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"%{text}%"],
        )
        return [row[0] for row in cursor.fetchall() if "pg_prepared_statements" not in row[0]]


def test_each_run_is_planned_for_its_own_values():
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_custom_plan"


def test_a_statement_is_prepared_after_its_fifth_run_on_a_connection():
    query = f"SELECT %s::int + 1 AS answer /* {MARK} */"
    with connection.cursor() as cursor:
        for run in range(1, 6):
            cursor.execute(query, [run])
            assert cursor.fetchone()[0] == run + 1
        assert _prepared(MARK) == []
        cursor.execute(query, [41])
        assert cursor.fetchone()[0] == 42
    assert len(_prepared(MARK)) == 1
