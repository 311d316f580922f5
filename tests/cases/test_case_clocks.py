"""CaseClock rows follow the case through the services (accord.cases.services.editing)."""

from __future__ import annotations

from datetime import date

import pytest

from accord import rules
from accord.cases import services
from accord.cases.models import CaseClock
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import CaseFactory


@pytest.fixture
def case(world):
    return CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        route="mediation",
        state="arranging",
        received_on=date(2025, 3, 1),
        decision_notice_sent_on=date(2025, 2, 20),
    )


def _rows(case):
    return {r.key: (r.due_on, r.done_on, r.for_family) for r in CaseClock.objects.filter(case=case)}


def test_clocks_are_stored_when_the_case_changes(world, case):
    manager = world.user(Role.COORDINATOR)
    services.record_la_notified(case, date(2025, 3, 3), by=manager)
    rows = _rows(case)
    # The due date is the rules engine's (SEND Regs regs 35–37: 30 days).
    assert rows["mediation_held"] == (rules.mediation_due(date(2025, 3, 3)), None, False)
    assert rows["adviser_contact"][2] is True  # the family's clock, not the service's
    assert all(r.provider_id == world.provider.pk for r in CaseClock.objects.filter(case=case))

    case.state = "meeting_booked"
    case.save(update_fields=["state"])
    services.record_outcome(case, "full", date(2025, 3, 28), by=manager)
    rows = _rows(case)
    assert rows["mediation_held"][1] == date(2025, 3, 28)
    assert rows["certificate_after_mediation"] == (
        rules.certificate_due(date(2025, 3, 28)),
        None,
        False,
    )


def test_recording_an_appeal(world, case):
    manager = world.user(Role.COORDINATOR)
    today = today_in_england()
    appeal = services.record_appeal(case, today, case.decision_kind, by=manager)
    assert list(case.appeals.values_list("registered_on", flat=True)) == [today]
    services.remove_appeal(case, appeal.pk, by=manager)
    assert not case.appeals.exists()
    with pytest.raises(services.CaseError):
        services.record_appeal(case, date(2999, 1, 1), case.decision_kind, by=manager)
