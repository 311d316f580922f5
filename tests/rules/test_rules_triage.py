"""Which route: CFA ss.51-57, SEND Regs regs 33-42, CoP 11.6-11.12, Equality Act 2010 Sch.17."""

import pytest

from accord.rules import (
    Body,
    Clock,
    DecisionKind,
    DisagreementWith,
    OtherParty,
    PlanSection,
    Route,
    triage,
)

K = DecisionKind
S = PlanSection
LA = frozenset({Body.LA})
LA_ICB = frozenset({Body.LA, Body.ICB})


@pytest.mark.parametrize(
    ("decision", "sections", "route", "certificate", "appealable", "involve"),
    [
        pytest.param(K.REFUSE_TO_ASSESS, (), Route.MEDIATION, True, True, LA, id="s.51(2)(a)"),
        pytest.param(K.REFUSE_TO_REASSESS, (), Route.MEDIATION, True, True, LA, id="s.51(2)(d)"),
        pytest.param(K.REFUSE_TO_ISSUE_PLAN, (), Route.MEDIATION, True, True, LA, id="s.51(2)(b)"),
        pytest.param(
            K.REFUSE_TO_AMEND_OR_REPLACE, (), Route.MEDIATION, True, True, LA, id="s.51(2)(e)"
        ),
        pytest.param(K.CEASE_TO_MAINTAIN, (), Route.MEDIATION, True, True, LA, id="s.51(2)(f)"),
        pytest.param(
            K.PLAN_CONTENT,
            (S.B, S.F, S.I),
            Route.MEDIATION,
            True,
            True,
            LA,
            id="s.51(2)(c)+s.55: B, F and I is not only I, so a certificate is needed",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.I,),
            Route.MEDIATION,
            False,
            True,
            LA,
            id="s.55: section I only needs no certificate, mediation optional",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.I, S.E),
            Route.MEDIATION,
            False,
            True,
            LA,
            id="s.55: I plus outcomes E is still an appeal only about I",
        ),
        pytest.param(
            K.PLAN_CONTENT, (S.B,), Route.MEDIATION, True, True, LA, id="s.51(2)(c)(i): needs B"
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.F, S.G),
            Route.MEDIATION,
            True,
            True,
            LA_ICB,
            id="reg36: provision F with health G brings in the ICB",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.I, S.C),
            Route.MEDIATION,
            True,
            True,
            LA_ICB,
            id="s.55: I with health C is not an appeal only about I",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.G,),
            Route.HEALTH_ONLY_MEDIATION,
            False,
            False,
            frozenset({Body.ICB}),
            id="reg36: health provision G only, ICB arranges",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.C, S.G),
            Route.HEALTH_ONLY_MEDIATION,
            False,
            False,
            frozenset({Body.ICB}),
            id="reg36: health needs and provision only",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.H1, S.H2),
            Route.MEDIATION,
            False,
            False,
            LA,
            id="s.52: social care only, mediated with the LA, not appealable",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.D, S.G),
            Route.MEDIATION,
            False,
            False,
            LA_ICB,
            id="reg36: social care and health mixed, LA arranges with the ICB",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.E,),
            Route.MEDIATION,
            False,
            False,
            LA,
            id="s.51: outcomes E alone is not appealable",
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (),
            Route.MEDIATION,
            True,
            True,
            LA,
            id="sections not yet known: assume a certificate is needed",
        ),
        pytest.param(
            K.CEASE_TO_MAINTAIN,
            (S.G,),
            Route.MEDIATION,
            True,
            True,
            LA_ICB,
            id="reg36: cessation with health issues brings in the ICB",
        ),
        pytest.param(
            K.DISABILITY_DISCRIMINATION,
            (),
            Route.NONE,
            False,
            True,
            frozenset(),
            id="EqA 2010 Sch.17: claim straight to the tribunal",
        ),
    ],
)
def test_ehc_routes(
    decision: DecisionKind,
    sections: tuple[PlanSection, ...],
    route: Route,
    certificate: bool,
    appealable: bool,
    involve: frozenset[Body],
) -> None:
    result = triage(decision, sections)
    assert result.route is route
    assert result.certificate_needed_before_appeal is certificate
    assert result.appealable is appealable
    assert result.must_involve == involve
    assert result.summary
    assert result.basis


