"""The route finder's answer in words meant for the family: "you", "your council".

`accord.rules.triage` answers a coordinator ("Tell the family the date and place..."); its
summary and next steps are for the staff case page. A family reads this instead, made from the
same result's facts (the route, whether an appeal needs a certificate, who takes part), so it
cannot give a different answer. Citations stay behind "The law behind this answer", and never
the names of court cases (`law_for_family`).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord import rules
from accord.rules.basis import CASE_LAW, LegalBasis


@dataclass(frozen=True)
class FamilyAnswer:
    summary: str
    next_steps: tuple[str, ...]
    law: tuple[LegalBasis, ...]


_WHO = {
    rules.Body.LA: "the council",
    rules.Body.ICB: "the health service (the integrated care board, or ICB)",
    rules.Body.SCHOOL_OR_SETTING: "the school or setting",
    rules.Body.COLLEGE: "the college",
}


def law_for_family(basis: tuple[LegalBasis, ...]) -> tuple[LegalBasis, ...]:
    """The statutes and regulations behind an answer, without case law."""
    return tuple(b for b in basis if b.instrument != CASE_LAW)


def family_answer(result: rules.TriageResult) -> FamilyAnswer:
    words = {
        rules.Route.NONE: _claim,
        rules.Route.DISAGREEMENT_RESOLUTION: _disagreement_resolution,
        rules.Route.HEALTH_ONLY_MEDIATION: _health_only,
    }.get(result.route, _mediation)
    summary, steps = words(result)
    return FamilyAnswer(summary=summary, next_steps=steps, law=law_for_family(result.basis))


def _claim(result: rules.TriageResult) -> tuple[str, tuple[str, ...]]:
    return (
        "You can make a claim to the tribunal about disability discrimination by a school. "
        "This is not part of mediation, and you do not need a mediation certificate.",
        (
            "Make your claim to the tribunal within 6 months of the discrimination.",
            "If it is about a college or another service, your claim goes to the county court "
            "instead.",
            "Your local SEND information, advice and support service (SENDIASS) can help you "
            "with your claim for free.",
        ),
    )


def _disagreement_resolution(result: rules.TriageResult) -> tuple[str, tuple[str, ...]]:
    who = next((_WHO[b] for b in result.must_involve), "the other side")
    return (
        f"You can ask for disagreement resolution with {who} at any time. You do not need an "
        f"EHC plan. Everyone has to agree to take part, so {who} can say no.",
        (
            f"Ask us for disagreement resolution. We will ask {who} if they will take part.",
            "If everyone agrees, an independent person runs a meeting to help you find an "
            "answer together.",
            "If your disagreement is about a council decision you can appeal, choose "
            "mediation instead.",
        ),
    )


def _health_only(result: rules.TriageResult) -> tuple[str, tuple[str, ...]]:
    return (
        "Only the health care in the plan is in dispute. Your local health service (the "
        "integrated care board, or ICB) arranges the mediation. You do not need a mediation "
        "certificate.",
        (
            "Tell your council you want mediation about the health care in the plan. Your "
            "council tells the ICB within 3 working days.",
            "The ICB must hold your mediation within 30 days of being told.",
            "You can also complain through the NHS complaints procedure.",
        ),
    )


def _mediation(result: rules.TriageResult) -> tuple[str, tuple[str, ...]]:
    health = rules.Body.ICB in result.must_involve
    also = (
        " Health care is part of it, so your local health service (the ICB) takes part too."
        if health
        else ""
    )
    if result.certificate_needed_before_appeal:
        return (
            "You can appeal to the tribunal about this decision. Before you appeal, you must "
            "talk to a mediation adviser and get a mediation certificate. You choose whether to "
            "go to mediation. If you do, your council must take part." + also,
            (
                "Contact a mediation adviser within 2 months of the date on your council's "
                "decision letter.",
                "The adviser tells you about mediation. Then you choose: mediation, or just "
                "the certificate.",
                "If you choose mediation, it should happen within 30 days. You get your "
                "certificate within 3 working days after it.",
                "If you still disagree, you can appeal to the tribunal. Send your certificate "
                "with your appeal.",
            ),
        )
    if result.appealable:
        return (
            "You can appeal to the tribunal about the school or college named in the plan "
            "straight away. You do not need a mediation certificate for that. You can still "
            "choose mediation if you want it, and your council must take part." + also,
            (
                "If you want to appeal, your appeal must reach the tribunal within 2 months of "
                "the date on your council's decision letter.",
                "If you want mediation as well, ask us for it.",
            ),
        )
    return (
        "This part of the plan cannot be taken to the tribunal on its own, so there is no "
        "certificate. You can still ask for mediation about it, and your council must take "
        "part." + also,
        (
            "Ask us for mediation.",
            "A mediator runs a meeting to help you and your council find an answer together.",
        ),
    )
