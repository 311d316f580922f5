"""Audit and history rows are append-only (accord.cases.append_only and, on PostgreSQL, the
trigger of accord.privacy migration 0002); the retention job alone may change them."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from accord.cases.append_only import AppendOnlyError, retention_window
from accord.cases.audit import record_case_read
from accord.cases.models import CaseAccess, TimelineEvent
from accord.cases.timeline import EventKind, record_event
from tests.factories import CaseFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


@pytest.fixture
def rows(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    access = record_case_read(case, by=None, what="viewed case")
    event = record_event(case, EventKind.DETAILS_CHANGED, "Details changed", by=None)
    return access, event


def test_a_stored_access_or_event_cannot_be_changed(rows):
    access, event = rows
    access.what = "nothing to see"
    with pytest.raises(AppendOnlyError):
        access.save()
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert TimelineEvent.objects.get(pk=event.pk).summary == "Details changed"


def test_they_cannot_be_deleted_one_by_one_or_in_bulk(rows):
    access, _event = rows
    with pytest.raises(AppendOnlyError):
        access.delete()
    with pytest.raises(AppendOnlyError):
        TimelineEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        CaseAccess.objects.update(what="x")
    assert CaseAccess.objects.filter(pk=access.pk, what="viewed case").exists()


def test_the_retention_job_may_change_them_inside_its_window(rows):
    access, event = rows
    with retention_window():
        TimelineEvent.objects.filter(pk=event.pk).update(changes={"cleared": True})
        CaseAccess.objects.filter(pk=access.pk).delete()
    assert not CaseAccess.objects.filter(pk=access.pk).exists()
    assert TimelineEvent.objects.get(pk=event.pk).changes == {"cleared": True}
    with pytest.raises(AppendOnlyError):  # and the window closes after it
        TimelineEvent.objects.filter(pk=event.pk).update(changes={})


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", ["cases_caseaccess", "cases_timelineevent"])
def test_postgresql_refuses_an_update_or_delete_whoever_asks(world, table):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    record_case_read(case, by=None, what="viewed case")
    record_event(case, EventKind.DETAILS_CHANGED, "Details changed", by=None)
    column = "what" if table == "cases_caseaccess" else "summary"
    statements = (f"UPDATE {table} SET {column} = 'x'", f"DELETE FROM {table}")  # noqa: S608
    for statement in statements:
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {column} = 'x'")  # noqa: S608
        assert cursor.fetchone() == (0,)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_lets_the_retention_setting_through_for_its_transaction_only(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    record_case_read(case, by=None, what="viewed case")
    with retention_window(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_caseaccess SET what = 'anonymised'")
    assert CaseAccess.objects.get().what == "anonymised"
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE cases_caseaccess SET what = 'again'")
