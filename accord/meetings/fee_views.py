"""Fees and expenses: a mediator's claims for the meetings they mediated, and the service
manager's approvals (accord.meetings.fees)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accord.cases.forms import show_refusal
from accord.meetings import fees
from accord.meetings.errors import MeetingError
from accord.meetings.fee_forms import ClaimForm, DecisionForm
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import Role

CLAIMANTS = frozenset({Role.MEDIATOR, Role.SERVICE_MANAGER})


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


@roles(CLAIMANTS)
def claim_list(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    is_manager = membership.role_enum == Role.SERVICE_MANAGER
    claims = list(fees.claims_of(membership)[:500])
    context = {"is_manager": is_manager, "claims": claims}
    if not is_manager:
        context["meetings"] = list(fees.meetings_to_claim(membership)[:200])
        context["claimed"] = {c.meeting_id for c in claims if c.status != "rejected"}
    return render(request, "fees/list.html", context)


def _form_page(
    request: HttpRequest, form: object, title: str, caption: str, hint: str, button: str
) -> HttpResponse:
    context = {"form": form, "title": title, "caption": caption, "hint": hint, "button": button}
    status = 400 if request.method == "POST" else 200
    return render(request, "fees/form.html", context, status=status)


@roles(Role.MEDIATOR)
def claim(request: HttpRequest, meeting_id: int) -> HttpResponse:
    membership = _membership(request)
    meeting = get_object_or_404(fees.meetings_to_claim(membership), pk=meeting_id)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fees.submit_claim(
                membership,
                meeting,
                data["fee"],
                data["expenses"],
                data["expenses_note"],
                by=membership.user,
            )
        except MeetingError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Claim sent for approval.")
            return redirect("fees:list")
    return _form_page(
        request,
        form,
        "Claim your fee and expenses",
        f"{meeting.get_kind_display()}, {meeting.starts_at:%-d %B %Y}, {meeting.case.reference}",
        "A service manager approves the claim before it is paid.",
        "Send the claim",
    )


@roles(Role.SERVICE_MANAGER)
def decide(request: HttpRequest, claim_id: int) -> HttpResponse:
    membership = _membership(request)
    found = get_object_or_404(fees.claims_of(membership), pk=claim_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fees.decide_claim(
                found, form.approved(), form.cleaned_data["decision_note"], by=membership.user
            )
        except MeetingError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Claim decided.")
            return redirect("fees:list")
    return _form_page(
        request,
        form,
        f"Claim by {found.mediator.full_name}",
        f"{found.meeting.get_kind_display()}, {found.meeting.starts_at:%-d %B %Y}: "
        f"fee £{found.fee}, expenses £{found.expenses}",
        found.expenses_note,
        "Save the decision",
    )
