"""Stored choices mirror the rules engine's enums (accord/cases/choices.py): a value the rules
do not know could never be triaged, so the two lists must not drift apart."""

from __future__ import annotations

import pytest

from accord import rules
from accord.cases import choices


@pytest.mark.parametrize(
    ("stored", "rules_enum"),
    [
        (choices.Route, rules.Route),
        (choices.DecisionKind, rules.DecisionKind),
        (choices.PlanSection, rules.PlanSection),
        (choices.DisagreementWith, rules.DisagreementWith),
    ],
)
def test_stored_choices_are_the_rules_values(stored, rules_enum):
    # The stored value is the rules member's name in lower case (how accord.cases.triage maps).
    assert {value.upper() for value in stored.values} == {member.name for member in rules_enum}
