"""The mail inbox: replies filed to cases that no one has read, and mail waiting to be accepted
into a case or filed to one. For the service's staff; every query scoped by
accord.inbound.selectors, and every read of mail filed to a case audited on that case."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.cases.audit import record_case_read
from accord.cases.services import CaseError, EnquiryData
from accord.inbound import handling, selectors
from accord.inbound.forms import FileToCaseForm, enquiry_form_for
from accord.inbound.models import InboundMail
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import STAFF


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@roles(STAFF)
def inbox(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    return render(
        request,
        "inbound/inbox.html",
        {
            "unread": list(selectors.unread_replies(membership)),
            "waiting": list(selectors.waiting(membership)),
        },
    )


def _detail(request: HttpRequest, mail: InboundMail, *, error: str = "") -> HttpResponse:
    if mail.case is not None:
        record_case_read(mail.case, by=_user(request), what=f"read email {mail.pk}")
    return render(
        request,
        "inbound/detail.html",
        {"mail": mail, "error": error},
        status=400 if error else 200,
    )


@roles(STAFF)
def mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.one_mail(_membership(request), pk))


@roles(STAFF)
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    mail = selectors.one_mail(_membership(request), pk)
    try:
        handling.mark_read(mail, by=_user(request))
    except handling.MailError as problem:
        return _detail(request, mail, error=str(problem))
    messages.success(request, "Email marked as read.")
    return redirect("inbound:inbox")


@roles(STAFF)
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    mail = selectors.one_mail(_membership(request), pk)
    try:
        handling.dismiss(mail, by=_user(request))
    except handling.MailError as problem:
        return _detail(request, mail, error=str(problem))
    messages.success(request, "Email set aside: it is not about a case.")
    return redirect("inbound:inbox")


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def file_to_case(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    mail = selectors.one_mail(membership, pk)
    form = FileToCaseForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid() and form.case is not None:
        try:
            handling.file_to_case(mail, form.case, by=_user(request))
        except handling.MailError as problem:
            form.add_error("reference", str(problem))
        else:
            messages.success(request, f"Email filed to case {form.case.reference}.")
            return redirect(form.case)
    return render(
        request,
        "inbound/file_to_case.html",
        {"mail": mail, "form": form},
        status=400 if form.errors else 200,
    )


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    mail = selectors.one_mail(_membership(request), pk)
    form = enquiry_form_for(mail, request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "confirm_not_duplicate"}
        try:
            case = handling.accept_as_case(mail, EnquiryData(**fields), by=_user(request))
        except (CaseError, handling.MailError) as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, f"Email accepted: case {case.reference} created.")
            return redirect(case)
    return render(
        request,
        "inbound/accept.html",
        {"mail": mail, "form": form},
        status=400 if form.errors else 200,
    )


@roles(STAFF)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = selectors.one_attachment(_membership(request), pk)
    if found.mail.case is not None:
        record_case_read(found.mail.case, by=_user(request), what=f"downloaded emailed file {pk}")
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )
