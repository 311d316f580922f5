"""What a body must do after a mediation agreement, and by when (SEND Regs reg 42).

reg 42(2): an agreement on appealable matters is carried out within the reg 44 time limits, as
if it were an order of the tribunal. reg 42(3): anything else the local authority or ICB agreed
to do, within 2 weeks. reg 42(4): an ICB tells a local authority that was not a party within
1 week. reg 42(5): a timescale the parties agree in writing replaces (2) and (3).

No rolling: reg 42 and reg 44 count calendar weeks from the date of the agreement (or order),
and nothing in the SEND Regulations moves such a date off a weekend or bank holiday (unlike
HESC Rules r.12(2), which covers only acts under the tribunal's own rules and directions). So a
due date can fall on a Sunday; the explanation says so and suggests acting the working day
before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

from accord.rules import basis as b
from accord.rules.basis import LegalBasis
from accord.rules.calendar import WorkingCalendar
from accord.rules.clocks import Clock, Deadline
from accord.rules.periods import explain_add_weeks, explain_no_roll
from accord.rules.wording import long_date, plural


@dataclass(frozen=True, slots=True)
class ActionInfo:
    description: str
    weeks: int | None  # None: immediately
    clock: Clock
    citation: LegalBasis
    follow_on: str = ""


_REG_44_2A = LegalBasis(
    citation="SEND Regs reg 44(2)(a)",
    instrument=b.SEND_REGS,
    summary="Where the tribunal upholds a decision to cease a plan, the plan ceases immediately.",
    url=b.TRIBUNAL_ORDERS.url,
)
_REG_44_2B = LegalBasis(
    citation="SEND Regs reg 44(2)(b)",
    instrument=b.SEND_REGS,
    summary=(
        "An order to assess or reassess: tell the family within 2 weeks that the assessment "
        "will be made."
    ),
    url=b.TRIBUNAL_ORDERS.url,
)
_REG_44_2C = LegalBasis(
    citation="SEND Regs reg 44(2)(c)",
    instrument=b.SEND_REGS,
    summary=(
        "An order to make and maintain a plan: issue a draft plan within 5 weeks and the final "
        "plan within 11 weeks."
    ),
    url=b.TRIBUNAL_ORDERS.url,
)
_REG_44_2 = LegalBasis(
    citation="SEND Regs reg 44(2)",
    instrument=b.SEND_REGS,
    summary=(
        "Orders to amend a plan (5 weeks), change the school or institution named (2 weeks) or "
        "continue to maintain a plan (immediately)."
    ),
    url=b.TRIBUNAL_ORDERS.url,
    verified=False,
)


class PostAgreementAction(Enum):
    """What the mediation agreement requires, which decides the period."""

    START_ASSESSMENT = "start_assessment"
    MAKE_PLAN = "make_plan"
    AMEND_PLAN = "amend_plan"
    CHANGE_SCHOOL = "change_school"
    CONTINUE_TO_MAINTAIN = "continue_to_maintain"
    CEASE_TO_MAINTAIN = "cease_to_maintain"
    OTHER_MATTERS = "other_matters"
    ICB_TELLS_LA = "icb_tells_la"

    @property
    def info(self) -> ActionInfo:
        return ACTIONS[self]

    @property
    def weeks(self) -> int | None:
        return ACTIONS[self].weeks

    @property
    def appealable(self) -> bool:
        """True for the reg 42(2) matters that borrow the reg 44 tribunal-order periods."""
        return ACTIONS[self].clock is Clock.AGREEMENT_APPEALABLE


ACTIONS: dict[PostAgreementAction, ActionInfo] = {
    PostAgreementAction.START_ASSESSMENT: ActionInfo(
        "tell the family it will carry out the EHC needs assessment or reassessment",
        2,
        Clock.AGREEMENT_APPEALABLE,
        _REG_44_2B,
        "It must then decide not to issue a plan within 10 weeks, or send the final plan within "
        "14 weeks, of the agreement (reg 44(2)(b)).",
    ),
    PostAgreementAction.MAKE_PLAN: ActionInfo(
        "issue a draft EHC plan",
        5,
        Clock.AGREEMENT_APPEALABLE,
        _REG_44_2C,
        "The final plan must follow within 11 weeks of the agreement (reg 44(2)(c)).",
    ),
    PostAgreementAction.AMEND_PLAN: ActionInfo(
        "amend the EHC plan", 5, Clock.AGREEMENT_APPEALABLE, _REG_44_2
    ),
    PostAgreementAction.CHANGE_SCHOOL: ActionInfo(
        "change the school or other institution named in the plan",
        2,
        Clock.AGREEMENT_APPEALABLE,
        _REG_44_2,
    ),
    PostAgreementAction.CONTINUE_TO_MAINTAIN: ActionInfo(
        "continue to maintain the EHC plan", None, Clock.AGREEMENT_APPEALABLE, _REG_44_2
    ),
    PostAgreementAction.CEASE_TO_MAINTAIN: ActionInfo(
        "cease to maintain the EHC plan", None, Clock.AGREEMENT_APPEALABLE, _REG_44_2A
    ),
    PostAgreementAction.OTHER_MATTERS: ActionInfo(
        "do what it agreed on matters that cannot be appealed",
        2,
        Clock.AGREEMENT_OTHER,
        b.AGREEMENT_OTHER,
    ),
    PostAgreementAction.ICB_TELLS_LA: ActionInfo(
        "tell the local authority about the agreement", 1, Clock.ICB_TELLS_LA, b.ICB_TELLS_LA
    ),
}


_PERIODS: dict[PostAgreementAction, timedelta | None] = {
    action: None if info.weeks is None else timedelta(weeks=info.weeks)
    for action, info in ACTIONS.items()
}


def post_agreement_due_on(agreement_date: date, action: PostAgreementAction) -> date | None:
    """The fast path: None means immediately. Same periods as ``add_weeks`` in the
    explanation, precomputed."""
    period = _PERIODS[action]
    return None if period is None else agreement_date + period


@lru_cache(maxsize=8_192)
def explain_post_agreement_on(
    agreement_date: date, action: PostAgreementAction, calendar: WorkingCalendar
) -> Deadline:
    info = ACTIONS[action]
    who = "The ICB" if action is PostAgreementAction.ICB_TELLS_LA else "The local authority"
    if action is PostAgreementAction.OTHER_MATTERS:
        who = "The local authority or ICB"
    steps = [f"The mediation agreement is dated {long_date(agreement_date)}."]
    if info.clock is Clock.AGREEMENT_APPEALABLE:
        steps.append(
            "It settles a matter the family could have appealed, so it is carried out as if it "
            "were a tribunal order, within the regulation 44 time limits "
            f"({b.AGREEMENT_APPEALABLE})."
        )
    due: date | None = None
    if info.weeks is None:
        steps.append(f"{who} must {info.description} immediately; there is no period to count.")
    else:
        due, sentence = explain_add_weeks(agreement_date, info.weeks)
        steps.append(
            f"{who} must {info.description} within {plural(info.weeks, 'week')} "
            f"({info.citation.citation})."
        )
        steps.append(sentence)
        source = "regulation 44" if info.clock is Clock.AGREEMENT_APPEALABLE else "regulation 42"
        steps.extend(explain_no_roll(calendar, due, source))
    if info.follow_on:
        steps.append(info.follow_on)
    if info.clock is Clock.AGREEMENT_APPEALABLE and info.weeks is not None:
        steps.append(
            "Regulation 44 allows extra time for its listed exceptions (such as the family's "
            "exceptional personal circumstances or absence from the area for 2 weeks or more): "
            "record the exception and the reason."
        )
    if info.clock is not Clock.ICB_TELLS_LA:
        steps.append(
            "If the parties agreed a different timescale in writing, that timescale applies "
            f"instead ({b.AGREED_TIMESCALES})."
        )
    return Deadline(
        clock=info.clock,
        start=agreement_date,
        due=due,
        basis=tuple(dict.fromkeys((info.citation, *info.clock.bases))),
        steps=tuple(steps),
    )
