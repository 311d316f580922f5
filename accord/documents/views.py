"""Document pages under cases/<reference>/documents/. Thin: fetch the case through the scoped
selector, call a service, render. Each view declares its roles (accord.organisations.access);
the services check again who may issue what."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.cases.states import IllegalTransition
from accord.documents import action_letters, selectors, services, signatures, twin
from accord.documents.agreements import due_text, kind_title
from accord.documents.certificate_content import (
    KIND_WORDING,
    CertificateContent,
    certificate_content,
    kind_problem,
)
from accord.documents.errors import DocumentError
from accord.documents.forms import (
    AgreementForm,
    AgreementItemForm,
    CorrectCertificateForm,
    DoneForm,
    IssueCertificateForm,
    new_idempotency_key,
)
from accord.documents.models import Agreement, Certificate, CertificateKind
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, CASEWORKERS
from accord.rules import today_in_england

REFUSED = (CaseError, IllegalTransition)


def _case(request: HttpRequest, reference: str) -> Case:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return case_selectors.case_for(membership, reference)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _preview(case: Case, kind: str) -> tuple[CertificateContent | None, str]:
    try:
        return certificate_content(case, kind, today_in_england()), ""
    except DocumentError as error:
        return None, str(error)


def _status(request: HttpRequest, form: Any) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- certificates -------------------------------------------------------------------------------


@roles(CASEWORKERS)
def issue_certificate(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    """Shows what the certificate will state, then issues it (one per idempotency key)."""
    case = _case(request, reference)
    if kind not in CertificateKind.values:
        raise Http404("No such certificate")
    if not services.may_issue_kind(_user(request), case, kind):
        raise PermissionDenied("Your role does not issue this certificate.")
    form = IssueCertificateForm(
        request.POST or None,
        initial={"idempotency_key": new_idempotency_key(), "version": case.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.issue_certificate(
                case,
                kind,
                idempotency_key=form.cleaned_data["idempotency_key"],
                expected_version=form.cleaned_data["version"],
                by=_user(request),
            )
        except REFUSED as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Certificate {certificate.number} issued.")
            return redirect(case.get_absolute_url() + "#documents")
    preview, missing = _preview(case, kind)
    record_case_read(case, by=_user(request), what=f"previewed certificate ({kind})")
    problem = "" if request.method == "POST" else (kind_problem(case, kind) or missing)
    return render(
        request,
        "documents/issue_certificate.html",
        {
            "case": case,
            "form": form,
            "preview": preview,
            "wording": KIND_WORDING[kind],
            "kind_label": CertificateKind(kind).label,
            "problem": problem or missing,
        },
        status=_status(request, form),
    )


@roles(CASEWORKERS)
def correct_certificate(request: HttpRequest, reference: str, certificate_id: int) -> HttpResponse:
    case = _case(request, reference)
    certificate = selectors.certificate_on_case(case, certificate_id)
    if not services.may_issue_kind(_user(request), case, certificate.kind):
        raise PermissionDenied("Your role does not issue this certificate.")
    form = CorrectCertificateForm(
        request.POST or None, initial={"idempotency_key": new_idempotency_key()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            corrected = services.correct_certificate(
                certificate,
                form.cleaned_data["reason"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                by=_user(request),
            )
        except REFUSED as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, f"Certificate {corrected.number} issued to replace {certificate.number}."
            )
            return redirect(case.get_absolute_url() + "#documents")
    preview, missing = _preview(case, certificate.kind)
    return render(
        request,
        "documents/correct_certificate.html",
        {
            "case": case,
            "certificate": certificate,
            "form": form,
            "preview": preview,
            "wording": KIND_WORDING[certificate.kind],
            "problem": missing,
        },
        status=_status(request, form),
    )


def _download(request: HttpRequest, case: Case, document: Certificate | Agreement) -> FileResponse:
    if not document.pdf:
        raise Http404("Not issued yet")
    what = "certificate" if isinstance(document, Certificate) else "agreement"
    record_case_read(case, by=_user(request), what=f"downloaded {what} {document}")
    return FileResponse(
        document.pdf.open("rb"),
        as_attachment=True,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
    )


@roles(CASE_READERS)
def certificate_pdf(request: HttpRequest, reference: str, certificate_id: int) -> HttpResponseBase:
    case = _case(request, reference)
    return _download(request, case, selectors.certificate_on_case(case, certificate_id))


def _read_online(request: HttpRequest, case: Case, document: Certificate | Agreement) -> None:
    if not document.pdf:
        raise Http404("Not issued yet")
    what = "certificate" if isinstance(document, Certificate) else "agreement"
    record_case_read(case, by=_user(request), what=f"read {what} {document} online")


@roles(CASE_READERS)
def certificate_document(request: HttpRequest, reference: str, certificate_id: int) -> HttpResponse:
    """The certificate as a web page, with the same content as its PDF (accord.documents.twin)."""
    case = _case(request, reference)
    certificate = selectors.certificate_on_case(case, certificate_id)
    _read_online(request, case, certificate)
    return twin.document_page(
        request,
        certificate,
        back_url=case.get_absolute_url() + "#documents",
        pdf_url=reverse("documents:certificate_pdf", args=[case.reference, certificate.pk]),
        replaced=certificate.is_superseded,
    )


# --- agreements ---------------------------------------------------------------------------------


def _agreement_url(agreement: Agreement) -> str:
    return reverse("documents:agreement", args=[agreement.case.reference, agreement.pk])


def _form_page(
    request: HttpRequest, case: Case, form: Any, title: str, *, hint: str = "", button: str = "Save"
) -> HttpResponse:
    return render(
        request,
        "documents/form.html",
        {"case": case, "form": form, "title": title, "hint": hint, "button": button},
        status=_status(request, form),
    )


@roles(CASEWORKERS)
def start_agreement(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.start_agreement(
                case,
                summary=form.cleaned_data["summary"],
                la_party=form.cleaned_data["la_party"],
                by=_user(request),
            )
        except REFUSED as error:
            show_refusal(form, error)
        else:
            # Straight on to the first point: the agreement is its points.
            return redirect("documents:add_item", case.reference, agreement.pk)
    return _form_page(
        request,
        case,
        form,
        "Write the agreement",
        hint="Then add each point that was agreed: what was decided, what will happen, who is "
        "responsible, by when and how it will be reviewed.",
        button="Continue",
    )


@roles(CASEWORKERS)
def agreement_page(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    record_case_read(case, by=_user(request), what=f"viewed agreement {agreement.pk}")
    form = AgreementForm(
        request.POST or None,
        initial={"summary": agreement.summary, "la_party": agreement.la_party},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agreement(
                agreement,
                summary=form.cleaned_data["summary"],
                la_party=form.cleaned_data["la_party"],
                by=_user(request),
            )
        except REFUSED as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Agreement saved.")
            return redirect(_agreement_url(agreement))
    on = today_in_england()
    items = [
        (item, selectors.item_status(item, on), due_text(item, agreement.concluded_on))
        for item in agreement.items.order_by("position")
    ]
    return render(
        request,
        "documents/agreement.html",
        {
            "case": case,
            "agreement": agreement,
            "title": kind_title(case),
            "items": items,
            "form": form,
            "recipients": [p for p in case.parties.all() if p.email],
            "signatures": list(agreement.signatures.select_related("party")),
            "still_to_sign": signatures.still_to_sign(agreement) if agreement.is_issued else [],
        },
        status=_status(request, form),
    )


@roles(CASEWORKERS)
def add_item(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    return _item_page(request, reference, agreement_id, None)


@roles(CASEWORKERS)
def edit_item(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    return _item_page(request, reference, agreement_id, item_id)


def _item_page(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int | None
) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    item = selectors.item_on_agreement(agreement, item_id) if item_id else None
    initial = AgreementItemForm.initial_from(item) if item else {}
    form = AgreementItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = services.ItemData(**form.cleaned_data)
        try:
            if item is None:
                services.add_item(agreement, data, by=_user(request))
            else:
                services.update_item(item, data, by=_user(request))
        except REFUSED as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Point saved.")
            return redirect(_agreement_url(agreement))
    title = f"Change point {item.position}" if item else "Add a point to the agreement"
    return _form_page(
        request,
        case,
        form,
        title,
        hint=f"The agreement is dated {agreement.concluded_on:%-d %B %Y}. Dates for statutory "
        "actions are worked out from it.",
    )


@roles(CASEWORKERS)
@require_POST
def remove_item(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    item = selectors.item_on_agreement(agreement, item_id)
    try:
        services.remove_item(item, by=_user(request))
    except REFUSED as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Point {item.position} removed.")
    return redirect(_agreement_url(agreement))


@roles(CASEWORKERS)
@require_POST
def issue_agreement(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    try:
        services.issue_agreement(agreement, by=_user(request))
    except REFUSED as error:
        messages.error(request, str(error))
        return redirect(_agreement_url(agreement))
    messages.success(request, f"Agreement {agreement.number} issued and sent to the parties.")
    # The certificate after mediation is due next (SEND Regs reg 39): it is first in Next steps.
    return redirect(f"{case.get_absolute_url()}#next-steps")


@roles(CASE_READERS)
def agreement_pdf(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponseBase:
    case = _case(request, reference)
    return _download(request, case, selectors.agreement_on_case(case, agreement_id))


@roles(CASE_READERS)
def agreement_document(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    """The issued agreement as a web page, with the same content as its PDF."""
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    _read_online(request, case, agreement)
    return twin.document_page(
        request,
        agreement,
        back_url=_agreement_url(agreement),
        pdf_url=reverse("documents:agreement_pdf", args=[case.reference, agreement.pk]),
    )


@roles(CASEWORKERS)
def mark_done(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    item = selectors.item_on_agreement(agreement, item_id)
    form = DoneForm(request.POST or None, initial={"done_on": today_in_england()})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_item_done(item, form.cleaned_data["done_on"], by=_user(request))
        except REFUSED as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Point {item.position} marked as done.")
            return redirect(_agreement_url(agreement))
    return _form_page(
        request, case, form, f"Point {item.position} done", hint=item.action, button="Save"
    )


@roles(CASEWORKERS)
def action_letter(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    """The letter the family was sent for an agreed action overdue, to print for them."""
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    today = today_in_england()
    action = action_letters.overdue_action(case, item_id, today)
    if action is None or action.item.agreement_id != agreement.pk:
        raise Http404("No overdue action")
    record_case_read(case, by=_user(request), what=f"viewed the letter for agreed action {item_id}")
    return render(
        request,
        "documents/action_letter.html",
        {
            "case": case,
            "action": action,
            "stage": action.stage(today),
            "letter": action_letters.letter_to_body(action),
        },
    )
