"""The staff pages for complaints about the service: the list with each answer's due date
(working days the provider sets), recording a new one, and each step to its answer. Thin views:
the services in accord.cases.services.complaints decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accord.cases import services
from accord.cases.audit import record_case_read
from accord.cases.concerns import Complaint, ComplaintStage
from accord.cases.forms import show_refusal
from accord.cases.forms.complaints import (
    AcknowledgeForm,
    AnswerForm,
    ComplaintForm,
    InvestigateForm,
)
from accord.cases.models import Case
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import STAFF
from accord.rules import today_in_england


def _complaints(request: HttpRequest) -> Any:
    return Complaint.objects.filter(provider=membership_of(request).provider).select_related("case")


@roles(STAFF)
def complaint_list(request: HttpRequest) -> HttpResponse:
    today = today_in_england()
    rows = [(c, c.is_late(today)) for c in _complaints(request)[:200]]
    provider = membership_of(request).provider
    return render(
        request,
        "cases/complaints/list.html",
        {
            "rows": rows,
            "today": today,
            "working_days": provider.complaint_response_working_days,
            "open_count": sum(1 for c, _ in rows if c.answered_on is None),
        },
    )


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    title: str,
    action: Callable[[dict[str, Any]], Complaint],
    *,
    back: str,
    done: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            complaint = action(form.cleaned_data)
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, done)
            return redirect("complaints:detail", complaint.pk)
    return render(
        request,
        "cases/complaints/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


@roles(STAFF)
def new_complaint(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    form = ComplaintForm(
        request.POST if request.method == "POST" else None,
        initial={"received_on": today_in_england()},
    )

    def act(d: dict[str, Any]) -> Complaint:
        case = None
        if d["case_reference"].strip():
            case = Case.objects.filter(
                provider=membership.provider, reference__iexact=d["case_reference"].strip()
            ).first()
            if case is None:
                raise services.CaseError(
                    "No case of this service has that reference.", field="case_reference"
                )
        return services.receive_complaint(
            membership.provider,
            complainant=d["complainant"],
            complainant_is=d["complainant_is"],
            received_on=d["received_on"],
            what=d["what"],
            case=case,
            by=actor_of(request),
        )

    return _form_page(
        request,
        form,
        "Record a complaint about the service",
        act,
        back=reverse("complaints:list"),
        done="Complaint recorded",
    )


def _complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    return get_object_or_404(_complaints(request), pk=complaint_id)


@roles(STAFF)
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    if complaint.case is not None:
        record_case_read(
            complaint.case, by=actor_of(request), what=f"viewed complaint {complaint.pk}"
        )
    today = today_in_england()
    return render(
        request,
        "cases/complaints/detail.html",
        {
            "complaint": complaint,
            "late": complaint.is_late(today),
            "stage": complaint.stage,
            "stages": ComplaintStage,
        },
    )


@roles(STAFF)
def acknowledge(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    form = AcknowledgeForm(
        request.POST if request.method == "POST" else None,
        initial={"acknowledged_on": today_in_england()},
    )

    def act(d: dict[str, Any]) -> Complaint:
        services.acknowledge_complaint(
            complaint, acknowledged_on=d["acknowledged_on"], by=actor_of(request)
        )
        return complaint

    return _form_page(
        request,
        form,
        "Acknowledge the complaint",
        act,
        back=reverse("complaints:detail", args=[complaint.pk]),
        done="Complaint acknowledged",
    )


@roles(STAFF)
def investigate(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    form = InvestigateForm(
        request.POST if request.method == "POST" else None,
        initial={"investigation_started_on": today_in_england()},
    )

    def act(d: dict[str, Any]) -> Complaint:
        services.start_investigation(
            complaint,
            started_on=d["investigation_started_on"],
            investigated_by=d["investigated_by"],
            by=actor_of(request),
        )
        return complaint

    return _form_page(
        request,
        form,
        "Record the investigation",
        act,
        back=reverse("complaints:detail", args=[complaint.pk]),
        done="Investigation recorded",
    )


@roles(STAFF)
def answer(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"answered_on": today_in_england()},
    )

    def act(d: dict[str, Any]) -> Complaint:
        services.answer_complaint(
            complaint,
            answered_on=d["answered_on"],
            outcome=d["outcome"],
            response=d["response"],
            by=actor_of(request),
        )
        return complaint

    return _form_page(
        request,
        form,
        "Record the answer",
        act,
        back=reverse("complaints:detail", args=[complaint.pk]),
        done="Answer recorded",
    )
