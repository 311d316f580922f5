"""The closing outcome follows from what happened (issue: "a record that cannot be wrong").

Found when walked: "Full agreement" was accepted on a case where no mediation was held, and
reopening kept it. The outcome is now derived from the record (`closing_outcomes`); another
outcome needs a reason, said on the timeline; reopening re-derives it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord import rules
from accord.cases import services
from accord.cases.choices import FamilyChoice, Outcome, Route
from accord.cases.closing_outcome import WhatHappened, closing_outcomes
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from tests.cases.test_services import enquiry
from tests.documents.conftest import make_case

O = Outcome  # noqa: E741

# What happened -> the outcomes offered, the one that follows first.
TABLE = [
    (WhatHappened(meeting_outcome=O.FULL_AGREEMENT), (O.FULL_AGREEMENT,)),
    (WhatHappened(meeting_outcome=O.PARTIAL_AGREEMENT), (O.PARTIAL_AGREEMENT,)),
    (
        WhatHappened(meeting_outcome=O.NO_AGREEMENT, family_choice=FamilyChoice.MEDIATION),
        (O.NO_AGREEMENT,),
    ),
    # Disagreement resolution is voluntary (CoP 11.6): the other side declined it.
    (
        WhatHappened(other_side_declined=True, route=Route.DISAGREEMENT_RESOLUTION),
        (O.DECLINED, O.WITHDRAWN),
    ),
    # The LA said mediation cannot be held within 30 days (SEND Regs 2014 reg 37).
    (
        WhatHappened(cannot_hold=True, family_choice=FamilyChoice.MEDIATION),
        (O.NOT_HELD_IN_TIME,),
    ),
    # The family no longer pursues the mediation they chose (reg 34, "fails to pursue").
    (
        WhatHappened(not_pursued=True, family_choice=FamilyChoice.MEDIATION),
        (O.WITHDRAWN, O.CERTIFICATE_ONLY),
    ),
    # The family's choice after information and advice: no mediation, a certificate (reg 34).
    (WhatHappened(family_choice=FamilyChoice.CERTIFICATE), (O.CERTIFICATE_ONLY, O.WITHDRAWN)),
    (WhatHappened(family_choice=FamilyChoice.MEDIATION), (O.WITHDRAWN,)),
    (WhatHappened(route=Route.DISAGREEMENT_RESOLUTION, dr_started=True), (O.WITHDRAWN,)),
    (WhatHappened(route=Route.NONE), (O.NO_FURTHER_ACTION, O.WITHDRAWN)),
    (WhatHappened(), (O.WITHDRAWN, O.NO_FURTHER_ACTION)),
]


@pytest.mark.parametrize(("what", "offered"), TABLE)
def test_the_outcomes_offered_follow_from_what_happened(what, offered):
    offer = closing_outcomes(what)
    assert offer.offered == offered
    assert offer.follows == offered[0]


def test_no_meeting_outcome_is_offered_unless_a_meeting_was_held():
    for what, _ in TABLE:
        offered = set(closing_outcomes(what).offered)
        if not what.meeting_outcome:
            assert not offered & {O.FULL_AGREEMENT, O.PARTIAL_AGREEMENT, O.NO_AGREEMENT}


def test_full_agreement_without_a_meeting_is_refused_and_saves_nothing(world):
    case = enquiry(world)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="No mediation meeting was held") as refused:
        services.close_case(case, O.FULL_AGREEMENT, by=coordinator)
    assert refused.value.field == "outcome"
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.ENQUIRY, "")
    assert not case.timeline.filter(kind="closed").exists()


def test_an_outcome_the_record_does_not_show_needs_a_reason_said_on_the_timeline(world):
    case = enquiry(world)
    coordinator = world.user(Role.COORDINATOR)
    services.close_case(
        case, O.FULL_AGREEMENT, override_reason="Agreed at a meeting held by the LA", by=coordinator
    )
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.CLOSED, O.FULL_AGREEMENT)
    event = case.timeline.get(kind="closed")
    assert "not the outcome the record shows: Agreed at a meeting held by the LA" in event.summary
    assert event.changes["outcome_override"] == "Agreed at a meeting held by the LA"
    # Reopened, the outcome no meeting supports is cleared.
    services.reopen_case(case, "Closed in error", by=coordinator)
    case.refresh_from_db()
    assert case.outcome == ""
    assert case.timeline.get(kind="reopened").changes["outcome"] == [O.FULL_AGREEMENT, ""]


def test_reopening_after_a_meeting_keeps_the_meeting_outcome(world):
    case = make_case(world, "follow_up", outcome=O.PARTIAL_AGREEMENT)
    coordinator = world.user(Role.COORDINATOR)
    services.close_case(case, O.PARTIAL_AGREEMENT, by=coordinator)
    services.reopen_case(case, "More to agree", by=coordinator)
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.FOLLOW_UP, O.PARTIAL_AGREEMENT)


def test_after_a_partial_agreement_full_agreement_needs_a_reason(world):
    case = make_case(world, "follow_up", outcome=O.PARTIAL_AGREEMENT)
    with pytest.raises(services.CaseError, match="does not show “Full agreement”"):
        services.close_case(case, O.FULL_AGREEMENT, by=world.user(Role.COORDINATOR))


def test_the_close_page_offers_what_the_record_shows_and_preselects_it(world, client_for):
    case = make_case(world, "declined")
    assert case.family_choice == FamilyChoice.CERTIFICATE
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:close", args=[case.reference])
    html = client.get(url).content.decode()
    chosen = html.split('value="certificate_only"')[1].split(">")[0]
    assert "checked" in chosen
    assert "Full agreement (not what the record shows: give the reason)" in html
    page = client.post(url, {"version": case.version, "outcome": O.FULL_AGREEMENT})
    assert page.status_code == 400
    assert "No mediation meeting was held on this case" in page.content.decode()
    case.refresh_from_db()
    assert case.state != CaseState.CLOSED
    client.post(url, {"version": case.version, "outcome": O.CERTIFICATE_ONLY})
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.CLOSED, O.CERTIFICATE_ONLY)
    assert case.closed_on == rules.today_in_england()
