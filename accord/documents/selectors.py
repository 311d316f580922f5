"""Reads of documents. Cases are always fetched first through accord.cases.selectors.case_for
(scoped to the membership); everything here is then looked up within that case only.

`certificate_issue_dates` and `agreement_action_deadlines` feed the case's clocks
(accord.cases.clocks): keep their contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from accord.cases.states import CaseState, Transition, allowed_transitions
from accord.documents.content import action_of, action_timescale, kind_problem
from accord.documents.models import (
    Agreement,
    AgreementItem,
    Certificate,
    CertificateKind,
    DueDateOverride,
)

if TYPE_CHECKING:
    from accord.cases.clocks import CaseDeadline
    from accord.cases.models import Case


def certificate_issue_dates(case: Case) -> list[tuple[str, date]]:
    """(kind, issued_on) of every certificate issued on the case, corrections included."""
    return list(Certificate.objects.filter(case=case).values_list("kind", "issued_on"))


def agreement_action_deadlines(case: Case) -> list[CaseDeadline]:
    """Each agreed action with a due date (SEND Regs reg 42), as a clock on the case."""
    items = AgreementItem.objects.filter(agreement__case=case).select_related("agreement")
    return [d for d in (item_deadline(item) for item in items) if d is not None]


def item_deadline(item: AgreementItem) -> CaseDeadline | None:
    """The agreed action as a clock; None for a point with neither a date nor a statutory kind."""
    from accord.cases.clocks import CaseDeadline

    if item.due_on is None and not item.action_kind:
        return None
    return CaseDeadline(
        key=f"agreement_item_{item.pk}",
        label=f"Agreed action: {item.action[:80]}",
        due=item.due_on,
        started=item.agreement.concluded_on,
        basis=_item_basis(item),
        responsible=item.responsible,
        done_on=item.done_on,
    )


def _item_basis(item: AgreementItem) -> str:
    if item.override_basis == DueDateOverride.AGREED_IN_WRITING:
        return "Agreed by the parties in writing: SEND Regs 2014 reg 42(5)"
    if item.override_basis == DueDateOverride.REG44_EXCEPTION:
        return "More time for an exception: SEND Regs 2014 reg 44"
    if item.due_overridden:  # an older row without a recorded basis
        return "Agreed by the parties in writing: SEND Regs 2014 reg 42(5)"
    if action_of(item.action_kind) is not None:
        return f"SEND Regs 2014 reg 42: {action_timescale(item.action_kind)}"
    return "Date set in the agreement"


# --- certificates -------------------------------------------------------------------------------


def certificates_for_case(case: Case) -> QuerySet[Certificate]:
    """Every certificate of the case, newest first, each with `replaced_by` (the number of the
    correction that superseded it, or None)."""
    newer = Certificate.objects.filter(supersedes=OuterRef("pk")).values("number")[:1]
    return (
        Certificate.objects.filter(case=case)
        .select_related("supersedes", "issued_by")
        .annotate(replaced_by=Subquery(newer))
        .order_by("-issued_at", "-id")
    )


def certificate_on_case(case: Case, certificate_id: int) -> Certificate:
    certificate = Certificate.objects.filter(case=case, pk=certificate_id).first()
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def issuable_kinds(case: Case) -> list[str]:
    """The certificates the case is ready for now (state and facts; not who is asking)."""
    if Transition.ISSUE_CERTIFICATE not in allowed_transitions(CaseState(case.state)):
        return []
    return [kind for kind in CertificateKind.values if kind_problem(case, kind) is None]


# --- agreements ---------------------------------------------------------------------------------


def agreements_for_case(case: Case) -> QuerySet[Agreement]:
    return Agreement.objects.filter(case=case).prefetch_related("items")


def agreement_on_case(case: Case, agreement_id: int) -> Agreement:
    agreement = Agreement.objects.filter(case=case, pk=agreement_id).first()
    if agreement is None:
        raise Http404("No such agreement")
    return agreement


def item_on_agreement(agreement: Agreement, item_id: int) -> AgreementItem:
    item = agreement.items.filter(pk=item_id).first()
    if item is None:
        raise Http404("No such point")
    return item


@dataclass(frozen=True)
class ItemStatus:
    tag: str  # a GOV.UK tag colour modifier
    label: str


def item_status(item: AgreementItem, today: date) -> ItemStatus:
    """Follow-up: done (in time or late), overdue, due soon, on track, or no date."""
    from accord.cases.clocks import Status

    deadline = item_deadline(item)
    if deadline is None:
        if item.done_on:
            return ItemStatus("govuk-tag--green", "Done")
        return ItemStatus("govuk-tag--grey", "No date set")
    status = deadline.status(today)
    if deadline.due is None and not item.done_on:
        return ItemStatus("govuk-tag--red", "Due immediately")
    colour = {
        Status.OVERDUE: "govuk-tag--red",
        Status.LATE: "govuk-tag--orange",
        Status.DUE_SOON: "govuk-tag--yellow",
        Status.MET: "govuk-tag--green",
        Status.ON_TRACK: "govuk-tag--blue",
    }[status]
    return ItemStatus(colour, Status.LABELS[status])
