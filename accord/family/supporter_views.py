"""Supporter pages: the family invites and withdraws supporters from their case page; staff record
a consent the family gave them; a supporter, signed in with a one-time code, sees only what the
consent covers, and every read is audited (accord.family.supporters)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.services import CaseError
from accord.documents import statement_selectors, twin
from accord.family import progress, selectors, supporters
from accord.family.models import SupporterConsent
from accord.family.session import family_of, family_signed_in
from accord.family.supporter_forms import InviteSupporterForm, RecordConsentForm
from accord.family.views import _pdf
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

# --- the family, signed in ------------------------------------------------------------------------


@family_signed_in
def family_supporters(request: HttpRequest, reference: str) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    me = selectors.my_parties(identity, case)
    form = InviteSupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = supporters.invite_supporter(
                case,
                supporters.Invitation(**form.invitation_fields()),
                by=None,
                given_by=me[0] if me else None,
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"We have emailed {consent.supporter.name} an invitation.")
            return redirect("family:supporters", case.reference)
    return render(
        request,
        "family/supporters.html",
        {"case": case, "form": form, "consents": supporters.consents_on(case)},
        status=400 if form.errors else 200,
    )


@family_signed_in
@require_POST
def family_withdraw(request: HttpRequest, reference: str, consent_id: int) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    consent = get_object_or_404(SupporterConsent, pk=consent_id, case=case)
    me = selectors.my_parties(identity, case)
    try:
        supporters.withdraw_consent(consent, by=None, withdrawn_by=me[0] if me else None)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{consent.supporter.name} can no longer see your case.")
    return redirect("family:supporters", case.reference)


# --- staff, recording the family's consent --------------------------------------------------------


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


@roles(STAFF)
def staff_supporters(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    form = RecordConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = supporters.invite_supporter(
                case, supporters.Invitation(**form.invitation_fields()), by=membership.user
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Consent recorded; {consent.supporter.name} is invited.")
            return redirect("supporters:staff", case.reference)
    return render(
        request,
        "family/staff_supporters.html",
        {"case": case, "form": form, "consents": supporters.consents_on(case)},
        status=400 if form.errors else 200,
    )


@roles(STAFF)
@require_POST
def staff_withdraw(request: HttpRequest, reference: str, consent_id: int) -> HttpResponse:
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    consent = get_object_or_404(SupporterConsent, pk=consent_id, case=case)
    try:
        supporters.withdraw_consent(consent, by=membership.user)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{consent.supporter.name} can no longer see the case.")
    return redirect("supporters:staff", case.reference)


# --- the supporter, signed in ---------------------------------------------------------------------


@family_signed_in
def supported_case(request: HttpRequest, reference: str) -> HttpResponse:
    consent = supporters.consent_for(family_of(request), reference)
    case = consent.case
    record_case_read(case, by=None, what=f"supporter {consent.supporter_id} viewed case")
    parties = [consent.supporter]
    # The dates are worked out from everything on the case, as the family's page does; only
    # what the consent covers is shown.
    meetings = selectors.family_meetings(case, parties)
    certificates = selectors.family_certificates(case)
    agreements = list(selectors.issued_agreements(case).prefetch_related("items"))
    events = list(selectors.family_timeline(case)) if consent.may_see_messages else []
    shown_dates = consent.may_see_dates
    return render(
        request,
        "family/supported_case.html",
        {
            "case": case,
            "consent": consent,
            "key_dates": progress.dates_that_matter(case, meetings, certificates, agreements)
            if shown_dates
            else [],
            "meetings": meetings if consent.may_see_meetings else [],
            "certificates": [c for c in certificates if not selectors.is_superseded(c)]
            if consent.may_see_documents
            else [],
            "agreements": agreements if consent.may_see_documents else [],
            "statements": list(
                statement_selectors.readable_by_parties(case, selectors.family_parties_on(case))
            )
            if consent.may_see_documents
            else [],
            # The documents appear in the history only if they are shared too.
            "history": progress.history(
                case,
                events,
                certificates if consent.may_see_documents else [],
                agreements if consent.may_see_documents else [],
            )
            if consent.may_see_messages
            else [],
        },
    )


@family_signed_in
def supported_certificate(
    request: HttpRequest, reference: str, certificate_id: int
) -> FileResponse:
    consent = supporters.consent_for(family_of(request), reference)
    supporters.require_scope(consent, "may_see_documents")
    certificate = selectors.downloadable_certificate(consent.case, certificate_id)
    record_case_read(
        consent.case,
        by=None,
        what=f"supporter {consent.supporter_id} downloaded certificate {certificate.number}",
    )
    return _pdf(certificate.pdf, f"certificate-{certificate.number}.pdf")


@family_signed_in
def supported_agreement(request: HttpRequest, reference: str, agreement_id: int) -> FileResponse:
    consent = supporters.consent_for(family_of(request), reference)
    supporters.require_scope(consent, "may_see_documents")
    agreement = selectors.downloadable_agreement(consent.case, agreement_id)
    name = agreement.number or f"{consent.case.reference}-{agreement.pk}"
    record_case_read(
        consent.case, by=None, what=f"supporter {consent.supporter_id} downloaded agreement {name}"
    )
    if not agreement.pdf:
        raise Http404("No file")
    return _pdf(agreement.pdf, f"agreement-{name}.pdf")


def _supported_page(
    request: HttpRequest, reference: str, kind: str, document_id: int
) -> HttpResponse:
    """A certificate or an agreement as a web page, for a supporter the family let see
    documents: the same check and the same read record as its PDF."""
    consent = supporters.consent_for(family_of(request), reference)
    supporters.require_scope(consent, "may_see_documents")
    document: Any
    if kind == "certificate":
        document = selectors.downloadable_certificate(consent.case, document_id)
    else:
        document = selectors.downloadable_agreement(consent.case, document_id)
    record_case_read(
        consent.case,
        by=None,
        what=f"supporter {consent.supporter_id} read {kind} {document.number} online",
    )
    return twin.document_page(
        request,
        document,
        back_url=reverse("family:supported_case", args=[reference]),
        pdf_url=reverse(f"family:supported_{kind}", args=[reference, document.pk]),
        base_template="family/base.html",
    )


@family_signed_in
def supported_certificate_page(
    request: HttpRequest, reference: str, certificate_id: int
) -> HttpResponse:
    """The certificate as a web page, for a supporter the family let see documents."""
    return _supported_page(request, reference, "certificate", certificate_id)


@family_signed_in
def supported_agreement_page(
    request: HttpRequest, reference: str, agreement_id: int
) -> HttpResponse:
    """The written agreement as a web page, for a supporter the family let see documents."""
    return _supported_page(request, reference, "agreement", agreement_id)
