"""The documents' next steps on the case page: each certificate the case is ready for, with
the clock it meets, so a certificate that is due is the first thing a coordinator sees
(accord.cases.next_steps)."""

from __future__ import annotations

from django.urls import reverse

from accord import rules
from accord.cases.models import Case
from accord.cases.next_steps import NextStep
from accord.documents import selectors
from accord.documents.models import CertificateKind
from accord.documents.permissions import may_issue_kind
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS

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
