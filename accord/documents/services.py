"""Issuing documents: certificates here, agreements in accord.documents.agreements (re-exported
below, so callers use one module). Each service checks who may act, writes inside the case's
lock (accord.cases.services.editing), records the timeline and so refreshes the deadlines.

Issued documents are immutable: the PDF is stored once with its SHA-256; a mistake is put
right by a correction, a new certificate that supersedes the old one (style.md #7).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accord.cases.models import Case
from accord.cases.services import editing
from accord.cases.states import Transition, check_transition
from accord.cases.timeline import EventKind, record_event
from accord.documents.agreements import (
    ItemData,
    add_item,
    issue_agreement,
    mark_item_done,
    remove_item,
    start_agreement,
    update_agreement,
    update_item,
)
from accord.documents.certificate_content import certificate_content, kind_problem
from accord.documents.certificate_messages import send_certificate_issued
from accord.documents.errors import DocumentError
from accord.documents.models import Certificate, CertificateKind
from accord.documents.numbering import CERTIFICATE_SERIES, next_number
from accord.documents.pdf import render_certificate
from accord.documents.permissions import may_issue_kind, may_work_on, roles_held
from accord.documents.sending import send_agreement
from accord.organisations.models import User
from accord.organisations.roles import Role
from accord.rules import today_in_england

_KEY = re.compile(r"^[0-9a-fA-F-]{16,64}$")


def _clean_key(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()
    if not _KEY.match(key):
        raise DocumentError("This form has expired. Go back to the case and start again.")
    return key


def _already_used(case: Case, key: str) -> Certificate | None:
    """A double-submitted form carries the same key: give back what the first one issued."""
    existing = Certificate.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.case_id != case.pk:
        raise DocumentError("This form was used for another case. Start again from the case.")
    return existing


# --- certificates ------------------------------------------------------------------------------


def issue_certificate(
    case: Case,
    kind: str,
    issued_on: date | None = None,
    *,
    by: User,
    idempotency_key: str,
    expected_version: int | None = None,
) -> Certificate:
    """Issue the mediation certificate of `kind` (CFA 2014 s.55(4)/(5); SEND Regs 34, 37, 39)
    and move the case to follow-up. The same `idempotency_key` always returns the same
    certificate, so a double submit never issues two."""
    key = _clean_key(idempotency_key)
    with transaction.atomic():
        # Lock the case first: a second submit with the same key waits here, then finds the
        # certificate the first one issued.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        existing = _already_used(case, key)
        if existing is not None:
            return existing
        if not may_issue_kind(by, case, kind):
            raise DocumentError(_who_issues(kind))
        with editing(case, expected_version) as c:
            target = check_transition(c.state, Transition.ISSUE_CERTIFICATE)
            problem = kind_problem(c, kind)
            if problem:
                raise DocumentError(problem)
            certificate = _create(c, kind, issued_on or today_in_england(), key, by=by)
            if target is not None:
                c.state = target
            record_event(
                c,
                EventKind.CERTIFICATE_ISSUED,
                f"Certificate {certificate.number} issued: {certificate.get_kind_display()}",
                {
                    "number": certificate.number,
                    "kind": kind,
                    "issued_on": certificate.issued_on,
                    "appeal_deadline": certificate.appeal_deadline,
                },
                by=by,
            )
            send_certificate_issued(certificate, by=by)
    return certificate


def correct_certificate(
    certificate: Certificate,
    reason: str,
    *,
    by: User,
    idempotency_key: str,
    issued_on: date | None = None,
) -> Certificate:
    """A new certificate that supersedes `certificate`, stating the case's facts as they are
    now. The old one stays downloadable, marked as replaced. The case's state does not move."""
    key = _clean_key(idempotency_key)
    if not reason.strip():
        raise DocumentError("Say what was wrong with the certificate.")
    case = certificate.case
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        existing = _already_used(case, key)
        if existing is not None:
            return existing
        if not may_issue_kind(by, case, certificate.kind):
            raise DocumentError(_who_issues(certificate.kind))
        newer = Certificate.objects.filter(supersedes=certificate).first()
        if newer is not None:
            raise DocumentError(
                f"Certificate {certificate.number} has already been replaced by {newer.number}. "
                "Correct that one instead."
            )
        with editing(case) as c:
            corrected = _create(
                c,
                certificate.kind,
                issued_on or today_in_england(),
                key,
                supersedes=certificate,
                reason=reason.strip(),
                by=by,
            )
            record_event(
                c,
                EventKind.CERTIFICATE_CORRECTED,
                f"Certificate {corrected.number} issued to replace {certificate.number}",
                {"replaces": certificate.number, "reason": reason.strip()},
                by=by,
            )
            send_certificate_issued(corrected, by=by)
    return corrected


def _create(
    case: Case,
    kind: str,
    issued_on: date,
    key: str,
    *,
    by: User,
    supersedes: Certificate | None = None,
    reason: str = "",
) -> Certificate:
    content = certificate_content(case, kind, issued_on)
    number = next_number(case.provider, CERTIFICATE_SERIES, issued_on.year)
    replaces = (supersedes.number, supersedes.issued_on, reason) if supersedes else None
    issued_at = timezone.now()
    rendered = render_certificate(
        content,
        number,
        issued_at=issued_at,
        issued_by=issuer_words(by, case, kind),
        replaces=replaces,
    )
    pdf = rendered.pdf
    certificate = Certificate(
        issued_at=issued_at,
        html=rendered.html,
        provider=case.provider,
        case=case,
        number=number,
        kind=kind,
        issued_on=issued_on,
        issued_by=by,
        family_names=content.family_names,
        child_name=content.child_name,
        local_authority_name=content.local_authority_name,
        decision_description=content.decision_description,
        decision_notice_sent_on=content.decision_notice_sent_on,
        appeal_deadline=content.appeal_deadline,
        appeal_deadline_basis=content.appeal_basis[:500],
        appeal_deadline_explanation="\n".join(content.appeal_steps),
        sha256=hashlib.sha256(pdf).hexdigest(),
        supersedes=supersedes,
        correction_reason=reason,
        idempotency_key=key,
    )
    certificate.pdf.save(f"{number}.pdf", ContentFile(pdf), save=False)
    certificate.save()
    return certificate


def issuer_words(user: User, case: Case, kind: str) -> str:
    """Who issued the certificate, as it names them: "Sam Patel, mediation adviser, for
    Riverside Mediation" (the mediator for a certificate after mediation, SEND Regs reg 39)."""
    held = roles_held(user, case)
    if kind == CertificateKind.AFTER_MEDIATION and case.mediator_id == user.pk:
        role = "mediator"
    elif Role.ADVISER in held:
        role = "mediation adviser"
    else:
        role = next((r.label.lower() for r in Role if r in held), "")
    name = user.full_name or case.provider.name
    return ", ".join(w for w in (name, role) if w) + f", for {case.provider.name}"


def _who_issues(kind: str) -> str:
    if kind == CertificateKind.AFTER_MEDIATION:
        return "Only the case's mediator or the service's staff can issue this certificate."
    return "Only the mediation adviser, a case coordinator or the service manager can issue it."


# One module for every document service: the agreement services live in agreements.py.
__all__ = [
    "DocumentError",
    "ItemData",
    "add_item",
    "correct_certificate",
    "issue_agreement",
    "issue_certificate",
    "mark_item_done",
    "may_issue_kind",
    "may_work_on",
    "remove_item",
    "roles_held",
    "send_agreement",
    "start_agreement",
    "update_agreement",
    "update_item",
]