@pytest.mark.parametrize(
    ("party", "body"),
    [
        pytest.param(DisagreementWith.LA, Body.LA, id="CoP 11.6: with the LA"),
        pytest.param(DisagreementWith.SCHOOL, Body.SCHOOL_OR_SETTING, id="CoP 11.6: school"),
        pytest.param(
            DisagreementWith.EARLY_YEARS_SETTING, Body.SCHOOL_OR_SETTING, id="CoP 11.6: early years"
        ),
        pytest.param(DisagreementWith.COLLEGE, Body.COLLEGE, id="CoP 11.6: college"),
        pytest.param(DisagreementWith.HEALTH, Body.ICB, id="CoP 11.6: health"),
        pytest.param(DisagreementWith.SOCIAL_CARE, Body.LA, id="CoP 11.6: social care"),
    ],
)
def test_disagreement_resolution(party: DisagreementWith, body: Body) -> None:
    result = triage(K.NON_EHC_DISAGREEMENT, disagreement_with=party)
    assert result.route is Route.DISAGREEMENT_RESOLUTION
    assert result.voluntary is True
    assert result.certificate_needed_before_appeal is False
    assert result.appealable is False
    assert result.can_choose_mediation is False
    assert result.must_involve == frozenset({body})
    assert result.clocks == ()
    assert result.basis[0].citation == "CFA s.57; CoP 11.6-11.12"


def test_disagreement_resolution_without_a_named_party() -> None:
    result = triage(K.NON_EHC_DISAGREEMENT)
    assert result.route is Route.DISAGREEMENT_RESOLUTION
    assert result.must_involve == frozenset()
    assert "the other party must agree" in result.summary


def test_section_i_only_can_still_choose_mediation() -> None:
    result = triage(K.PLAN_CONTENT, [S.I])
    assert result.can_choose_mediation is True
    assert Clock.ADVISER_CONTACT not in result.clocks
    assert Clock.TRIBUNAL_APPEAL in result.clocks
    assert "needs no mediation certificate" in result.summary


def test_health_only_route_has_the_icb_clocks() -> None:
    result = triage(K.PLAN_CONTENT, [S.G])
    assert result.arranged_by is Body.ICB
    assert result.clocks == (
        Clock.HEALTH_BODIES_NOTICE,
        Clock.MEDIATION_HELD_HEALTH_ONLY,
        Clock.MEETING_NOTICE,
        Clock.AGREEMENT_OTHER,
        Clock.ICB_TELLS_LA,
    )
    assert "cannot be appealed on their own" in result.summary


def test_appealable_decision_lists_its_clocks_in_order() -> None:
    result = triage(K.REFUSE_TO_ASSESS)
    assert result.clocks == (
        Clock.ADVISER_CONTACT,
        Clock.CERTIFICATE_NO_MEDIATION,
        Clock.MEDIATION_HELD_LA,
        Clock.MEETING_NOTICE,
        Clock.CERTIFICATE_NOT_PURSUED,  # SEND Regs reg 34: chose mediation, then did not pursue
        Clock.CERTIFICATE_NOT_HELD_IN_TIME,
        Clock.CERTIFICATE_AFTER_MEDIATION,
        Clock.TRIBUNAL_APPEAL,
        Clock.AGREEMENT_APPEALABLE,
        Clock.AGREEMENT_OTHER,
    )
    assert result.arranged_by is Body.LA
    assert result.voluntary is False
    assert any("within 2 months" in step for step in result.next_steps)


def test_mixed_health_mediation_tells_the_icb() -> None:
    result = triage(K.PLAN_CONTENT, [S.B, S.F, S.G])
    assert Clock.HEALTH_BODIES_NOTICE in result.clocks
    assert Clock.MEDIATION_HELD_LA in result.clocks
    assert any("ICB" in step for step in result.next_steps)


def test_strings_are_accepted_for_forms() -> None:
    result = triage("plan_content", ["B", "F"], None)
    assert result.route is Route.MEDIATION
    assert triage("non_ehc_disagreement", disagreement_with="school").must_involve == frozenset(
        {Body.SCHOOL_OR_SETTING}
    )
    assert OtherParty is DisagreementWith


