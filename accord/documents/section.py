"""The documents section of the case page: certificates and agreements, with the actions the
person looking may take."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.choices import MEETING_OUTCOMES
from accord.cases.models import Case, today
from accord.documents import selectors
from accord.documents.agreements import due_text, kind_title
from accord.documents.models import CertificateKind
from accord.documents.permissions import may_issue_kind
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS


def case_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    on = today()
    can_work = membership.role_enum in CASEWORKERS
    user = membership.user
    agreements = [
        {
            "agreement": agreement,
            "items": [
                (item, selectors.item_status(item, on), due_text(item, agreement.concluded_on))
                for item in agreement.items.all()
            ],
        }
        for agreement in selectors.agreements_for_case(case)
    ]
    certificates = list(selectors.certificates_for_case(case))
    issuable = (
        [
            (kind, CertificateKind(kind).label)
            for kind in selectors.issuable_kinds(case)
            if may_issue_kind(user, case, kind)
        ]
        if can_work
        else []
    )
    return {
        "certificates": certificates,
        "correctable": {
            c.pk
            for c in certificates
            if can_work and c.replaced_by is None and may_issue_kind(user, case, c.kind)  # type: ignore[attr-defined]
        },
        "agreements": agreements,
        "agreement_title": kind_title(case),
        "issuable": issuable,
        "can_work": can_work,
        "may_start_agreement": can_work
        and not agreements
        and case.outcome in MEETING_OUTCOMES
        and case.mediation_concluded_on is not None,
    }


SECTION = ("documents/case_section.html", case_section)
