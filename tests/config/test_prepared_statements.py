"""With DATABASE_PREPARED_STATEMENTS=1, PostgreSQL connections prepare repeated statements and
plan each run for its own values (accord.config.settings.prepared_statements; docs/performance.md,
"Prepared statements and rows drawn once"). Checked on a connection of its own to the test
database, opened with the settings that switch gives."""

import copy
from collections.abc import Iterator

import pytest
from django.db import connection, connections

from accord.config.settings import prepared_statements

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
    ),
]

MARK = "accord prepared statement check"


@pytest.fixture
def prepared(monkeypatch) -> Iterator:
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    options = settings_dict.setdefault("OPTIONS", {})
    for key in ("server_side_binding", "prepare_threshold", "options"):
        options.pop(key, None)
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "1")
    prepared_statements(settings_dict)
    other = type(connections["default"])(settings_dict, alias="prepared_check")
    try:
        yield other
    finally:
        other.close()


def _prepared(database, text: str) -> list[str]:
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"%{text}%"],
        )
        return [row[0] for row in cursor.fetchall() if "pg_prepared_statements" not in row[0]]


def test_each_run_is_planned_for_its_own_values(prepared):
    with prepared.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_custom_plan"


def test_a_statement_is_prepared_after_its_fifth_run_on_a_connection(prepared):
    query = f"SELECT %s::int + 1 AS answer /* {MARK} */"
    with prepared.cursor() as cursor:
        for run in range(1, 6):
            cursor.execute(query, [run])
            assert cursor.fetchone()[0] == run + 1
        assert _prepared(prepared, MARK) == []
        cursor.execute(query, [41])
        assert cursor.fetchone()[0] == 42
    assert len(_prepared(prepared, MARK)) == 1


def test_by_default_nothing_is_prepared():
    query = f"SELECT %s::int + 1 AS answer /* {MARK} default */"
    with connection.cursor() as cursor:
        for run in range(8):
            cursor.execute(query, [run])
            assert cursor.fetchone()[0] == run + 1
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "auto"
    assert _prepared(connection, f"{MARK} default") == []
