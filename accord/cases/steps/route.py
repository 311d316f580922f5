"""Steps of the route: the route confirmed, the family's choice, the LA told, disagreement
resolution started, mediation that cannot be held or is no longer pursued."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from accord.cases import selectors, services
from accord.cases.forms import VersionedForm
from accord.cases.forms.route import (
    CannotHoldForm,
    FamilyChoiceForm,
    LaNotifiedForm,
    NotPursuedCorrectionForm,
    NotPursuedForm,
    RouteForm,
)
from accord.cases.models import Case
from accord.cases.steps import shown_version, step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import STAFF
from accord.rules import today_in_england


@roles(STAFF)
def confirm_route(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.confirm_route(
            case, d["route"], d["reason"], shown_version(d), by=actor_of(request)
        )

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        RouteForm,
        "Confirm the route",
        act,
        done="Route confirmed",
        section="next-steps",
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
            expected_version=shown_version(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        FamilyChoiceForm,
        "Record the family's decision",
        act,
        done="Family's decision recorded",
        section="next-steps",
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
            shown_version(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        LaNotifiedForm,
        "Record when the LA was told",
        act,
        done="Date the LA was told recorded",
        section="deadlines",
    )


@roles(STAFF)
def start_dr(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.start_disagreement_resolution(case, shown_version(d), by=actor_of(request))

    return step_form(
        request,
        reference,
        VersionedForm,
        "Start arranging disagreement resolution",
        act,
        done="Disagreement resolution started",
        section="next-steps",
        hint="Disagreement resolution is voluntary: record each party's agreement to "
        "take part (SEND Code of Practice 11.6).",
    )


@roles(STAFF)
def cannot_hold(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.mediation_cannot_be_held(
            case, d["told_on"], shown_version(d), by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        CannotHoldForm,
        "Mediation cannot be held within 30 days",
        act,
        done="Recorded that mediation cannot be held within 30 days",
        section="next-steps",
        initial={"told_on": today_in_england()},
        hint="A certificate is then due within 3 working days (SEND Regs reg 37).",
    )


@roles(STAFF)
def not_pursued(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_mediation_not_pursued(
            case,
            d["on"],
            d["how"],
            attempts=d["attempts"],
            note=d["note"],
            expected_version=shown_version(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        NotPursuedForm,
        "The family is no longer pursuing mediation",
        act,
        done="Recorded that the family is no longer pursuing mediation",
        section="next-steps",
        initial={"on": today_in_england()},
        hint="A family who chose mediation and then withdraws or stops replying gets a "
        "certificate within 3 working days of the adviser learning it (SEND Regs reg 34). If a "
        "meeting is booked, cancel it first.",
    )


@roles(STAFF)
def correct_not_pursued(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        undo = d["change"] == NotPursuedCorrectionForm.UNDO
        services.correct_mediation_not_pursued(
            case,
            d["reason"],
            on=None if undo else d["on"],
            expected_version=shown_version(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        NotPursuedCorrectionForm,
        "Correct the record that the family is no longer pursuing mediation",
        act,
        done="Record corrected",
        section="next-steps",
        hint="Only while the certificate is still due. The reason is kept in the case history.",
    )
