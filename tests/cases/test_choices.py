"""Stored choices are the rules engine's enums (accord/cases/choices.py): a value the rules do not
know could never be triaged, and a label worded differently in a form, a certificate and a
triage explanation would describe the same decision three ways."""

from __future__ import annotations

import pytest

from accord import rules
from accord.cases import choices
from accord.rules.wording import in_sentence

STORED_AND_RULES = [
    (choices.Route, rules.Route),
    (choices.DecisionKind, rules.DecisionKind),
    (choices.PlanSection, rules.PlanSection),
    (choices.DisagreementWith, rules.DisagreementWith),
]


@pytest.mark.parametrize(("stored", "rules_enum"), STORED_AND_RULES)
def test_stored_choices_are_the_rules_values(stored, rules_enum):
    # The stored value is the rules member's value (plan sections in lower case), which is how
    # accord.cases.triage maps back; a member's name may change, its stored value not.
    assert set(stored.values) == {member.value.lower() for member in rules_enum}


@pytest.mark.parametrize(("stored", "rules_enum"), STORED_AND_RULES)
def test_each_stored_choice_has_the_rules_label(stored, rules_enum):
    for member in rules_enum:
        assert stored[member.name].label == member.label
        assert stored(member.value.lower()).label == member.label
    assert len(set(stored.labels)) == len(stored.labels)


def test_the_mediation_routes_are_the_rules_set():
    # CFA ss.52-54: mediation, with or without the ICB; disagreement resolution (s.57) is not.
    assert {route.value for route in choices.MEDIATION_ROUTES} == {
        route.value for route in rules.MEDIATION_ROUTES
    }
    assert choices.Route.MEDIATION in choices.MEDIATION_ROUTES
    assert choices.Route.HEALTH_ONLY_MEDIATION in choices.MEDIATION_ROUTES
    assert choices.Route.DISAGREEMENT_RESOLUTION not in choices.MEDIATION_ROUTES
    assert "mediation" in choices.MEDIATION_ROUTES  # as stored on a case


@pytest.mark.parametrize(
    "decision",
    [
        pytest.param(rules.DecisionKind.REFUSE_TO_ASSESS, id="CFA s.51(2)(b) assess"),
        pytest.param(rules.DecisionKind.REFUSE_TO_REASSESS, id="CFA s.51(2)(d) reassess"),
        pytest.param(rules.DecisionKind.REFUSE_TO_ISSUE_PLAN, id="CFA s.51(2)(b) plan"),
        pytest.param(rules.DecisionKind.REFUSE_TO_AMEND_OR_REPLACE, id="CFA s.51(2)(e)"),
        pytest.param(rules.DecisionKind.CEASE_TO_MAINTAIN, id="CFA s.51(2)(f)"),
    ],
)
def test_the_triage_explanation_names_the_decision_as_the_case_does(decision):
    # The case page and the certificate show the stored label; the explanation the same words.
    stored = choices.DecisionKind(decision.value).label
    assert f"A {in_sentence(stored)} can be appealed" in rules.triage(decision).summary


def test_disagreement_resolution_names_the_other_party_as_the_case_does():
    # CoP 11.6-11.12: disagreement resolution with whoever the family disagrees with.
    for party in rules.DisagreementWith:
        stored = choices.DisagreementWith(party.value).label
        summary = rules.triage(rules.DecisionKind.NON_EHC_DISAGREEMENT, (), party).summary
        assert f"Disagreement resolution with {in_sentence(stored)} " in summary