def test_unknown_values_are_refused() -> None:
    with pytest.raises(ValueError):
        triage("not_a_decision")
    with pytest.raises(ValueError):
        triage(K.PLAN_CONTENT, ["Z"])


def test_s51_2_e_is_amendment_or_replacement_after_a_review_or_reassessment() -> None:
    # CFA s.51(2)(e): "a decision ... not to secure the amendment or replacement of an EHC plan
    # ... following a review or re-assessment under section 44".
    kind = K.REFUSE_TO_AMEND_OR_REPLACE
    assert kind.label == "Refusal to amend or replace an EHC plan after a review or reassessment"
    # The stored value keeps its first name: cases and online requests already hold it.
    assert kind.value == "refuse_to_amend_after_review"
    assert K("refuse_to_amend_after_review") is kind
    result = triage(kind)
    assert result.summary.startswith(
        "A refusal to amend or replace an EHC plan after a review or reassessment can be appealed"
    )
    assert "(CFA s.51(2)(e))" in result.summary


@pytest.mark.parametrize(
    "decision",
    [
        pytest.param(K.REFUSE_TO_AMEND_OR_REPLACE, id="s.51(2)(e) points to s.45 and s.51(2)(f)"),
        pytest.param(K.CEASE_TO_MAINTAIN, id="s.45; s.51(2)(f) includes it"),
    ],
)
def test_no_longer_needed_after_a_reassessment_is_a_cessation(decision: DecisionKind) -> None:
    # CFA s.45 and s.51(2)(f): a decision after a reassessment that the plan is no longer needed
    # is a decision to cease to maintain it; the route and clocks are those of an appeal.
    result = triage(decision)
    assert "no longer needed" in result.summary
    assert "CFA s.45" in result.summary
    assert "s.51(2)(f)" in result.summary
    assert result.certificate_needed_before_appeal is True
    assert result.clocks == triage(K.CEASE_TO_MAINTAIN).clocks


def test_other_decisions_do_not_mention_cessation() -> None:
    for decision in (K.REFUSE_TO_ASSESS, K.REFUSE_TO_REASSESS, K.REFUSE_TO_ISSUE_PLAN):
        assert "no longer needed" not in triage(decision).summary


@pytest.mark.parametrize(
    ("decision", "sections", "sender"),
    [
        pytest.param(
            K.REFUSE_TO_ASSESS, (), "The local authority must send", id="reg38(2)-(3): LA"
        ),
        pytest.param(
            K.PLAN_CONTENT,
            (S.F, S.G),
            "The local authority and the ICB must each send",
            id="reg38(2)-(3): LA and ICB",
        ),
        pytest.param(K.PLAN_CONTENT, (S.G,), "The ICB must send", id="reg38(2)-(3): ICB only"),
    ],
)
def test_who_attends_cites_reg_38_by_paragraph(
    decision: DecisionKind, sections: tuple[PlanSection, ...], sender: str
) -> None:
    # SEND Regs reg 38(1) is who *may* attend; the duty to send someone with authority to
    # resolve the issues is cited separately (reg 38(2)-(3), not read in the primary text: see
    # docs/rules-sources.md).
    result = triage(decision, sections)
    citations = [basis.citation for basis in result.basis]
    assert "SEND Regs reg 38(1)" in citations
    assert "SEND Regs reg 38(2)-(3)" in citations
    assert "SEND Regs reg 38" not in citations
    step = next(step for step in result.next_steps if "authority to resolve" in step)
    assert (
        f"{sender} someone with authority to resolve the issues (SEND Regs reg 38(2)-(3))" in step
    )
    may_attend = next(basis for basis in result.basis if basis.citation == "SEND Regs reg 38(1)")
    assert may_attend.verified is True
    assert "advocate or other supporter" in may_attend.summary
    duty = next(basis for basis in result.basis if basis.citation == "SEND Regs reg 38(2)-(3)")
    assert duty.verified is False
    assert "authority to resolve the mediation issues" in duty.summary
