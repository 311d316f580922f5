"""Which route a disagreement takes: mediation (with or without a certificate before an appeal),
health-only mediation, disagreement resolution, or none (straight to the tribunal).

Sources: CFA s.51(2) (what can be appealed; a decision after a reassessment that a plan is no
longer needed is a cessation under s.45, appealed under s.51(2)(f)), ss.52-54 (right to
mediation, including health and social care), s.55 (certificate; none needed for an appeal only
about section I), s.57 and CoP 11.6-11.12 (disagreement resolution, voluntary), SEND Regs regs
33-42 (reg 38(1) who may attend; reg 38(2)-(3) someone with authority to resolve the issues),
the 2017 Recommendations Power Regulations (health and social care only alongside an education
appeal), Equality Act 2010 Sch.17 (disability discrimination claims).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.rules import basis as b
from accord.rules.basis import LegalBasis
from accord.rules.clocks import Clock
from accord.rules.decisions import (
    APPEALABLE_SECTIONS,
    HEALTH_SECTIONS,
    PARTY_BODY,
    SOCIAL_CARE_SECTIONS,
    Body,
    DecisionKind,
    DisagreementWith,
    PlanSection,
    Route,
)
from accord.rules.wording import in_sentence, join_words


@dataclass(frozen=True, slots=True)
class TriageResult:
    """What a coordinator needs to know about a disagreement.

    ``appealable``: the family can take it to the First-tier Tribunal (SEND), by appeal under
    CFA s.51 or, for disability discrimination, by claim. ``must_involve``: the bodies that
    take part (for disagreement resolution, only if they agree: ``voluntary``).
    """

    decision: DecisionKind
    sections: frozenset[PlanSection]
    route: Route
    certificate_needed_before_appeal: bool
    appealable: bool
    must_involve: frozenset[Body]
    arranged_by: Body | None
    voluntary: bool
    can_choose_mediation: bool
    summary: str
    next_steps: tuple[str, ...]
    clocks: tuple[Clock, ...]
    basis: tuple[LegalBasis, ...]


def triage(
    decision: DecisionKind | str,
    sections: Iterable[PlanSection | str] = (),
    disagreement_with: DisagreementWith | str | None = None,
) -> TriageResult:
    kind = DecisionKind(decision)
    named = frozenset(PlanSection(section) for section in sections)
    party = DisagreementWith(disagreement_with) if disagreement_with is not None else None
    if kind is DecisionKind.DISABILITY_DISCRIMINATION:
        return _disability_discrimination(named)
    if kind is DecisionKind.NON_EHC_DISAGREEMENT:
        return _disagreement_resolution(named, party)
    if kind is DecisionKind.PLAN_CONTENT:
        return _plan_content(named)
    return _appealable_decision(kind, named)


def _disability_discrimination(named: frozenset[PlanSection]) -> TriageResult:
    return TriageResult(
        decision=DecisionKind.DISABILITY_DISCRIMINATION,
        sections=named,
        route=Route.NONE,
        certificate_needed_before_appeal=False,
        appealable=True,
        must_involve=frozenset(),
        arranged_by=None,
        voluntary=False,
        can_choose_mediation=False,
        summary=(
            "A disability discrimination claim about a school goes straight to the First-tier "
            "Tribunal (SEND). It is not part of SEND mediation and needs no mediation "
            "certificate."
        ),
        next_steps=(
            "Make the claim to the tribunal within 6 months of the discrimination (Equality Act "
            "2010 Sch.17); the August and Christmas extensions for SEN appeals do not apply.",
            "Claims about colleges and other services go to the county court instead.",
            "If there is also an EHC decision the family disagrees with, triage that separately.",
        ),
        clocks=(),
        basis=(b.DISABILITY_DISCRIMINATION,),
    )


def _disagreement_resolution(
    named: frozenset[PlanSection], party: DisagreementWith | None
) -> TriageResult:
    who = in_sentence(party.label) if party is not None else "the other party"
    involve = frozenset({PARTY_BODY[party]}) if party is not None else frozenset()
    return TriageResult(
        decision=DecisionKind.NON_EHC_DISAGREEMENT,
        sections=named,
        route=Route.DISAGREEMENT_RESOLUTION,
        certificate_needed_before_appeal=False,
        appealable=False,
        must_involve=involve,
        arranged_by=Body.LA,
        voluntary=True,
        can_choose_mediation=False,
        summary=(
            f"Disagreement resolution with {who} is available at any time, with or without an "
            "EHC plan, and even after an appeal has been lodged. It is voluntary for everyone: "
            f"{who} must agree to take part. No certificate is involved."
        ),
        next_steps=(
            f"Ask {who} whether they will take part; nobody can be made to.",
            "Arrange a meeting with an independent facilitator from the disagreement "
            "resolution service the local authority provides.",
            "If the disagreement is about an EHC decision the family can appeal, use the "
            "mediation route instead.",
        ),
        clocks=(),
        basis=(b.DISAGREEMENT_RESOLUTION,),
    )


# What a coordinator needs to know to record the decision under the right head of CFA s.51(2).
_DECISION_NOTES = {
    DecisionKind.REFUSE_TO_AMEND_OR_REPLACE: (
        " This covers a refusal to amend the plan or to replace it, after a review or after a "
        "reassessment (CFA s.51(2)(e)). If, after a reassessment, the local authority decided "
        "that the plan is no longer needed, that is a decision to cease to maintain it (CFA "
        "s.45): record it as a cessation (s.51(2)(f)), which the family can also appeal."
    ),
    DecisionKind.CEASE_TO_MAINTAIN: (
        " This includes a decision after a reassessment that the plan is no longer needed "
        "(CFA s.45; s.51(2)(f))."
    ),
}


def _appealable_decision(kind: DecisionKind, named: frozenset[PlanSection]) -> TriageResult:
    health = bool(named & HEALTH_SECTIONS)
    return _mediation_result(
        kind,
        named,
        appealable=True,
        certificate=True,
        health=health,
        summary=(
            f"A {in_sentence(kind.label)} can be appealed to the tribunal. Before appealing, the "
            "family must contact the mediation adviser and get a mediation certificate; going to "
            "mediation is their choice, and if they choose it the local authority must take part."
            + _DECISION_NOTES.get(kind, "")
        ),
    )


def _plan_content(named: frozenset[PlanSection]) -> TriageResult:
    kind = DecisionKind.PLAN_CONTENT
    if not named:
        # Not yet known which sections are in dispute: assume an appeal that needs a certificate,
        # which costs the family nothing and protects the right of appeal.
        return _mediation_result(
            kind,
            named,
            appealable=True,
            certificate=True,
            health=False,
            summary=(
                "Record which sections of the plan are in dispute. Until then, treat it as an "
                "appeal that needs a mediation certificate: needs (B) or provision (F) do, an "
                "appeal only about the placement (I) does not."
            ),
        )
    education = named & {PlanSection.B, PlanSection.F}
    health = bool(named & HEALTH_SECTIONS)
    social = bool(named & SOCIAL_CARE_SECTIONS)
    appealable = bool(named & APPEALABLE_SECTIONS)
    certificate = appealable and bool(named - {PlanSection.I, PlanSection.E})
    parts: list[str] = []
    if education or PlanSection.I in named:
        appeal_sections = sorted(s.value for s in named & APPEALABLE_SECTIONS)
        parts.append(
            f"Section{'s' if len(appeal_sections) > 1 else ''} {join_words(appeal_sections)} "
            "can be appealed to the tribunal."
        )
    if appealable and certificate:
        parts.append(
            "Because the appeal is not only about the placement in section I, the family must "
            "contact the mediation adviser and get a certificate first; mediation itself is "
            "their choice."
        )
    elif appealable:
        parts.append(
            "An appeal only about the school or college named in section I (or that none is "
            "named) needs no mediation certificate. The family can still choose mediation, and "
            "the local authority must take part."
        )
    if health or social:
        kinds = join_words([w for w, on in (("health", health), ("social care", social)) if on])
        parts.append(
            f"The {kinds} parts cannot be appealed on their own: the tribunal can only make "
            "non-binding recommendations about them alongside an education appeal. They can be "
            "mediated" + (", with the ICB taking part for health." if health else ".")
        )
    if PlanSection.E in named:
        parts.append(
            "Outcomes (section E) are not themselves a ground of appeal; raise them in "
            "mediation, usually with the needs and provision."
        )
    if health and not appealable and not social and PlanSection.E not in named:
        return _health_only(named, " ".join(parts))
    return _mediation_result(
        kind,
        named,
        appealable=appealable,
        certificate=certificate,
        health=health,
        summary=" ".join(parts),
    )


def _mediation_result(
    kind: DecisionKind,
    named: frozenset[PlanSection],
    *,
    appealable: bool,
    certificate: bool,
    health: bool,
    summary: str,
) -> TriageResult:
    return TriageResult(
        decision=kind,
        sections=named,
        route=Route.MEDIATION,
        certificate_needed_before_appeal=certificate,
        appealable=appealable,
        must_involve=frozenset({Body.LA, Body.ICB} if health else {Body.LA}),
        arranged_by=Body.LA,
        voluntary=False,
        can_choose_mediation=True,
        summary=summary,
        next_steps=_mediation_steps(appealable=appealable, certificate=certificate, health=health),
        clocks=_mediation_clocks(appealable=appealable, certificate=certificate, health=health),
        basis=_mediation_basis(
            named, appealable=appealable, certificate=certificate, health=health
        ),
    )


def _mediation_steps(*, appealable: bool, certificate: bool, health: bool) -> tuple[str, ...]:
    steps: list[str] = []
    if certificate:
        steps += [
            "The family contacts the mediation adviser within 2 months of the date the decision "
            f"notice was sent, and says whether they want mediation ({b.ADVISER_CONTACT}).",
            "If they do not want mediation, the adviser issues the certificate within 3 working "
            f"days ({b.CERTIFICATE_NO_MEDIATION}).",
        ]
    steps.append(
        "If they want mediation, they tell the local authority and list the issues; it must "
        f"hold the mediation within 30 days and cannot refuse ({b.MEDIATION_HELD_LA})."
    )
    if certificate:
        steps.append(
            "If they then withdraw or stop replying, the adviser issues the certificate within 3 "
            f"working days of learning that ({b.CERTIFICATE_NOT_PURSUED})."
        )
    if health:
        steps.append(
            "The local authority tells the ICB the health issues within 3 working days; the ICB "
            f"takes part ({b.HEALTH_BODIES_NOTICE})."
        )
    sender = "The local authority and the ICB must each" if health else "The local authority must"
    steps.append(
        "Tell the family the date and place at least 5 working days before the meeting, unless "
        f"they agree to less. {sender} send someone with authority to resolve the issues "
        f"({b.AUTHORITY_TO_RESOLVE})."
    )
    if certificate:
        steps.append(
            "The mediator issues a certificate within 3 working days after the mediation, "
            f"agreement or not ({b.CERTIFICATE_AFTER_MEDIATION})."
        )
    if appealable:
        steps.append(
            "Appeal deadline: 2 months after the decision notice, or 1 month after the "
            "certificate if later; if that day is in August or 25 December to 1 January, the "
            "first working day after, otherwise the next working day if it is not one "
            "(HESC Rules r.20, r.12)."
        )
    return tuple(steps)


def _mediation_clocks(*, appealable: bool, certificate: bool, health: bool) -> tuple[Clock, ...]:
    clocks: list[Clock] = []
    if certificate:
        clocks += [Clock.ADVISER_CONTACT, Clock.CERTIFICATE_NO_MEDIATION]
    if health:
        clocks.append(Clock.HEALTH_BODIES_NOTICE)
    clocks += [Clock.MEDIATION_HELD_LA, Clock.MEETING_NOTICE]
    if certificate:
        clocks += [
            Clock.CERTIFICATE_NOT_PURSUED,
            Clock.CERTIFICATE_NOT_HELD_IN_TIME,
            Clock.CERTIFICATE_AFTER_MEDIATION,
        ]
    if appealable:
        clocks += [Clock.TRIBUNAL_APPEAL, Clock.AGREEMENT_APPEALABLE]
    clocks.append(Clock.AGREEMENT_OTHER)
    return tuple(clocks)


def _mediation_basis(
    named: frozenset[PlanSection], *, appealable: bool, certificate: bool, health: bool
) -> tuple[LegalBasis, ...]:
    basis: list[LegalBasis] = [b.RIGHT_TO_MEDIATION]
    if appealable:
        basis += [b.RIGHT_OF_APPEAL, b.CERTIFICATE_REQUIRED, b.APPEAL_TIME_LIMIT]
    if certificate:
        basis.append(b.ADVISER_CONTACT)
    basis += [b.MEDIATION_HELD_LA, b.WHO_MAY_ATTEND, b.AUTHORITY_TO_RESOLVE]
    if health:
        basis.append(b.HEALTH_BODIES_NOTICE)
    if named & (HEALTH_SECTIONS | SOCIAL_CARE_SECTIONS):
        basis.append(b.HEALTH_SOCIAL_CARE_RECOMMENDATIONS)
    return tuple(basis)


def _health_only(named: frozenset[PlanSection], summary: str) -> TriageResult:
    return TriageResult(
        decision=DecisionKind.PLAN_CONTENT,
        sections=named,
        route=Route.HEALTH_ONLY_MEDIATION,
        certificate_needed_before_appeal=False,
        appealable=False,
        must_involve=frozenset({Body.ICB}),
        arranged_by=Body.ICB,
        voluntary=False,
        can_choose_mediation=True,
        summary=(
            summary + " Only health care is in dispute, so the ICB arranges the mediation; the "
            "NHS complaints procedure is the other route."
        ),
        next_steps=(
            "The family tells the local authority they want mediation on the health care in the "
            f"plan; it tells the ICB the issues within 3 working days ({b.HEALTH_BODIES_NOTICE}).",
            "The ICB must hold the mediation within 30 days of being told the issues.",
            "Tell the family the date and place at least 5 working days before the meeting, "
            "unless they agree to less. The ICB must send someone with authority to resolve the "
            f"issues ({b.AUTHORITY_TO_RESOLVE}).",
            "If agreement is reached, the ICB tells the local authority within 1 week "
            f"({b.ICB_TELLS_LA}) and does what it agreed within 2 weeks ({b.AGREEMENT_OTHER}).",
        ),
        clocks=(
            Clock.HEALTH_BODIES_NOTICE,
            Clock.MEDIATION_HELD_HEALTH_ONLY,
            Clock.MEETING_NOTICE,
            Clock.AGREEMENT_OTHER,
            Clock.ICB_TELLS_LA,
        ),
        basis=(
            b.RIGHT_TO_MEDIATION,
            b.HEALTH_BODIES_NOTICE,
            b.MEDIATION_HELD_HEALTH_ONLY,
            b.WHO_MAY_ATTEND,
            b.AUTHORITY_TO_RESOLVE,
            b.HEALTH_SOCIAL_CARE_RECOMMENDATIONS,
            b.ICB_TELLS_LA,
        ),
    )
