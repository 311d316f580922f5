"""The family's case statement and agreement-signing pages, under /my-case/<reference>/, and a
supporter's reading of the family's statement (with consent covering documents).

A family member has no account: what identifies them as a signer is the address they proved with
a one-time code, kept with the signature with the time, IP address and browser. Every read is
audited; every change goes through accord.documents.statements and .signatures."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Party
from accord.cases.services import CaseError
from accord.documents import signatures, statement_selectors, statements
from accord.documents.signing_forms import ChangesForm, SignForm
from accord.documents.statement_views import (
    StatementActor,
    act_on_statement,
    pdf_response,
    signer_from,
)
from accord.family import selectors, supporters
from accord.family.identity import FamilyIdentity
from accord.family.session import family_of, family_signed_in


def signed_in_as(identity: FamilyIdentity, party: Party) -> str:
    """The address this person proved that matches the party: their 'account'."""
    email = party.email.strip().lower()
    if email and email in identity.emails:
        return f"{email} (one-time code by email)"
    phones = sorted(identity.phones)
    if phones:
        return f"{phones[0]} (one-time code by text)"
    return "one-time code"


def _signer(request: HttpRequest, party: Party, form: SignForm) -> signatures.Signer:
    return signer_from(request, party, form, signed_in_as=signed_in_as(family_of(request), party))


@family_signed_in
def statement(request: HttpRequest, reference: str, statement_id: int) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    mine = selectors.my_parties(identity, case)
    found = statement_selectors.statement_for_parties(case, mine, statement_id)
    own = found.party in mine
    record_case_read(case, by=None, what=f"family read case statement {found.pk}")
    version = found.sent_version
    seen = {"seen_sha256": version.sha256 if version else ""}
    action = request.POST.get("action") if request.method == "POST" else None
    sign = SignForm(request.POST if action == "sign" else None, initial=seen)
    changes = ChangesForm(request.POST if action == "changes" else None, initial=seen)
    if own and action in ("sign", "changes", "share"):
        proved = signed_in_as(family_of(request), found.party)
        actor = StatementActor(
            by=None,
            signed_in_as=proved,
            asked_as=proved,
            shared="Thank you. The other people in the mediation can now read your statement.",
            signed="Thank you. You have signed your statement.",
            changes_asked="Thank you. We will write a new version and ask you to check it again.",
        )
        done = act_on_statement(request, found, action, sign, changes, actor)
        if done:
            messages.success(request, done)
            return redirect("family:statement", case.reference, found.pk)
    status = 400 if sign.errors or changes.errors else 200
    return render(
        request,
        "family/statement.html",
        {
            "case": case,
            "statement": found,
            "version": version,
            "own": own,
            "sign": sign,
            "changes": changes,
            "form": sign if sign.errors else changes,
            "declaration": statements.declaration(version.number) if version else "",
            "pdf_url": reverse("family:statement_pdf", args=[case.reference, found.pk]),
        },
        status=status,
    )


@family_signed_in
def statement_pdf(request: HttpRequest, reference: str, statement_id: int) -> FileResponse:
    """The signed, sealed PDF once signed; before that, the version sent to read."""
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    found = statement_selectors.statement_for_parties(
        case, selectors.my_parties(identity, case), statement_id
    )
    record_case_read(case, by=None, what=f"family downloaded case statement {found.pk}")
    if found.signed_pdf:
        return pdf_response(found.signed_pdf, f"statement-{case.reference}-signed.pdf")
    if found.sent_version is None:
        raise Http404("Not sent")
    number = found.sent_version.number
    return pdf_response(found.sent_version.pdf, f"statement-{case.reference}-v{number}.pdf")


@family_signed_in
def sign_agreement(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    agreement = selectors.downloadable_agreement(case, agreement_id)
    record_case_read(case, by=None, what=f"family read agreement {agreement.number} to sign")
    signed = signatures.signed_parties(agreement)
    parties = [p for p in selectors.my_parties(identity, case) if p.pk not in signed]
    form = SignForm(request.POST or None, initial={"seen_sha256": agreement.sha256})
    if request.method == "POST" and parties and form.is_valid():
        try:
            signatures.sign_agreement(agreement, _signer(request, parties[0], form), by=None)
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Thank you. You have signed the agreement.")
            return redirect(reverse("family:case", args=[case.reference]) + "#documents")
    return render(
        request,
        "family/sign_agreement.html",
        {
            "case": case,
            "agreement": agreement,
            "party": parties[0] if parties else None,
            "form": form,
            "declaration": signatures.AGREEMENT_DECLARATION,
            "pdf_url": reverse("family:agreement", args=[case.reference, agreement.pk]),
            "back": reverse("family:case", args=[case.reference]) + "#documents",
        },
        status=400 if form.errors else 200,
    )


@family_signed_in
def signed_agreement(request: HttpRequest, reference: str, agreement_id: int) -> FileResponse:
    """The agreement signed by all, with the evidence page and the provider's seal."""
    case = selectors.case_for_family(family_of(request), reference)
    agreement = selectors.downloadable_agreement(case, agreement_id)
    if not agreement.signed_pdf:
        raise Http404("Not signed by all yet")
    record_case_read(case, by=None, what=f"family downloaded signed agreement {agreement.number}")
    return pdf_response(agreement.signed_pdf, f"agreement-{agreement.number}-signed.pdf")


@family_signed_in
def supported_statement(request: HttpRequest, reference: str, statement_id: int) -> HttpResponse:
    """A supporter reads the statement of the family they support, if the consent covers
    documents; they do not sign it or ask for changes (that is the party's own choice)."""
    consent = supporters.consent_for(family_of(request), reference)
    supporters.require_scope(consent, "may_see_documents")
    case = consent.case
    family = list(selectors.family_parties_on(case))
    found = statement_selectors.statement_for_parties(case, family, statement_id)
    record_case_read(
        case, by=None, what=f"supporter {consent.supporter_id} read case statement {found.pk}"
    )
    return render(
        request,
        "family/statement.html",
        {
            "case": case,
            "statement": found,
            "version": found.sent_version,
            "own": False,
            "supporter": True,
        },
    )
