"""Report selectors read from the replica when one is configured (DATABASE_REPLICA_URL).

Here the replica is a second database alias pointing at the same test database, as the
settings make it when the variable is set (TEST MIRROR); writes stay on default."""

from __future__ import annotations

import copy

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from accord.reports import selectors
from accord.reports.routing import REPLICA, ReplicaRouter, report_reads
from accord.reports.scope import Scope
from tests.reports.fixture import YEAR_2025, build


@pytest.fixture
def replica_setting():
    connections.settings[REPLICA] = copy.deepcopy(connections.settings["default"])
    try:
        yield
    finally:
        if REPLICA in connections.settings:
            del connections.settings[REPLICA]


@pytest.fixture
def replica_alias(replica_setting):
    replica = connections[REPLICA]
    # Connect at once: the test framework refuses to open connections to aliases it did not
    # set up, but lets an open one be used.
    replica.connect()
    try:
        yield replica
    finally:
        replica.close()
        del connections[REPLICA]


def test_without_a_replica_everything_uses_default():
    router = ReplicaRouter()
    with report_reads():
        assert router.db_for_read(object) is None


def test_the_router_sends_only_report_reads_to_the_replica(replica_setting):
    router = ReplicaRouter()
    assert router.db_for_read(object) is None
    with report_reads():
        assert router.db_for_read(object) == REPLICA
        assert router.db_for_write(object) == "default"
    assert router.db_for_read(object) is None
    assert router.allow_migrate(REPLICA, "cases") is False
    assert router.allow_migrate("default", "cases") is True


@pytest.mark.django_db(transaction=True)
def test_report_selectors_query_the_replica(world, replica_alias):
    build(world)
    scope = Scope(provider_id=world.provider.pk)
    with (
        CaptureQueriesContext(replica_alias) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        result = selectors.appeals(scope, YEAR_2025)
    assert result["mediations_held"] == 4
    assert len(on_replica.captured_queries) == 1
    assert on_default.captured_queries == []
