"""The case page's flags, compiled to SQL once per database (selectors._compiled_case_page_flags),
answer exactly as the `Exists` each section registered, for every case of the demo data."""

from __future__ import annotations

from datetime import date

import pytest

from accord.cases import selectors
from accord.cases.models import Case
from accord.demo.cases import load_demo_data
from accord.organisations.models import Membership


@pytest.fixture
def demo(db):
    load_demo_data(today=date(2026, 11, 26))


def test_compiled_flags_answer_as_the_registered_exists(demo):
    registered = selectors._case_page_flags()
    compiled = selectors._compiled_case_page_flags(Case.objects.db)
    # Every section's flag is compiled (the apps registered theirs before the first request).
    assert set(compiled) == set(registered)
    assert {"has_meetings", "has_statements", "has_feedback", "has_rows_agreements"} <= set(
        compiled
    )
    names = sorted(registered)
    by_exists = {row["pk"]: row for row in Case.objects.annotate(**registered).values("pk", *names)}
    by_sql = {row["pk"]: row for row in Case.objects.annotate(**compiled).values("pk", *names)}
    assert by_sql == by_exists
    # Some flags are true of some demo cases and false of others (a flag always False would
    # not show that the two agree) ...
    both = [name for name in names if len({row[name] for row in by_exists.values()}) == 2]
    assert len(both) >= 5
    # ... and for every flag the database is sent the same SQL, with the same parameters.
    for name in names:
        query = Case.objects.annotate(**{name: registered[name]}).values(name).query
        sql, params = query.sql_with_params()
        assert sql.startswith(f"SELECT {compiled[name].sql} AS "), name
        assert tuple(params) == compiled[name].params, name


def test_the_case_page_reads_its_flags_with_the_case(demo):
    membership = Membership.objects.get(user__email="coordinator@demo.accord.test")
    for case in Case.objects.all():
        page = selectors.case_page_for(membership, case.reference)
        assert page.has_meetings == case.meetings.exists()
        assert page.has_rows_agreements == case.agreements.exists()
        assert page.has_notes == case.notes.exists()
