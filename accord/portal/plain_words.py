"""The rules engine's terms in words a family uses (reading age about 9 to 11).

Keys are the values of `accord.rules` enums, so a family's answer goes straight to
`rules.triage(...)`. The route finder and the request form show the same words.
"""

from __future__ import annotations

from accord import rules

# (label, hint) for each kind of decision a family can disagree with.
DECISION_CHOICES: list[tuple[str, str, str]] = [
    (
        rules.DecisionKind.REFUSE_TO_ASSESS.value,
        "The council said no to an EHC needs assessment",
        "An assessment is when the council finds out what help a child or young person needs. "
        "EHC means education, health and care.",
    ),
    (
        rules.DecisionKind.REFUSE_TO_REASSESS.value,
        "The council said no to a new assessment",
        "There is already an EHC plan and you asked the council to assess again.",
    ),
    (
        rules.DecisionKind.REFUSE_TO_ISSUE_PLAN.value,
        "The council did an assessment but will not make an EHC plan",
        "An EHC plan is a legal document. It says what help the child or young person must get.",
    ),
    (
        rules.DecisionKind.PLAN_CONTENT.value,
        "You do not agree with what the EHC plan says",
        "This is about a final plan, or a plan the council has changed.",
    ),
    (
        rules.DecisionKind.REFUSE_TO_AMEND_OR_REPLACE.value,
        "The council checked the plan and will not change it",
        "This is after a review or a new assessment. A review is a meeting to check the plan, at "
        "least once a year. If the council says the plan is no longer needed, choose 'The "
        "council wants to end the EHC plan'.",
    ),
    (
        rules.DecisionKind.CEASE_TO_MAINTAIN.value,
        "The council wants to end the EHC plan",
        "The council calls this 'ceasing to maintain' the plan.",
    ),
    (
        rules.DecisionKind.NON_EHC_DISAGREEMENT.value,
        "Something else about support for special educational needs",
        "For example, a disagreement with a school, college, nursery, health service or social "
        "care. There does not need to be an EHC plan.",
    ),
    (
        rules.DecisionKind.DISABILITY_DISCRIMINATION.value,
        "A school treated the child or young person unfairly because of a disability",
        "This is called disability discrimination.",
    ),
]
DECISION_LABELS = {value: label for value, label, _ in DECISION_CHOICES}
DECISION_HINTS = {value: hint for value, _, hint in DECISION_CHOICES}

# Sections of an EHC plan, named the way a family would describe them.
SECTION_CHOICES: list[tuple[str, str, str]] = [
    (
        rules.PlanSection.B.value,
        "Section B: the special educational needs",
        "What the child or young person finds hard with learning.",
    ),
    (
        rules.PlanSection.C.value,
        "Section C: health needs",
        "Health needs that are linked to their special educational needs.",
    ),
    (
        rules.PlanSection.D.value,
        "Section D: social care needs",
        "Needs for care and support at home or in the community.",
    ),
    (
        rules.PlanSection.E.value,
        "Section E: outcomes",
        "What the help should make possible, for example reading or making friends.",
    ),
    (
        rules.PlanSection.F.value,
        "Section F: the special educational help",
        "The help with learning they must get, such as a teaching assistant or speech therapy.",
    ),
    (
        rules.PlanSection.G.value,
        "Section G: health help",
        "Help from the health service (NHS), such as physiotherapy.",
    ),
    (
        rules.PlanSection.H1.value,
        "Section H1: social care help the law says the council must give",
        "Help under the Chronically Sick and Disabled Persons Act, such as a carer or equipment.",
    ),
    (
        rules.PlanSection.H2.value,
        "Section H2: other social care help",
        "Other help from social care, such as short breaks.",
    ),
    (
        rules.PlanSection.I.value,
        "Section I: the school or college named in the plan",
        "Or that no school or college is named.",
    ),
]
SECTION_LABELS = {value: label for value, label, _ in SECTION_CHOICES}
SECTION_HINTS = {value: hint for value, _, hint in SECTION_CHOICES}

WHO_WITH_CHOICES: list[tuple[str, str]] = [
    (rules.DisagreementWith.LA.value, "The council (the local authority)"),
    (rules.DisagreementWith.SCHOOL.value, "A school"),
    (rules.DisagreementWith.EARLY_YEARS_SETTING.value, "A nursery or other early years setting"),
    (rules.DisagreementWith.COLLEGE.value, "A college"),
    (rules.DisagreementWith.HEALTH.value, "A health service (NHS)"),
    (rules.DisagreementWith.SOCIAL_CARE.value, "Social care"),
]
WHO_WITH_LABELS = dict(WHO_WITH_CHOICES)

ROUTE_NAMES = {
    rules.Route.MEDIATION: "Mediation",
    rules.Route.HEALTH_ONLY_MEDIATION: "Mediation about health care",
    rules.Route.DISAGREEMENT_RESOLUTION: "Disagreement resolution",
    rules.Route.NONE: "A claim to the tribunal",
}
