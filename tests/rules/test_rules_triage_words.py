"""What triage tells a coordinator, in full, for each route: the route, whether a certificate is
needed before an appeal, who takes part and who arranges it, the summary, the next steps, the
clocks that start and the sources (CFA ss.51-57, SEND Regs regs 33-42, CoP 11.6-11.12, the 2017
Recommendations Power Regulations, Equality Act 2010 Sch.17).

Each next step names the rule it comes from; the step texts are spelled out once below.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from accord.rules import Body, Clock, DecisionKind, PlanSection, Route, triage

K = DecisionKind
S = PlanSection

# SEND Regs reg 33: contact the adviser within 2 months.
ADVISER = (
    "The family contacts the mediation adviser within 2 months of the date the decision notice "
    "was sent, and says whether they want mediation (SEND Regs reg 33)."
)
# SEND Regs reg 34, CFA s.55(4): no mediation wanted.
NOT_WANTED = (
    "If they do not want mediation, the adviser issues the certificate within 3 working days "
    "(SEND Regs reg 34; CFA s.55(4))."
)
# SEND Regs regs 35-37: the local authority holds it within 30 days and cannot refuse.
HOLD = (
    "If they want mediation, they tell the local authority and list the issues; it must hold "
    "the mediation within 30 days and cannot refuse (SEND Regs regs 35-37)."
)
# SEND Regs reg 34: chose mediation, then did not pursue it.
NOT_PURSUED = (
    "If they then withdraw or stop replying, the adviser issues the certificate within 3 working "
    "days of learning that (SEND Regs reg 34; CFA s.55(4))."
)
# SEND Regs reg 36: the local authority tells the ICB.
TELL_ICB = (
    "The local authority tells the ICB the health issues within 3 working days; the ICB takes "
    "part (SEND Regs reg 36)."
)
# SEND Regs reg 37 (notice) and reg 38(2)-(3) (someone with authority to resolve the issues).
NOTICE = (
    "Tell the family the date and place at least 5 working days before the meeting, unless they "
    "agree to less. {sender} someone with authority to resolve the issues (SEND Regs reg "
    "38(2)-(3))."
)
NOTICE_LA = NOTICE.format(sender="The local authority must send")
NOTICE_LA_ICB = NOTICE.format(sender="The local authority and the ICB must each send")
NOTICE_ICB = NOTICE.format(sender="The ICB must send")
# SEND Regs reg 39, CFA s.55(5): the mediator's certificate.
AFTER = (
    "The mediator issues a certificate within 3 working days after the mediation, agreement or "
    "not (SEND Regs reg 39; CFA s.55(5))."
)
# HESC Rules r.20(1)(c), r.12(2)-(3).
APPEAL = (
    "Appeal deadline: 2 months after the decision notice, or 1 month after the certificate if "
    "later; if that day is in August or 25 December to 1 January, the first working day after, "
    "otherwise the next working day if it is not one (HESC Rules r.20, r.12)."
)
CERTIFICATE_FIRST = (
    "Before appealing, the family must contact the mediation adviser and get a mediation "
    "certificate; going to mediation is their choice, and if they choose it the local authority "
    "must take part."
)
NOT_ONLY_I = (
    "Because the appeal is not only about the placement in section I, the family must contact "
    "the mediation adviser and get a certificate first; mediation itself is their choice."
)
ONLY_I = (
    "An appeal only about the school or college named in section I (or that none is named) "
    "needs no mediation certificate. The family can still choose mediation, and the local "
    "authority must take part."
)
RECOMMENDATIONS = (
    "The {kinds} parts cannot be appealed on their own: the tribunal can only make non-binding "
    "recommendations about them alongside an education appeal. They can be mediated{icb}"
)
OUTCOMES = (
    "Outcomes (section E) are not themselves a ground of appeal; raise them in mediation, "
    "usually with the needs and provision."
)

C = Clock
CERTIFICATE_STEPS = (ADVISER, NOT_WANTED, HOLD, NOT_PURSUED, NOTICE_LA, AFTER, APPEAL)
CERTIFICATE_CLOCKS = (
    C.ADVISER_CONTACT,
    C.CERTIFICATE_NO_MEDIATION,
    C.MEDIATION_HELD_LA,
    C.MEETING_NOTICE,
    C.CERTIFICATE_NOT_PURSUED,
    C.CERTIFICATE_NOT_HELD_IN_TIME,
    C.CERTIFICATE_AFTER_MEDIATION,
    C.TRIBUNAL_APPEAL,
    C.AGREEMENT_APPEALABLE,
    C.AGREEMENT_OTHER,
)
CERTIFICATE_CLOCKS_WITH_HEALTH = (
    *CERTIFICATE_CLOCKS[:2],
    C.HEALTH_BODIES_NOTICE,
    *CERTIFICATE_CLOCKS[2:],
)
APPEAL_BASIS = (
    "CFA ss.52-54",
    "CFA s.51",
    "CFA s.55",
    "HESC Rules r.20(1)(c)",
    "SEND Regs reg 33",
    "SEND Regs regs 35-37",
    "SEND Regs reg 38(1)",
    "SEND Regs reg 38(2)-(3)",
)
RECOMMENDATIONS_REGS = "SEND (First-tier Tribunal Recommendations Power) Regs 2017"
NO_APPEAL_BASIS = ("CFA ss.52-54", "SEND Regs regs 35-37", "SEND Regs reg 38(1)")
LA = frozenset({Body.LA})
LA_ICB = frozenset({Body.LA, Body.ICB})


@dataclass(frozen=True)
class Expected:
    route: Route
    certificate: bool
    appealable: bool
    involve: frozenset[Body]
    arranged_by: Body | None
    voluntary: bool
    can_choose_mediation: bool
    summary: str
    steps: tuple[str, ...]
    clocks: tuple[Clock, ...]
    basis: tuple[str, ...]


def mediation(
    *,
    certificate: bool,
    appealable: bool,
    involve: frozenset[Body],
    summary: str,
    steps: tuple[str, ...],
    clocks: tuple[Clock, ...],
    basis: tuple[str, ...],
) -> Expected:
    """The mediation route (CFA ss.52-54): the local authority arranges it, the family may
    choose it, and it is not voluntary for the local authority."""
    return Expected(
        Route.MEDIATION,
        certificate,
        appealable,
        involve,
        Body.LA,
        False,
        True,
        summary,
        steps,
        clocks,
        basis,
    )


CASES = [
    pytest.param(
        (K.DISABILITY_DISCRIMINATION, ()),
        Expected(
            Route.NONE,
            False,
            True,
            frozenset(),
            None,
            False,
            False,
            "A disability discrimination claim about a school goes straight to the First-tier "
            "Tribunal (SEND). It is not part of SEND mediation and needs no mediation "
            "certificate.",
            (
                "Make the claim to the tribunal within 6 months of the discrimination (Equality "
                "Act 2010 Sch.17); the August and Christmas extensions for SEN appeals do not "
                "apply.",
                "Claims about colleges and other services go to the county court instead.",
                "If there is also an EHC decision the family disagrees with, triage that "
                "separately.",
            ),
            (),
            ("Equality Act 2010 Sch.17",),
        ),
        id="EqA 2010 Sch.17: a claim, straight to the tribunal, no certificate",
    ),
    pytest.param(
        (K.NON_EHC_DISAGREEMENT, (), "school"),
        Expected(
            Route.DISAGREEMENT_RESOLUTION,
            False,
            False,
            frozenset({Body.SCHOOL_OR_SETTING}),
            Body.LA,
            True,
            False,
            "Disagreement resolution with the school is available at any time, with or without "
            "an EHC plan, and even after an appeal has been lodged. It is voluntary for "
            "everyone: the school must agree to take part. No certificate is involved.",
            (
                "Ask the school whether they will take part; nobody can be made to.",
                "Arrange a meeting with an independent facilitator from the disagreement "
                "resolution service the local authority provides.",
                "If the disagreement is about an EHC decision the family can appeal, use the "
                "mediation route instead.",
            ),
            (),
            ("CFA s.57; CoP 11.6-11.12",),
        ),
        id="CFA s.57, CoP 11.6-11.12: with a school, voluntary, the LA's service",
    ),
    pytest.param(
        (K.NON_EHC_DISAGREEMENT, ()),
        Expected(
            Route.DISAGREEMENT_RESOLUTION,
            False,
            False,
            frozenset(),
            Body.LA,
            True,
            False,
            "Disagreement resolution with the other party is available at any time, with or "
            "without an EHC plan, and even after an appeal has been lodged. It is voluntary for "
            "everyone: the other party must agree to take part. No certificate is involved.",
            (
                "Ask the other party whether they will take part; nobody can be made to.",
                "Arrange a meeting with an independent facilitator from the disagreement "
                "resolution service the local authority provides.",
                "If the disagreement is about an EHC decision the family can appeal, use the "
                "mediation route instead.",
            ),
            (),
            ("CFA s.57; CoP 11.6-11.12",),
        ),
        id="CFA s.57: the other party not yet named",
    ),
    pytest.param(
        (K.REFUSE_TO_ASSESS, ()),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary="A refusal to carry out an EHC needs assessment can be appealed to the "
            f"tribunal. {CERTIFICATE_FIRST}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(a), s.55: refusal to assess, certificate first",
    ),
    pytest.param(
        (K.REFUSE_TO_REASSESS, ()),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary="A refusal to carry out an EHC needs reassessment can be appealed to the "
            f"tribunal. {CERTIFICATE_FIRST}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(d): refusal to reassess",
    ),
    pytest.param(
        (K.REFUSE_TO_ISSUE_PLAN, ()),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary="A refusal to issue an EHC plan after an assessment can be appealed to the "
            f"tribunal. {CERTIFICATE_FIRST}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(b): refusal to issue a plan",
    ),
    pytest.param(
        (K.REFUSE_TO_AMEND_OR_REPLACE, ()),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary="A refusal to amend or replace an EHC plan after a review or reassessment "
            f"can be appealed to the tribunal. {CERTIFICATE_FIRST} This covers a refusal to "
            "amend the plan or to replace it, after a review or after a reassessment (CFA "
            "s.51(2)(e)). If, after a reassessment, the local authority decided that the plan "
            "is no longer needed, that is a decision to cease to maintain it (CFA s.45): record "
            "it as a cessation (s.51(2)(f)), which the family can also appeal.",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(e): amend or replace after a review or reassessment; s.45 cessation",
    ),
    pytest.param(
        (K.CEASE_TO_MAINTAIN, (S.G,)),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA_ICB,
            summary="A decision to cease to maintain an EHC plan can be appealed to the "
            f"tribunal. {CERTIFICATE_FIRST} This includes a decision after a reassessment that "
            "the plan is no longer needed (CFA s.45; s.51(2)(f)).",
            steps=(
                ADVISER,
                NOT_WANTED,
                HOLD,
                NOT_PURSUED,
                TELL_ICB,
                NOTICE_LA_ICB,
                AFTER,
                APPEAL,
            ),
            clocks=CERTIFICATE_CLOCKS_WITH_HEALTH,
            basis=(*APPEAL_BASIS, "SEND Regs reg 36", RECOMMENDATIONS_REGS),
        ),
        id="CFA s.51(2)(f), reg36: cessation with health provision brings in the ICB",
    ),
    pytest.param(
        (K.PLAN_CONTENT, ()),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary="Record which sections of the plan are in dispute. Until then, treat it as "
            "an appeal that needs a mediation certificate: needs (B) or provision (F) do, an "
            "appeal only about the placement (I) does not.",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(c), s.55: sections not yet known, certificate assumed",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.B,)),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary=f"Section B can be appealed to the tribunal. {NOT_ONLY_I}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(c): needs (B), certificate first",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.B, S.F)),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary=f"Sections B and F can be appealed to the tribunal. {NOT_ONLY_I}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(c): needs (B) and provision (F)",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.I,)),
        mediation(
            certificate=False,
            appealable=True,
            involve=LA,
            summary=f"Section I can be appealed to the tribunal. {ONLY_I}",
            steps=(HOLD, NOTICE_LA, APPEAL),
            clocks=(
                C.MEDIATION_HELD_LA,
                C.MEETING_NOTICE,
                C.TRIBUNAL_APPEAL,
                C.AGREEMENT_APPEALABLE,
                C.AGREEMENT_OTHER,
            ),
            basis=tuple(c for c in APPEAL_BASIS if c != "SEND Regs reg 33"),
        ),
        id="CFA s.55(3): placement (I) only, no certificate, mediation still open",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.B, S.F, S.I, S.E)),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA,
            summary=f"Sections B, F and I can be appealed to the tribunal. {NOT_ONLY_I} {OUTCOMES}",
            steps=CERTIFICATE_STEPS,
            clocks=CERTIFICATE_CLOCKS,
            basis=APPEAL_BASIS,
        ),
        id="CFA s.51(2)(c): B, F and I with outcomes E",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.I, S.E)),
        mediation(
            certificate=False,
            appealable=True,
            involve=LA,
            summary=f"Section I can be appealed to the tribunal. {ONLY_I} {OUTCOMES}",
            steps=(HOLD, NOTICE_LA, APPEAL),
            clocks=(
                C.MEDIATION_HELD_LA,
                C.MEETING_NOTICE,
                C.TRIBUNAL_APPEAL,
                C.AGREEMENT_APPEALABLE,
                C.AGREEMENT_OTHER,
            ),
            basis=tuple(c for c in APPEAL_BASIS if c != "SEND Regs reg 33"),
        ),
        id="CFA s.55(3): I with outcomes E is still an appeal only about I",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.F, S.G, S.H1)),
        mediation(
            certificate=True,
            appealable=True,
            involve=LA_ICB,
            summary=f"Section F can be appealed to the tribunal. {NOT_ONLY_I} "
            + RECOMMENDATIONS.format(
                kinds="health and social care", icb=", with the ICB taking part for health."
            ),
            steps=(
                ADVISER,
                NOT_WANTED,
                HOLD,
                NOT_PURSUED,
                TELL_ICB,
                NOTICE_LA_ICB,
                AFTER,
                APPEAL,
            ),
            clocks=CERTIFICATE_CLOCKS_WITH_HEALTH,
            basis=(*APPEAL_BASIS, "SEND Regs reg 36", RECOMMENDATIONS_REGS),
        ),
        id="CFA s.51(2)(c), reg36, 2017 Regs: provision F with health G and social care H1",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.D, S.G)),
        mediation(
            certificate=False,
            appealable=False,
            involve=LA_ICB,
            summary=RECOMMENDATIONS.format(
                kinds="health and social care", icb=", with the ICB taking part for health."
            ),
            steps=(HOLD, TELL_ICB, NOTICE_LA_ICB),
            clocks=(
                C.HEALTH_BODIES_NOTICE,
                C.MEDIATION_HELD_LA,
                C.MEETING_NOTICE,
                C.AGREEMENT_OTHER,
            ),
            basis=(
                *NO_APPEAL_BASIS,
                "SEND Regs reg 38(2)-(3)",
                "SEND Regs reg 36",
                RECOMMENDATIONS_REGS,
            ),
        ),
        id="CFA s.52, reg36: social care D and health G, mediated, not appealable",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.H2,)),
        mediation(
            certificate=False,
            appealable=False,
            involve=LA,
            summary=RECOMMENDATIONS.format(kinds="social care", icb="."),
            steps=(HOLD, NOTICE_LA),
            clocks=(C.MEDIATION_HELD_LA, C.MEETING_NOTICE, C.AGREEMENT_OTHER),
            basis=(*NO_APPEAL_BASIS, "SEND Regs reg 38(2)-(3)", RECOMMENDATIONS_REGS),
        ),
        id="CFA s.52: social care H2 only, with the LA",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.E,)),
        mediation(
            certificate=False,
            appealable=False,
            involve=LA,
            summary=OUTCOMES,
            steps=(HOLD, NOTICE_LA),
            clocks=(C.MEDIATION_HELD_LA, C.MEETING_NOTICE, C.AGREEMENT_OTHER),
            basis=(*NO_APPEAL_BASIS, "SEND Regs reg 38(2)-(3)"),
        ),
        id="CFA s.51: outcomes E alone is not a ground of appeal",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.G, S.E)),
        mediation(
            certificate=False,
            appealable=False,
            involve=LA_ICB,
            summary=RECOMMENDATIONS.format(
                kinds="health", icb=", with the ICB taking part for health."
            )
            + f" {OUTCOMES}",
            steps=(HOLD, TELL_ICB, NOTICE_LA_ICB),
            clocks=(
                C.HEALTH_BODIES_NOTICE,
                C.MEDIATION_HELD_LA,
                C.MEETING_NOTICE,
                C.AGREEMENT_OTHER,
            ),
            basis=(
                *NO_APPEAL_BASIS,
                "SEND Regs reg 38(2)-(3)",
                "SEND Regs reg 36",
                RECOMMENDATIONS_REGS,
            ),
        ),
        id="reg36: health G with outcomes E is not health-only, the LA arranges",
    ),
    pytest.param(
        (K.PLAN_CONTENT, (S.C, S.G)),
        Expected(
            Route.HEALTH_ONLY_MEDIATION,
            False,
            False,
            frozenset({Body.ICB}),
            Body.ICB,
            False,
            True,
            RECOMMENDATIONS.format(kinds="health", icb=", with the ICB taking part for health.")
            + " Only health care is in dispute, so the ICB arranges the mediation; the NHS "
            "complaints procedure is the other route.",
            (
                "The family tells the local authority they want mediation on the health care in "
                "the plan; it tells the ICB the issues within 3 working days (SEND Regs reg 36).",
                "The ICB must hold the mediation within 30 days of being told the issues.",
                NOTICE_ICB,
                "If agreement is reached, the ICB tells the local authority within 1 week (SEND "
                "Regs reg 42(4)) and does what it agreed within 2 weeks (SEND Regs reg 42(3)).",
            ),
            (
                C.HEALTH_BODIES_NOTICE,
                C.MEDIATION_HELD_HEALTH_ONLY,
                C.MEETING_NOTICE,
                C.AGREEMENT_OTHER,
                C.ICB_TELLS_LA,
            ),
            (
                "CFA ss.52-54",
                "SEND Regs reg 36",
                "SEND Regs reg 36",
                "SEND Regs reg 38(1)",
                "SEND Regs reg 38(2)-(3)",
                RECOMMENDATIONS_REGS,
                "SEND Regs reg 42(4)",
            ),
        ),
        id="reg36: health needs C and provision G only, the ICB arranges",
    ),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_what_triage_says(args: tuple[Any, ...], expected: Expected) -> None:
    decision: DecisionKind = args[0]
    sections: tuple[PlanSection, ...] = args[1]
    result = triage(*args)
    assert result.decision is decision
    assert result.sections == frozenset(sections)
    assert result.route is expected.route
    assert result.certificate_needed_before_appeal is expected.certificate
    assert result.appealable is expected.appealable
    assert result.must_involve == expected.involve
    assert result.arranged_by is expected.arranged_by
    assert result.voluntary is expected.voluntary
    assert result.can_choose_mediation is expected.can_choose_mediation
    assert result.summary == expected.summary
    assert result.next_steps == expected.steps
    assert result.clocks == expected.clocks
    assert tuple(basis.citation for basis in result.basis) == expected.basis


def test_sections_named_with_a_claim_or_a_disagreement_are_kept() -> None:
    # Recorded as given, though they decide nothing on these routes.
    assert triage(K.DISABILITY_DISCRIMINATION, [S.I]).sections == frozenset({S.I})
    assert triage(K.NON_EHC_DISAGREEMENT, [S.F], "health").sections == frozenset({S.F})
