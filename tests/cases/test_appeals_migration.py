"""The single "appeal lodged" date on a case became an `Appeal` row (cases/0014): each recorded
date survives as an appeal against the case's own decision, with its letter's date, and the
case counts it."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.cases.models import Appeal, Case
from accord.organisations.models import LocalAuthority, Provider

BEFORE = [("cases", "0013_merge_0011_data_protection_0012_merge_20261201_1720")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_appeal_date_becomes_an_appeal_against_the_cases_decision():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    # Only the cases app goes back: the other apps' tables stay as they are now.
    provider = Provider.objects.create(name="Appeal move", case_prefix="AM")
    la = LocalAuthority.objects.create(name="Appeal Move Council", code="AMC")
    child = old.get_model("cases", "ChildOrYoungPerson").objects.create(
        provider_id=provider.pk,
        first_name="Ottoline",
        last_name="Quist",
        date_of_birth=date(2014, 5, 6),
    )
    old_case = old.get_model("cases", "Case")
    appealed = old_case.objects.create(
        provider_id=provider.pk,
        child=child,
        local_authority_id=la.pk,
        reference="AM-2025-0001",
        decision_kind="refuse_to_issue_plan",
        decision_notice_sent_on=date(2025, 2, 3),
        appeal_lodged_on=date(2025, 4, 7),
    )
    old_case.objects.create(
        provider_id=provider.pk,
        child=child,
        local_authority_id=la.pk,
        reference="AM-2025-0002",
        decision_kind="plan_content",
    )

    _migrate(latest)

    appeals = list(
        Appeal.objects.filter(case__provider_id=provider.pk).values_list(
            "case_id", "registered_on", "decision_kind", "decision_notice_sent_on"
        )
    )
    assert appeals == [(appealed.pk, date(2025, 4, 7), "refuse_to_issue_plan", date(2025, 2, 3))]
    counted = dict(
        Case.objects.filter(provider_id=provider.pk).values_list("reference", "appeals_recorded")
    )
    assert counted == {"AM-2025-0001": 1, "AM-2025-0002": 0}
