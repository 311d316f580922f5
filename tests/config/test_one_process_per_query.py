"""PostgreSQL runs each query of the service in one process unless DATABASE_PARALLEL_WORKERS
allows more (accord.config.settings.one_process_per_query; docs/performance.md, "One process per
query"). Checked on the test database's own connection and on one opened with another value."""

import copy

import pytest
from django.db import connection, connections

from accord.config.settings import one_process_per_query, prepared_statements

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL setting"
)


def _workers(database) -> str:
    with database.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.django_db
def test_by_default_a_query_gets_no_parallel_workers():
    assert _workers(connection) == "0"


@postgresql_only
@pytest.mark.django_db
def test_the_setting_allows_some_and_keeps_the_other_start_up_options(monkeypatch):
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    options = settings_dict.setdefault("OPTIONS", {})
    options.pop("options", None)
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "1")
    monkeypatch.setenv("DATABASE_PARALLEL_WORKERS", "2")
    prepared_statements(settings_dict)
    one_process_per_query(settings_dict)
    other = type(connections["default"])(settings_dict, alias="parallel_check")
    try:
        assert _workers(other) == "2"
        with other.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone()[0] == "force_custom_plan"
    finally:
        other.close()


def test_sqlite_settings_are_left_alone():
    database = {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {"timeout": 20}}
    one_process_per_query(database)
    assert database == {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {"timeout": 20}}
