"""When an agreed action is overdue: the letter the family can send the body responsible, and,
if it is still not done weeks later, the Ombudsman route.

SEND Regs 2014 reg 42 says the local authority (and the health commissioning body) must do what
it agreed at mediation, within the periods it sets (reg 44's for matters that could be appealed;
2 weeks otherwise); a later date counts only if the family agrees it in writing (reg 42(5)). The
Local Government and Social Care Ombudsman regularly finds councils at fault for exactly this
delay; for a health body the Parliamentary and Health Service Ombudsman is the route instead.

The letter's words are made here, once, for the family's printable page, the staff's copy of it
and the messages that point to them. The messages carry no action words (they might name the
child): only the point's number, the agreement's date and the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import CaseDeadline, Status, service_deadlines
from accord.cases.models import Case
from accord.documents.agreed_actions import action_of
from accord.documents.follow_up import responsible_body
from accord.documents.models import AgreementItem
from accord.organisations.roles import Role
from accord.rules.wording import short_date

# Working days after the due date when the family is told the Ombudsman route too.
OMBUDSMAN_AFTER_WORKING_DAYS = 20

LGSCO = (
    "the Local Government and Social Care Ombudsman (www.lgo.org.uk, 0300 061 0614). "
    "It is free, and it regularly finds councils at fault for not doing what they agreed"
)
PHSO = "the Parliamentary and Health Service Ombudsman (www.ombudsman.org.uk, 0345 015 4033)"


@dataclass(frozen=True)
class OverdueAction:
    case: Case
    item: AgreementItem
    deadline: CaseDeadline

    @property
    def due_on(self) -> date:
        assert self.deadline.due is not None
        return self.deadline.due

    @property
    def by_health_body_only(self) -> bool:
        return responsible_body(self.item, self.case) == frozenset({Role.ICB_OFFICER})

    @property
    def body_name(self) -> str:
        if self.by_health_body_only and self.case.health_body is not None:
            return self.case.health_body.name
        return self.case.local_authority.name

    @property
    def ombudsman(self) -> str:
        return PHSO if self.by_health_body_only else LGSCO

    def stage(self, today: date) -> str:
        """'letter' from the day after the due date; 'ombudsman' from 20 working days after."""
        if today >= rules.add_working_days(self.due_on, OMBUDSMAN_AFTER_WORKING_DAYS):
            return "ombudsman"
        return "letter"


def overdue_actions(case: Case, today: date) -> list[OverdueAction]:
    """The case's agreed actions past their date and not recorded done, in the agreement's
    order. The case's own next deadline is looked at first, so a case with nothing late costs
    no query."""
    if case.next_deadline_on is None or case.next_deadline_on >= today:
        return []  # the nearest open deadline is not past: no agreed action is late
    deadlines = {
        d.agreed.item_id: d
        for d in service_deadlines(case, clock_facts_for(case))
        if d.agreed is not None and d.due is not None and d.status(today) == Status.OVERDUE
    }
    if not deadlines:
        return []
    # Through the case's relations, so a page that prefetched its agreements reads nothing more.
    items = [
        item
        for agreement in case.agreements.all()
        for item in agreement.items.all()
        if item.pk in deadlines and item.done_on is None
    ]
    return sorted(
        (OverdueAction(case, item, deadlines[item.pk]) for item in items),
        key=lambda a: (a.due_on, a.item.position, a.item.pk),
    )


def overdue_action(case: Case, item_id: int, today: date) -> OverdueAction | None:
    return next((a for a in overdue_actions(case, today) if a.item.pk == item_id), None)


@dataclass(frozen=True)
class ActionLetter:
    to: str
    subject: str
    paragraphs: list[str]


def letter_to_body(action: OverdueAction, *, with_words: bool = True) -> ActionLetter:
    """The letter the family sends the body responsible. It names the action, its due date,
    the agreement and SEND Regs reg 42; the family adds their name and the child's. Without
    `with_words` (for a message) the action is named by its point in the agreement alone."""
    case, item = action.case, action.item
    agreement = item.agreement
    concluded = short_date(agreement.concluded_on)
    statutory = action_of(item.action_kind)
    paragraphs = [
        "Dear Sir or Madam,",
        f"At mediation on {concluded} (mediation case {case.reference}) we agreed with you, at "
        f"point {item.position} of the mediation agreement, "
        + (f"that: {' '.join(item.action.split())}" if with_words else "what you would do."),
        f"The agreement says this would be done by {short_date(action.due_on)}. It has not been "
        "done.",
        "Regulation 42 of the Special Educational Needs and Disability Regulations 2014 says "
        "that when you agree at mediation to take an action, you must take it within the time "
        f"the regulations set ({action.deadline.basis}). A later date counts only if I have "
        "agreed to it in writing (regulation 42(5)), and I have not.",
        "Please do it now, and tell me in writing within 10 working days what you have done or "
        "the date by which you will do it.",
        "If I do not hear from you, I will use your complaints procedure and then complain to "
        f"{action.ombudsman}.",
        "Yours faithfully,",
        "[Your name]",
        "[Your address]",
        "About: [your child's name and date of birth]",
    ]
    if statutory is not None:
        paragraphs.insert(
            2, f"This is an action the law gives a time for: to {statutory.info.description}."
        )
    return ActionLetter(
        to=f"{action.body_name}, special educational needs team",
        subject=(
            f"Mediation agreement of {concluded}, case {case.reference}: point {item.position} "
            f"was due by {short_date(action.due_on)} and has not been done"
        ),
        paragraphs=paragraphs,
    )
