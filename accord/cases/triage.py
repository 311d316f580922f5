"""Asks `accord.rules` which route suits the case's facts (the coordinator then confirms)."""

from __future__ import annotations

from typing import Any

from accord import rules
from accord.cases.models import Case


def rules_triage(decision_kind: str, sections: list[str], disagreement_with: str = "") -> Any:
    """The rules engine's answer for these facts (stored values are the rules' enum values;
    plan sections are stored in lower case)."""
    decision = rules.DecisionKind(decision_kind)
    plan_sections = [rules.PlanSection[s.upper()] for s in sections]
    other = rules.DisagreementWith[disagreement_with.upper()] if disagreement_with else None
    return rules.triage(decision, sections=plan_sections, disagreement_with=other)


class Suggestion:
    def __init__(self, result: Any) -> None:
        self.result = result
        self.route: str = result.route.name.lower()
        self.certificate_needed: bool = bool(result.certificate_needed_before_appeal)


def suggest_route(case: Case) -> Suggestion:
    return Suggestion(rules_triage(case.decision_kind, case.sections, case.disagreement_with))
