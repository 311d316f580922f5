"""The access log for managers, and data protection requests. Thin: parse, select, render."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read, record_read
from accord.cases.choices import AccessKind
from accord.cases.models import CaseAccess, Party
from accord.cases.services.writing import CaseError
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.privacy import selectors
from accord.privacy.erasure import ErasureRefused, erase_party, why_not_erasable
from accord.privacy.forms import AuditSearchForm, ErasureForm, LegalHoldForm, RetentionScheduleForm
from accord.privacy.holds import set_legal_hold
from accord.privacy.models import RetentionRun
from accord.privacy.retention import CATEGORY_LABELS, schedule_for
from accord.privacy.subject_access import export_for_party

MANAGERS = frozenset({Role.SERVICE_MANAGER})
CSV_COLUMNS = ["When", "Who", "Kind", "What", "Case", "Subject"]


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _filtered(request: HttpRequest) -> tuple[AuditSearchForm, QuerySet[CaseAccess]]:
    membership = _membership(request)
    form = AuditSearchForm(request.GET or None, people=selectors.people_of(membership))
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "person": data["person"],
            "case_reference": data["case"].strip(),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "kind": data["kind"],
        }
    elif form.is_bound:
        return form, CaseAccess.objects.none()
    return form, selectors.accesses_for(membership, **filters)


@roles(MANAGERS)
def audit(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@roles(MANAGERS)
def audit_csv(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    if form.is_bound and not form.is_valid():
        return redirect_with_query("privacy:audit", request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in rows.iterator():
        writer.writerow(
            [
                row.at.isoformat(),
                str(row.user) if row.user else "Family or emailed link",
                row.get_kind_display(),
                _safe(row.what),
                row.case.reference if row.case else "",
                _safe(row.subject),
            ]
        )
    record_read(
        _membership(request).provider,
        by=_user(request),
        what="exported the access log",
        kind=AccessKind.EXPORT,
    )
    return response


def redirect_with_query(name: str, request: HttpRequest) -> HttpResponse:
    response = redirect(name)
    response["Location"] += "?" + request.GET.urlencode()
    return response


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _user(request: HttpRequest) -> User:
    return _membership(request).user


@roles(MANAGERS)
def parties(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.case_for(_membership(request), reference)
    record_case_read(case, by=_user(request), what="opened data protection requests")
    rows = [(party, why_not_erasable(party)) for party in case.parties.all()]
    return render(request, "privacy/parties.html", {"case": case, "rows": rows})


@roles(MANAGERS)
def subject_access(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = case_selectors.case_for(_membership(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)
    if request.method != "POST":
        return redirect("privacy:parties", reference)
    content = export_for_party(party, by=_user(request))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{case.reference}.zip"'
    return response


@roles(MANAGERS)
def erase(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = case_selectors.case_for(_membership(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)
    record_case_read(case, by=_user(request), what=f"opened erasure of person {party.pk}")
    refusal = why_not_erasable(party)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_party(party, reason=form.cleaned_data["reason"], by=_user(request))
        except ErasureRefused as error:
            refusal = str(error)
        else:
            messages.success(request, "Their details were erased.")
            return redirect("privacy:parties", reference)
    return render(
        request,
        "privacy/erase.html",
        {"case": case, "party": party, "form": form, "refusal": refusal},
        status=400 if form.is_bound else 200,
    )


@roles(MANAGERS)
def legal_hold(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.case_for(_membership(request), reference)
    record_case_read(case, by=_user(request), what="opened the legal hold", kind=AccessKind.FORM)
    form = LegalHoldForm(
        request.POST or None,
        initial={
            "hold": "no" if case.legal_hold else "yes",
            "reason": "",
            "version": case.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_legal_hold(
                case,
                hold=data["hold"],
                reason=data["reason"].strip(),
                expected_version=data["version"],
                by=_user(request),
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Legal hold placed." if data["hold"] else "Legal hold lifted."
            )
            return redirect("privacy:parties", reference)
    return render(
        request,
        "privacy/legal_hold.html",
        {"case": case, "form": form},
        status=400 if form.is_bound else 200,
    )


@roles(MANAGERS)
def retention(request: HttpRequest) -> HttpResponse:
    schedule = schedule_for(_membership(request).provider)
    form = RetentionScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Retention schedule saved.")
        return redirect("privacy:retention")
    runs = RetentionRun.objects.order_by("-started_at", "-id")[:10]
    name = _membership(request).provider.name
    rows = [(run, run.counts.get(name, {})) for run in runs]
    return render(
        request,
        "privacy/retention.html",
        {"form": form, "rows": rows, "labels": CATEGORY_LABELS},
        status=400 if form.is_bound else 200,
    )
