"""cases/0019 builds each person's open-cases index CONCURRENTLY on PostgreSQL (writes go on
while a live database migrates) and plainly on SQLite; both ways, the indexes end valid."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

NAMES = ("case_open_coordinator", "case_open_adviser", "case_open_mediator")
INDEXES = set(NAMES)
BEFORE = ("cases", "0018_name_search_column")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _case_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "cases_case")
    return {name for name, about in constraints.items() if about["index"]}


def _invalid_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE NOT i.indisvalid"
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_open_cases_indexes_come_and_go_with_their_migration():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    assert _case_indexes() >= INDEXES
    _migrate([BEFORE])
    assert not INDEXES & _case_indexes()
    _migrate(latest)
    assert _case_indexes() >= INDEXES
    if connection.vendor == "postgresql":
        assert not INDEXES & _invalid_indexes()


class Recording(BaseDatabaseSchemaEditor):
    """A schema editor that only notes each index it is asked to add or remove, and how."""

    def __init__(self, vendor, done):
        self.connection = SimpleNamespace(vendor=vendor, alias="default")
        self.done = done

    def add_index(self, model, index, **options):
        self.done.append(("add", self.connection.vendor, index.name, options))

    def remove_index(self, model, index, **options):
        self.done.append(("remove", self.connection.vendor, index.name, options))


def test_on_postgresql_they_are_built_concurrently_outside_a_transaction():
    migration = import_module("accord.cases.migrations.0019_open_cases_by_person").Migration
    assert migration.atomic is False
    built = []

    before = MigrationLoader(None).project_state(BEFORE)
    for vendor in ("postgresql", "sqlite"):
        for operation in migration.operations:
            after = before.clone()
            operation.state_forwards("cases", after)
            operation.database_forwards("cases", Recording(vendor, built), before, after)
    assert built == [("add", "postgresql", name, {"concurrently": True}) for name in NAMES] + [
        ("add", "sqlite", name, {}) for name in NAMES
    ]


@pytest.mark.django_db
def test_each_holds_what_the_caseloads_count_reads():
    """cases/0020: the deadline and the roles before it (selectors.caseload counts each role's
    cases less the earlier roles'), so the count is read from the index alone."""
    if connection.vendor != "postgresql":
        pytest.skip("INCLUDE columns are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_case' "
            "AND indexname = ANY(%s)",
            [list(NAMES)],
        )
        defs = dict(cursor.fetchall())
    assert "INCLUDE (next_deadline_on)" in defs["case_open_coordinator"]
    assert "INCLUDE (coordinator_id, next_deadline_on)" in defs["case_open_adviser"]
    assert "INCLUDE (coordinator_id, adviser_id, next_deadline_on)" in defs["case_open_mediator"]


def test_cases_0020_rebuilds_them_and_the_councils_index_concurrently_on_postgresql():
    migration = import_module("accord.cases.migrations.0020_caseload_count_indexes").Migration
    assert migration.atomic is False
    done = []
    state = MigrationLoader(None).project_state(("cases", "0019_open_cases_by_person"))
    for operation in migration.operations:
        after = state.clone()
        operation.state_forwards("cases", after)
        operation.database_forwards("cases", Recording("postgresql", done), state, after)
        state = after
    concurrently = {"concurrently": True}
    assert done == [
        *((step, "postgresql", name, concurrently) for name in NAMES for step in ("remove", "add")),
        # A council's cases, with the stage now (the caseload filtered by both).
        ("add", "postgresql", "cases_case_provide_c4a27b_idx", concurrently),
        ("remove", "postgresql", "cases_case_provide_0dc69b_idx", concurrently),
    ]


def _indexes_of(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name for name, about in constraints.items() if about["index"]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_cases_0022_drops_the_party_name_trigram_index_and_keeps_the_childs():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    child = {"child_first_name_trgm", "child_last_name_trgm"}
    assert "party_name_trgm" not in _indexes_of("cases_party")
    assert _indexes_of("cases_childoryoungperson") >= child
    _migrate([("cases", "0021_default_order_by_own_column")])
    assert "party_name_trgm" in _indexes_of("cases_party")
    _migrate(latest)
    assert "party_name_trgm" not in _indexes_of("cases_party")
    assert _indexes_of("cases_childoryoungperson") >= child
    assert not {"party_name_trgm", *child} & _invalid_indexes()
