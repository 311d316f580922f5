"""Half the clicks: the information and advice call and the family's decision on that call are
one form (it is one phone call). Both are recorded, or neither (SEND Regs regs 33-34, 37)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.states import CaseState
from accord.meetings.models import MiasCall
from accord.organisations.roles import Role
from tests.meetings.conftest import make_case

HELD_ON = date(2026, 3, 4)  # Wednesday


def post(client, case, **fields):
    data = {"version": case.version, "held_on": HELD_ON.isoformat(), **fields}
    return client.post(reverse("meetings:mias_held", args=[case.reference]), data)


def clocks(case):
    return {d.clock: d for d in deadlines_for(case, clock_facts_for(case))}


@pytest.mark.parametrize(
    ("fields", "state", "clock", "due"),
    [
        # Not decided yet: the case waits for the family's decision; no clock of the choice.
        ({}, CaseState.AWAITING_DECISION, None, None),
        # Reg 34: no mediation wanted -> the certificate within 3 working days of the call.
        (
            {"choice": "certificate"},
            CaseState.CERTIFICATE_DUE,
            rules.Clock.CERTIFICATE_NO_MEDIATION,
            date(2026, 3, 9),
        ),
        # Reg 37 (CFA s.53): mediation within 30 days of the LA receiving the family's notice.
        (
            {"choice": "mediation", "la_notified_on": "2026-03-04"},
            CaseState.ARRANGING,
            rules.Clock.MEDIATION_HELD_LA,
            date(2026, 4, 3),
        ),
    ],
)
def test_one_form_records_the_call_and_what_the_family_decided(
    world, client_for, fields, state, clock, due
):
    case = make_case(world, stop_at="triaged")
    response = post(client_for(Role.ADVISER), case, **fields)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == state
    assert MiasCall.objects.get(case=case).held_on == HELD_ON
    if clock is not None:
        assert case.family_choice_on == HELD_ON
        assert clocks(case)[clock].due == due


def test_a_refused_choice_records_nothing_and_names_the_field(world, client_for):
    case = make_case(world, stop_at="triaged")
    response = post(
        client_for(Role.ADVISER), case, choice="certificate", la_notified_on="2026-03-04"
    )
    assert response.status_code == 400
    summary = response.content.decode().split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_la_notified_on-day"' in summary
    case.refresh_from_db()
    assert case.state == CaseState.TRIAGED
    assert not MiasCall.objects.filter(case=case, held_on__isnull=False).exists()
