"""What a disagreement is about: the decision, the plan sections, the other party, and the
routes and bodies that triage names. CFA s.51(2) lists what can be appealed."""

from __future__ import annotations

from enum import Enum


class DecisionKind(Enum):
    """The value is stored on cases (Case.decision_kind, the portal's requests): changing one
    needs a data migration. Members are looked up by value, not by name."""

    REFUSE_TO_ASSESS = "refuse_to_assess"  # CFA s.51(2)(a)
    REFUSE_TO_REASSESS = "refuse_to_reassess"  # s.51(2)(d)
    REFUSE_TO_ISSUE_PLAN = "refuse_to_issue_plan"  # s.51(2)(b)
    PLAN_CONTENT = "plan_content"  # s.51(2)(c)
    # s.51(2)(e): not to secure the amendment or replacement of a plan following a review or
    # re-assessment. The stored value keeps its first, narrower name.
    REFUSE_TO_AMEND_OR_REPLACE = "refuse_to_amend_after_review"
    CEASE_TO_MAINTAIN = "cease_to_maintain"  # s.51(2)(f), under s.45
    NON_EHC_DISAGREEMENT = "non_ehc_disagreement"
    DISABILITY_DISCRIMINATION = "disability_discrimination"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    DecisionKind.REFUSE_TO_ASSESS: "Refusal to carry out an EHC needs assessment",
    DecisionKind.REFUSE_TO_REASSESS: "Refusal to carry out an EHC needs reassessment",
    DecisionKind.REFUSE_TO_ISSUE_PLAN: "Refusal to issue an EHC plan after an assessment",
    DecisionKind.PLAN_CONTENT: "Content of a final or amended EHC plan",
    DecisionKind.REFUSE_TO_AMEND_OR_REPLACE: (
        "Refusal to amend or replace an EHC plan after a review or reassessment"
    ),
    DecisionKind.CEASE_TO_MAINTAIN: "Decision to cease to maintain an EHC plan",
    DecisionKind.NON_EHC_DISAGREEMENT: "Another disagreement about special educational needs",
    DecisionKind.DISABILITY_DISCRIMINATION: "Disability discrimination claim",
}


class PlanSection(Enum):
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H1 = "H1"
    H2 = "H2"
    I = "I"  # noqa: E741 - the plan's own name for the section

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    PlanSection.B: "B: special educational needs",
    PlanSection.C: "C: health care needs",
    PlanSection.D: "D: social care needs",
    PlanSection.E: "E: outcomes",
    PlanSection.F: "F: special educational provision",
    PlanSection.G: "G: health care provision",
    PlanSection.H1: "H1: social care provision under the Chronically Sick and Disabled Persons Act",
    PlanSection.H2: "H2: other social care provision",
    PlanSection.I: "I: school, college or other institution named (placement)",
}
APPEALABLE_SECTIONS = frozenset({PlanSection.B, PlanSection.F, PlanSection.I})  # CFA s.51(2)(c)
HEALTH_SECTIONS = frozenset({PlanSection.C, PlanSection.G})
SOCIAL_CARE_SECTIONS = frozenset({PlanSection.D, PlanSection.H1, PlanSection.H2})


class DisagreementWith(Enum):
    LA = "la"
    SCHOOL = "school"
    EARLY_YEARS_SETTING = "early_years_setting"
    COLLEGE = "college"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"

    @property
    def label(self) -> str:
        return _PARTY_LABELS[self]


# Written to read at the start of a sentence and, lower-cased, inside one ("with the school").
_PARTY_LABELS = {
    DisagreementWith.LA: "The local authority",
    DisagreementWith.SCHOOL: "The school",
    DisagreementWith.EARLY_YEARS_SETTING: "The early years setting",
    DisagreementWith.COLLEGE: "The college",
    DisagreementWith.HEALTH: "The health service",
    DisagreementWith.SOCIAL_CARE: "Social care",
}

OtherParty = DisagreementWith


class Route(Enum):
    MEDIATION = "mediation"
    HEALTH_ONLY_MEDIATION = "health_only_mediation"
    DISAGREEMENT_RESOLUTION = "disagreement_resolution"
    NONE = "none"

    @property
    def label(self) -> str:
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    Route.MEDIATION: "Mediation",
    Route.HEALTH_ONLY_MEDIATION: "Health-only mediation",
    Route.DISAGREEMENT_RESOLUTION: "Disagreement resolution",
    Route.NONE: "No mediation or disagreement resolution",
}
# The routes that are SEND mediation (CFA ss.52-54; SEND Regs regs 32-42): they run the mediation
# clocks and can lead to a mediation certificate. Disagreement resolution (CFA s.57) does not.
MEDIATION_ROUTES = frozenset({Route.MEDIATION, Route.HEALTH_ONLY_MEDIATION})


class Body(Enum):
    LA = "la"
    ICB = "icb"
    SCHOOL_OR_SETTING = "school_or_setting"
    COLLEGE = "college"


PARTY_BODY = {
    DisagreementWith.LA: Body.LA,
    DisagreementWith.SCHOOL: Body.SCHOOL_OR_SETTING,
    DisagreementWith.EARLY_YEARS_SETTING: Body.SCHOOL_OR_SETTING,
    DisagreementWith.COLLEGE: Body.COLLEGE,
    DisagreementWith.HEALTH: Body.ICB,
    DisagreementWith.SOCIAL_CARE: Body.LA,  # social care is a local authority function
}
