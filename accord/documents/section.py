"""The documents section of the case page: certificates and agreements, with the actions the
person looking may take."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord import rules
from accord.cases.choices import MEETING_OUTCOMES, Route
from accord.cases.models import Case
from accord.cases.selectors import case_page_flag
from accord.documents import selectors, signatures, statement_selectors
from accord.documents.agreements import due_text, kind_title
from accord.documents.follow_up import may_follow_up
from accord.documents.models import CertificateKind
from accord.documents.permissions import may_issue_kind, parties_officer_acts_for
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS, STAFF
from accord.rules import today_in_england


def case_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    on = today_in_england()
    can_work = membership.role_enum in CASEWORKERS
    user = membership.user
    agreements = [
        {
            "agreement": agreement,
            "items": [
                (
                    item,
                    selectors.item_status(item, on),
                    due_text(item, agreement.concluded_on),
                    # The body responsible (or the service) may record it done or ask for time.
                    agreement.is_issued and may_follow_up(user, item),
                )
                for item in agreement.items.all()
            ],
        }
        for agreement in selectors.agreements_for_case(case)
        # Officers see an agreement once it is issued, not while it is being written.
        if can_work or agreement.is_issued
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
    may_start_agreement = (
        can_work
        and not agreements
        and case.outcome in MEETING_OUTCOMES
        and case.mediation_concluded_on is not None
    )
    # Disagreement resolution never leads to a certificate (CoP 11.6): no empty list for it.
    show_certificates = bool(certificates) or case.route != Route.DISAGREEMENT_RESOLUTION
    show_agreements = bool(agreements) or may_start_agreement
    for entry in agreements:
        entry["signing"] = _signing(entry["agreement"], user, case)
    statements = _statements(case, user, can_work)
    show_statements = bool(statements) or (
        can_work and case.route not in ("", Route.NONE) and case.parties.exists()
    )
    return {
        "show": show_certificates or show_agreements or show_statements,
        "show_statements": show_statements,
        "statements": statements,
        "show_certificates": show_certificates,
        "show_agreements": show_agreements,
        "certificates": certificates,
        "correctable": {
            c.pk
            for c in certificates
            if can_work and c.replaced_by is None and may_issue_kind(user, case, c.kind)  # type: ignore[attr-defined]
        },
        # A certificate stating a decision-letter date that has since changed: correct it.
        "out_of_date": {
            c.pk
            for c in certificates
            if c.replaced_by is None  # type: ignore[attr-defined]
            and c.decision_notice_sent_on != case.decision_notice_sent_on
        },
        "too_late": appeal_dates_too_late(case, certificates),
        "agreements": agreements,
        "agreement_title": kind_title(case),
        "issuable": issuable,
        "can_work": can_work,
        "is_staff": membership.role_enum in STAFF,
        "may_start_agreement": may_start_agreement,
    }


def appeal_dates_too_late(case: Case, certificates: list[Any]) -> set[int]:
    """The certificates still in use that state a later last day to appeal than the law gives
    today; each is given the right date as `lawful_appeal_deadline`. One issued before a rule
    was put right (HESC Rules r.12: a limit ending on a weekend just before August or Christmas)
    may state the later date, which a family could rely on and miss: it should be corrected.
    Counted as a new certificate would be, from the case's first (certificate_content)."""
    if not certificates or case.decision_notice_sent_on is None:
        return set()
    counted_from = min(c.issued_on for c in certificates)
    due = rules.appeal_deadline(case.decision_notice_sent_on, counted_from)
    late = set()
    for c in certificates:
        if c.replaced_by is None and c.appeal_deadline and c.appeal_deadline > due:
            c.lawful_appeal_deadline = due
            late.add(c.pk)
    return late


def _signing(agreement: Any, user: Any, case: Case) -> dict[str, Any]:
    """Who has signed an issued agreement, and whether the person looking signs it."""
    if not agreement.is_issued:
        return {}
    signed = signatures.signed_parties(agreement)
    parties = signatures.signatories(agreement)
    mine = [p for p in parties_officer_acts_for(user, case) if p.pk not in signed]
    return {
        "signed": len([p for p in parties if p.pk in signed]),
        "of": len(parties),
        "by_all": agreement.signed_by_all_at is not None,
        "may_sign": bool(mine),
    }


def _statements(case: Case, user: Any, can_work: bool) -> list[Any]:
    """Every statement for the mediation team; an officer's own (once sent) and shared ones."""
    if not case_page_flag(case, "has_statements"):
        return []  # asked with the case (accord.documents.apps): most cases have none
    if can_work:
        return list(statement_selectors.statements_on(case))
    parties = parties_officer_acts_for(user, case)
    return list(statement_selectors.readable_by_parties(case, parties))


SECTION = ("documents/case_section.html", case_section)
