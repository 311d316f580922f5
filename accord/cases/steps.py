"""Casework steps: each a one-form page that calls one service (style.md #3, #4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accord.cases import forms as case_forms
from accord.cases import selectors, services
from accord.cases.audit import record_case_read
from accord.cases.models import Case, ChildView, Party
from accord.cases.states import IllegalTransition
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASEWORKERS, STAFF, Role
from accord.rules import today_in_england


def step_form(
    request: HttpRequest,
    reference: str,
    form_class: type[forms.Form],
    title: str,
    action: Callable[[Case, dict[str, Any]], Any],
    *,
    form_kwargs: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    hint: str = "",
) -> HttpResponse:
    membership = membership_of(request)
    case = selectors.case_for(membership, reference)
    kwargs = dict(form_kwargs or {})
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
    else:
        form = form_class(initial={"version": case.version, **(initial or {})}, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(case, form.cleaned_data)
        except (services.CaseError, IllegalTransition) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{title}: saved.")
            return redirect(case)
    return render(
        request,
        "cases/step.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "hint": hint,
        },
        status=200 if request.method == "GET" or not form.errors else 400,
    )


def _version(data: dict[str, Any]) -> int | None:
    return data.get("version")


@roles(STAFF)
def confirm_route(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.confirm_route(case, d["route"], d["reason"], _version(d), by=actor_of(request))

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        case_forms.RouteForm,
        "Confirm the route",
        act,
        initial={"route": case.route or case.suggested_route},
        hint=f"Suggested from the facts: {case.get_suggested_route_display()}.",
    )


@roles(STAFF)
def family_choice(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_family_choice(
            case,
            d["choice"],
            d["on"],
            la_notified_on=d["la_notified_on"],
            expected_version=_version(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        case_forms.FamilyChoiceForm,
        "Record the family's decision",
        act,
        initial={"on": today_in_england()},
        hint="After information and advice the family chooses mediation, or a "
        "certificate so they can appeal (SEND Regs regs 33–34).",
    )


@roles(STAFF)
def la_notified(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_la_notified(
            case,
            d["la_notified_on"],
            d["health_body_notified_on"],
            _version(d),
            by=actor_of(request),
        )

    return step_form(
        request, reference, case_forms.LaNotifiedForm, "Record when the LA was told", act
    )


@roles(STAFF)
def start_dr(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.start_disagreement_resolution(case, _version(d), by=actor_of(request))

    return step_form(
        request,
        reference,
        case_forms.VersionedForm,
        "Start arranging disagreement resolution",
        act,
        hint="Disagreement resolution is voluntary: record each party's agreement to "
        "take part (SEND Code of Practice 11.6).",
    )


@roles(STAFF)
def cannot_hold(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.mediation_cannot_be_held(case, d["told_on"], _version(d), by=actor_of(request))

    return step_form(
        request,
        reference,
        case_forms.CannotHoldForm,
        "Mediation cannot be held within 30 days",
        act,
        initial={"told_on": today_in_england()},
        hint="A certificate is then due within 3 working days (SEND Regs reg 37).",
    )


@roles(CASEWORKERS)
def record_outcome(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_outcome(
            case, d["outcome"], d["concluded_on"], _version(d), by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        case_forms.OutcomeForm,
        "Record the meeting outcome",
        act,
        initial={"concluded_on": today_in_england()},
    )


@roles(STAFF)
def close(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.close_case(
            case, d["outcome"], d["reason"], expected_version=_version(d), by=actor_of(request)
        )

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        case_forms.CloseForm,
        "Close the case",
        act,
        initial={"outcome": case.outcome},
    )


@roles(STAFF)
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.reopen_case(case, d["reason"], _version(d), by=actor_of(request))

    return step_form(request, reference, case_forms.ReopenForm, "Reopen the case", act)


@roles(STAFF)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    membership = membership_of(request)

    def act(case: Case, d: dict[str, Any]) -> None:
        services.assign(
            case,
            coordinator=d["coordinator"],
            adviser=d["adviser"],
            mediator=d["mediator"],
            expected_version=_version(d),
            by=actor_of(request),
        )

    case = selectors.case_for(membership, reference)
    return step_form(
        request,
        reference,
        case_forms.AssignForm,
        "Assign people",
        act,
        form_kwargs={"provider": membership.provider},
        initial={
            "coordinator": case.coordinator_id,
            "adviser": case.adviser_id,
            "mediator": case.mediator_id,
        },
    )


@roles(STAFF)
def risk_assessment(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.update_case_details(
            case,
            {
                "risk_level": d["risk_level"],
                "risk_notes": d["risk_notes"],
                "risk_assessed_on": d["risk_assessed_on"],
            },
            _version(d),
            by=actor_of(request),
        )

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        case_forms.RiskForm,
        "Risk assessment",
        act,
        initial={
            "risk_level": case.risk_level,
            "risk_notes": case.risk_notes,
            "risk_assessed_on": case.risk_assessed_on or today_in_england(),
        },
    )


@roles(STAFF)
def decision_date(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.update_case_details(
            case,
            {"decision_notice_sent_on": d["decision_notice_sent_on"]},
            _version(d),
            by=actor_of(request),
        )

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        case_forms.DecisionDateForm,
        "Change the date of the decision letter",
        act,
        initial={"decision_notice_sent_on": case.decision_notice_sent_on},
        hint="Every deadline that depends on it is worked out again.",
    )


@roles(STAFF)
def add_party(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_party(case, by=actor_of(request), **d)

    return step_form(request, reference, case_forms.PartyForm, "Add a person", act)


@roles(STAFF)
def edit_party(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.update_party(party, by=actor_of(request), **d)

    fields = case_forms.PartyForm.base_fields
    return step_form(
        request,
        reference,
        case_forms.PartyForm,
        f"Change {party.name}'s details",
        act,
        initial={name: getattr(party, name) for name in fields},
    )


@roles(STAFF)
def dr_consent(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.record_dr_consent(party, d["consents"], d["on"], by=actor_of(request))

    return step_form(
        request,
        reference,
        case_forms.DrConsentForm,
        f"Does {party.name} agree to take part?",
        act,
        initial={"on": today_in_england()},
    )


@roles(STAFF | {Role.MEDIATOR})
def add_note(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_note(case, d["text"], by=actor_of(request))

    return step_form(request, reference, case_forms.NoteForm, "Add a confidential note", act)


@roles(CASEWORKERS)
def add_child_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_child_view(case, d["kind"], d["text"], d["upload"], by=actor_of(request))

    return step_form(
        request, reference, case_forms.ChildViewForm, "Add the child's or young person's views", act
    )


@roles(CASEWORKERS)
def child_view_file(request: HttpRequest, reference: str, view_id: int) -> FileResponse:
    case = selectors.case_for(membership_of(request), reference)
    view = get_object_or_404(ChildView, pk=view_id, case=case)
    if not view.file:
        raise Http404("No file")
    record_case_read(case, by=actor_of(request), what=f"downloaded child's view {view.pk}")
    return FileResponse(
        view.file.open("rb"), as_attachment=True, filename=view.file.name.rsplit("/", 1)[-1]
    )
