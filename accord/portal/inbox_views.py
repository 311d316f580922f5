"""The intake inbox: online requests waiting for provider staff to accept or reject them.

Every query goes through accord.portal.selectors, scoped to the provider of the signed-in
member of staff, so another provider's requests are 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.cases.audit import record_case_read, record_read
from accord.cases.choices import AccessKind
from accord.cases.services import possible_duplicates
from accord.govuk.forms import GovukForm
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import STAFF
from accord.portal import selectors, services
from accord.portal.inbox import contact_window
from accord.portal.models import OnlineRequest
from accord.rules import today_in_england


class AcceptForm(GovukForm):
    confirm_not_duplicate = forms.BooleanField(
        label="I have checked the possible matches: this is a new case",
        required=False,
    )

    def __init__(self, *args: Any, has_duplicates: bool = False, **kwargs: Any) -> None:
        self.has_duplicates = has_duplicates
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_duplicates and not data.get("confirm_not_duplicate"):
            self.add_error(
                "confirm_not_duplicate",
                "Check the possible matches, then confirm this is a new case",
            )
        return data


class RejectForm(GovukForm):
    reason = forms.CharField(
        label="Why can we not take this request forward?",
        help_text=(
            "The family will get this in an email, so write it for them. Do not use the child's "
            "or young person's name."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason. The family will be told it."},
    )


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@roles(STAFF)
def inbox(request: HttpRequest) -> HttpResponse:
    today = today_in_england()
    rows = [(r, contact_window(r, today)) for r in selectors.inbox_for(_membership(request))]
    return render(request, "portal/inbox/list.html", {"rows": rows, "today": today})


def _detail(
    request: HttpRequest,
    online_request: OnlineRequest,
    *,
    accept_form: AcceptForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    duplicates = _duplicates(online_request)
    return render(
        request,
        "portal/inbox/detail.html",
        {
            "item": online_request,
            "window": contact_window(online_request, today_in_england()),
            "duplicates": duplicates,
            "form": accept_form or AcceptForm(has_duplicates=bool(duplicates)),
            "error": error,
        },
        status=status,
    )


def _duplicates(online_request: OnlineRequest) -> list[Any]:
    if not online_request.is_new:
        return []
    return list(
        possible_duplicates(
            online_request.provider,
            online_request.child_first_name,
            online_request.child_last_name,
            online_request.child_date_of_birth,
        )
    )


@roles(STAFF)
def request_detail(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    online_request = selectors.request_for(membership, reference)
    what = f"viewed online request {online_request.reference}"
    if online_request.case is not None:
        record_case_read(online_request.case, by=membership.user, what=what)
    else:
        record_read(
            membership.provider,
            by=membership.user,
            what=what,
            kind=AccessKind.VIEW,
            subject=online_request.reference,
        )
    return _detail(request, online_request)


@roles(STAFF)
@require_POST
def accept(request: HttpRequest, reference: str) -> HttpResponse:
    online_request = selectors.request_for(_membership(request), reference)
    form = AcceptForm(request.POST, has_duplicates=bool(_duplicates(online_request)))
    if not form.is_valid():
        return _detail(request, online_request, accept_form=form, status=400)
    try:
        case = services.accept_request(online_request, by=_user(request))
    except services.RequestError as problem:
        return _detail(request, online_request, error=str(problem), status=400)
    messages.success(
        request, f"Request {online_request.reference} accepted: case {case.reference} created."
    )
    return redirect(case)


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def reject(request: HttpRequest, reference: str) -> HttpResponse:
    online_request = selectors.request_for(_membership(request), reference)
    if not online_request.is_new:
        return redirect("portal:inbox_request", reference=online_request.reference)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject_request(online_request, form.cleaned_data["reason"], by=_user(request))
        except services.RequestError as problem:
            form.add_error("reason", str(problem))
        else:
            told = (
                " The family has been emailed the reason."
                if online_request.email
                else (" They gave no email address: phone them to tell them the reason.")
            )
            messages.success(request, f"Request {online_request.reference} rejected.{told}")
            return redirect("portal:inbox")
    return render(
        request,
        "portal/inbox/reject.html",
        {"item": online_request, "form": form},
        status=400 if request.method == "POST" else 200,
    )
