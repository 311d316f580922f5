"""An officer's own list, across the cases their body is a party to: the agreed actions that
fall to their body and are not yet done (overdue first), and the 30-day deadline to hold each
mediation (SEND Regs regs 35-37). Read from the cases' stored clock rows, which carry each
action's date as the case's clocks count it (a later date only once the family agreed to it
in writing, reg 42(5))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.cases.clocks import AGREED_ACTION, AGREEMENT_ITEM_PREFIX, Status, urgency
from accord.cases.models import Case, CaseClock
from accord.cases.selectors import cases_for
from accord.documents.follow_up import responsible_body
from accord.documents.models import AgreementItem
from accord.organisations.models import Membership

MEDIATION_HELD = rules.Clock.MEDIATION_HELD_LA.counted_as.key


@dataclass(frozen=True)
class OpenAction:
    case: Case
    item: AgreementItem
    due_on: date | None
    status: str  # a Status value

    @property
    def overdue(self) -> bool:
        return self.status == Status.OVERDUE


@dataclass(frozen=True)
class MediationDeadline:
    case: Case
    due_on: date
    status: str


def open_actions_for(membership: Membership, today: date) -> list[OpenAction]:
    """The agreed actions not yet done that fall to the officer's body, overdue first."""
    rows = CaseClock.objects.filter(
        case__in=cases_for(membership), clock=AGREED_ACTION, done_on__isnull=True
    ).values_list("key", "due_on")
    due_by_item = {
        int(key.removeprefix(AGREEMENT_ITEM_PREFIX)): due_on
        for key, due_on in rows
        if key.startswith(AGREEMENT_ITEM_PREFIX)
    }
    items = AgreementItem.objects.filter(pk__in=due_by_item).select_related(
        "agreement__case__local_authority", "agreement__case__health_body"
    )
    found = []
    for item in items:
        case = item.agreement.case
        if membership.role_enum not in responsible_body(item, case):
            continue
        due_on = due_by_item[item.pk]
        # No date: due immediately (SEND Regs reg 44(2)), so already late if not done.
        status = urgency(due_on, today) if due_on is not None else Status.OVERDUE
        found.append(OpenAction(case, item, due_on, status))
    return sorted(found, key=lambda a: (not a.overdue, a.due_on or date.min, a.item.pk))


def mediation_deadlines_for(membership: Membership, today: date) -> list[MediationDeadline]:
    """The 30-day deadline to hold each mediation still to be held, nearest first."""
    rows = (
        CaseClock.objects.filter(
            case__in=cases_for(membership),
            clock=MEDIATION_HELD,
            done_on__isnull=True,
            due_on__isnull=False,
        )
        .select_related("case")
        .order_by("due_on", "case__reference")
    )
    return [
        MediationDeadline(row.case, row.due_on, urgency(row.due_on, today))
        for row in rows
        if row.due_on is not None
    ]
