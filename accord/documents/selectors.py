"""Reads of issued documents used by the case's clocks (accord.cases.clocks)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from accord.documents.models import AgreementItem, Certificate

if TYPE_CHECKING:
    from accord.cases.clocks import CaseDeadline
    from accord.cases.models import Case


def certificate_issue_dates(case: Case) -> list[tuple[str, date]]:
    """(kind, issued_on) of every certificate issued on the case, corrections included."""
    return list(Certificate.objects.filter(case=case).values_list("kind", "issued_on"))


def agreement_action_deadlines(case: Case) -> list[CaseDeadline]:
    """Each agreed action with a due date (SEND Regs reg 42), as a clock on the case."""
    from accord.cases.clocks import CaseDeadline

    items = AgreementItem.objects.filter(agreement__case=case).select_related("agreement")
    found = []
    for item in items:
        if item.due_on is None and not item.action_kind:
            continue
        basis = (
            "Agreed by the parties in writing: SEND Regs 2014 reg 42(5)"
            if item.due_overridden
            else "SEND Regs 2014 reg 42 (and reg 44 for appealable matters)"
        )
        found.append(
            CaseDeadline(
                key=f"agreement_item_{item.pk}",
                label=f"Agreed action: {item.action[:80]}",
                due=item.due_on,
                started=item.agreement.concluded_on,
                basis=basis,
                responsible=item.responsible,
                done_on=item.done_on,
            )
        )
    return found
