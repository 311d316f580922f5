"""Following up an issued agreement: the body responsible records an action done with its
evidence, or asks for more time; the service records the family's written agreement to a later
date (SEND Regs reg 42(5)); an officer's own list of open actions and mediation deadlines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.documents import follow_up, officer_actions, selectors
from accord.documents.forms import ActionDoneForm, FamilyAgreedForm, MoreTimeForm
from accord.documents.models import AgreementItem, MoreTimeRequest
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, OFFICERS, STAFF
from accord.rules import today_in_england


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _item(request: HttpRequest, reference: str, agreement_id: int, item_id: int) -> AgreementItem:
    """The point of an issued agreement on a case the person may open (404 otherwise)."""
    case = case_selectors.case_for(_membership(request), reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    if not agreement.is_issued:
        raise Http404("Not issued")
    return selectors.item_on_agreement(agreement, item_id)


def _page(request: HttpRequest, case: Case, form: object, title: str, hint: str) -> HttpResponse:
    errors = request.method == "POST" and getattr(form, "errors", None)
    return render(
        request,
        "documents/form.html",
        {"case": case, "form": form, "title": title, "hint": hint, "button": "Save"},
        status=400 if errors else 200,
    )


@roles(CASE_READERS)
def action_done(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    item = _item(request, reference, agreement_id, item_id)
    user: User = _membership(request).user
    if not follow_up.may_follow_up(user, item):
        raise PermissionDenied("This action falls to another body.")
    form = ActionDoneForm(
        request.POST or None, request.FILES or None, initial={"done_on": today_in_england()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            follow_up.record_action_done(
                item, d["done_on"], by=user, note=d["note"], evidence=d["evidence"]
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Point {item.position} recorded as done.")
            return redirect(item.agreement.case)
    return _page(request, item.agreement.case, form, f"Point {item.position} done", item.action)


@roles(CASE_READERS)
def more_time(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> HttpResponse:
    item = _item(request, reference, agreement_id, item_id)
    user: User = _membership(request).user
    if not follow_up.may_follow_up(user, item):
        raise PermissionDenied("This action falls to another body.")
    form = MoreTimeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            follow_up.ask_for_more_time(item, d["new_due_on"], d["reason"], by=user)
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, "More time asked for. The new date counts once the family agrees."
            )
            return redirect(item.agreement.case)
    hint = (
        f"{item.action} A later date counts only once the family agrees to it in writing "
        "(SEND Regs reg 42(5)); until then the agreement's date still applies."
    )
    return _page(
        request, item.agreement.case, form, f"Ask for more time: point {item.position}", hint
    )


@roles(STAFF)
def more_time_agreed(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int, request_id: int
) -> HttpResponse:
    item = _item(request, reference, agreement_id, item_id)
    asked = get_object_or_404(MoreTimeRequest, pk=request_id, item=item)
    form = FamilyAgreedForm(request.POST or None, initial={"agreed_on": today_in_england()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            follow_up.record_family_agreed_more_time(
                asked, d["agreed_on"], d["how"], by=_membership(request).user
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The family's written agreement to the new date is recorded.")
            return redirect(item.agreement.case)
    hint = f"{item.action} Asked for: {asked.new_due_on:%-d %B %Y}. {asked.reason}"
    return _page(request, item.agreement.case, form, "The family agreed to a later date", hint)


@roles(CASE_READERS)
def action_evidence(
    request: HttpRequest, reference: str, agreement_id: int, item_id: int
) -> FileResponse:
    item = _item(request, reference, agreement_id, item_id)
    if not item.done_evidence:
        raise Http404("No evidence")
    case = item.agreement.case
    record_case_read(
        case, by=_membership(request).user, what=f"evidence of agreed action {item.pk}"
    )
    return FileResponse(
        item.done_evidence.open("rb"),
        as_attachment=True,
        filename=item.done_evidence.name.rsplit("/", 1)[-1],
    )


@roles(OFFICERS)
def my_actions(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    today = today_in_england()
    return render(
        request,
        "documents/my_actions.html",
        {
            "today": today,
            "actions": officer_actions.open_actions_for(membership, today),
            "mediations": officer_actions.mediation_deadlines_for(membership, today),
            "body": membership.local_authority or membership.health_body,
        },
    )
