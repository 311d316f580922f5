"""Reads of documents. Cases are always fetched first through accord.cases.selectors.case_for
(scoped to the membership); everything here is then looked up within that case only.

`clock_facts` gives the case's clocks their certificates and agreed actions (registered with
accord.cases.clock_facts in DocumentsConfig.ready).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from accord import rules
from accord.cases.clocks import AgreedAction, CaseDeadline, ClockFacts, Status
from accord.cases.cross_checks import IssuedCertificate
from accord.cases.models import Case
from accord.cases.states import CaseState, Transition, allowed_transitions
from accord.documents.agreed_actions import action_of, action_timescale
from accord.documents.certificate_content import kind_problem
from accord.documents.models import (
    Agreement,
    AgreementItem,
    Certificate,
    CertificateKind,
    DueDateOverride,
    MoreTimeRequest,
)


def certificate_issue_dates(case: Case) -> list[tuple[str, date]]:
    """(kind, issued_on) of every certificate issued on the case, corrections included."""
    # Through the relation, so the case page's prefetch answers it without a query.
    return [(c.kind, c.issued_on) for c in case.certificates.all()]


def agreement_action_deadlines(case: Case) -> list[CaseDeadline]:
    """Each agreed action with a due date (SEND Regs reg 42), as a clock on the case."""
    items = [item for agreement in case.agreements.all() for item in agreement.items.all()]
    return [d for d in (item_deadline(item) for item in items) if d is not None]


def clock_facts(case: Case) -> ClockFacts:
    """The certificates and agreed actions the case's clocks depend on."""
    return ClockFacts(
        certificates=tuple(certificate_issue_dates(case)),
        agreed_actions=tuple(agreement_action_deadlines(case)),
    )


def item_deadline(item: AgreementItem) -> CaseDeadline | None:
    """The agreed action as a clock; None for a point with neither a date nor a statutory kind."""
    if item.due_on is None and not item.action_kind:
        return None
    action = action_of(item.action_kind)
    later = agreed_more_time(item)
    return CaseDeadline(
        # A date set in the agreement with no statutory kind: "anything else" (reg 42(3), (5)).
        action.info.clock if action is not None else rules.Clock.AGREEMENT_OTHER,
        due=later.new_due_on if later is not None else item.due_on,
        started=item.agreement.concluded_on,
        done_on=item.done_on,
        agreed=AgreedAction(
            item_id=item.pk,
            action=item.action,
            who=item.responsible,
            basis=_later_basis(later) if later is not None else _item_basis(item),
        ),
    )


def agreed_more_time(item: AgreementItem) -> MoreTimeRequest | None:
    """The latest later date the family agreed to in writing (SEND Regs reg 42(5)); a request
    the family has not agreed to changes nothing."""
    agreed = [r for r in item.more_time.all() if r.family_agreed_on is not None]
    return max(agreed, key=lambda r: (r.family_agreed_on, r.pk), default=None)


def _later_basis(later: MoreTimeRequest) -> str:
    return (
        f"A later date the family agreed in writing on {later.family_agreed_on:%-d %B %Y}: "
        "SEND Regs 2014 reg 42(5)"
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


def certificates_for_case(case: Case) -> list[Certificate]:
    """Every certificate of the case, newest first, each with `replaced_by` (the number of the
    correction that superseded it, or None). Read through the relation, so the case page's
    prefetch answers it; a correction always belongs to the same case."""
    certificates = sorted(case.certificates.all(), key=lambda c: (c.issued_at, c.pk), reverse=True)
    by_pk = {c.pk: c for c in certificates}
    replaced_by = {c.supersedes_id: c.number for c in certificates if c.supersedes_id}
    for certificate in certificates:
        certificate.replaced_by = replaced_by.get(certificate.pk)  # type: ignore[attr-defined]
        if certificate.supersedes_id in by_pk:
            certificate.supersedes = by_pk[certificate.supersedes_id]
    return certificates


def current_certificates(case: Case) -> list[IssuedCertificate]:
    """The certificates not replaced by a correction, with the dates each states (registered
    with accord.cases.cross_checks: a changed decision-letter date makes them out of date)."""
    return [
        IssuedCertificate(
            certificate_id=c.pk,
            number=c.number,
            issued_on=c.issued_on,
            decision_notice_sent_on=c.decision_notice_sent_on,
            appeal_deadline=c.appeal_deadline,
        )
        for c in Certificate.objects.filter(case_id=case.pk, superseded_by__isnull=True).order_by(
            "issued_at", "pk"
        )
    ]


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


def agreements_for_case(case: Case) -> list[Agreement]:
    """Through the relation, so the case page's prefetch answers it without a query."""
    if "agreements" in getattr(case, "_prefetched_objects_cache", {}):
        return list(case.agreements.all())
    return list(Agreement.objects.filter(case=case).prefetch_related("items"))


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
