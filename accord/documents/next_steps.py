"""The documents' next steps on the case page: each certificate the case is ready for, with
the clock it meets, so a certificate that is due is the first thing a coordinator sees
(accord.cases.next_steps)."""

from __future__ import annotations

from django.urls import reverse

from accord import rules
from accord.cases.models import Case
from accord.cases.next_steps import NextStep
from accord.documents import selectors
from accord.documents.action_letters import overdue_actions
from accord.documents.models import CertificateKind
from accord.documents.permissions import may_issue_kind
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS
from accord.rules import today_in_england

# The clock each kind of certificate meets (SEND Regs regs 34, 37 and 39).
CERTIFICATE_CLOCKS: dict[CertificateKind, rules.Clock] = {
    CertificateKind.INFORMATION_GIVEN: rules.Clock.CERTIFICATE_NO_MEDIATION,
    CertificateKind.NOT_PURSUED: rules.Clock.CERTIFICATE_NOT_PURSUED,
    CertificateKind.AFTER_MEDIATION: rules.Clock.CERTIFICATE_AFTER_MEDIATION,
    CertificateKind.NOT_HELD_IN_TIME: rules.Clock.CERTIFICATE_NOT_HELD_IN_TIME,
}


def certificate_steps(case: Case, membership: Membership) -> list[NextStep]:
    if membership.role_enum not in CASEWORKERS:
        return []
    steps = []
    for value in selectors.issuable_kinds(case):
        if not may_issue_kind(membership.user, case, value):
            continue
        kind = CertificateKind(value)
        steps.append(
            NextStep(
                f"Issue the certificate: {kind.label.lower()}",
                reverse("documents:issue_certificate", args=[case.reference, value]),
                keeps=frozenset({CERTIFICATE_CLOCKS[kind]}),
            )
        )
    return steps


def overdue_action_steps(case: Case, membership: Membership) -> list[NextStep]:
    """An agreed action past its date (SEND Regs reg 42): the letter the family was sent, to
    follow up with them and the body responsible; the Ombudsman route once 4 weeks late."""
    if membership.role_enum not in CASEWORKERS:
        return []
    today = today_in_england()
    steps = []
    for action in overdue_actions(case, today):
        ombudsman = action.stage(today) == "ombudsman"
        steps.append(
            NextStep(
                f"Agreed action {action.item.position} overdue: the family's letter to "
                f"{action.body_name}",
                reverse(
                    "documents:action_letter",
                    args=[case.reference, action.item.agreement_id, action.item.pk],
                ),
                detail=(
                    f"(due {action.due_on:%-d %B %Y}; SEND Regs reg 42"
                    + ("; the family can now go to the Ombudsman)" if ombudsman else ")")
                ),
            )
        )
    return steps
