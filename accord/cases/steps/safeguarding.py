"""Steps for safeguarding concerns, at any stage of the case: raising one, recording who was
told, closing it with its outcome. For the service's staff and the mediator only: never the
officers, the family or a supporter (accord.cases.concerns)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from accord.cases import selectors, services
from accord.cases.concerns import SafeguardingConcern
from accord.cases.forms.safeguarding import CloseConcernForm, ConcernForm, ToldForm
from accord.cases.models import Case
from accord.cases.steps import step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASEWORKERS, STAFF
from accord.rules import today_in_england

HINT = (
    "A safeguarding concern is the exception to the confidentiality of mediation. It is seen "
    "by the service's staff and the mediator only, never by the other parties."
)


def _told(d: dict[str, Any]) -> services.WhoWasTold:
    return services.WhoWasTold(
        lead_told_on=d.get("lead_told_on"),
        lead_name=d.get("lead_name", ""),
        childrens_services_told_on=d.get("childrens_services_told_on"),
        childrens_services_reference=d.get("childrens_services_reference", ""),
    )


@roles(CASEWORKERS)
def raise_concern(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.raise_concern(
            case,
            raised_on=d["raised_on"],
            raised_by=d["raised_by"],
            what=d["what"],
            told=_told(d),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        ConcernForm,
        "Raise a safeguarding concern",
        act,
        done="Safeguarding concern recorded",
        section="safeguarding",
        hint=HINT,
        initial={"raised_on": today_in_england()},
    )


def _concern(request: HttpRequest, reference: str, concern_id: int) -> SafeguardingConcern:
    case = selectors.case_for(membership_of(request), reference)
    return get_object_or_404(SafeguardingConcern, pk=concern_id, case=case)


@roles(STAFF)
def concern_told(request: HttpRequest, reference: str, concern_id: int) -> HttpResponse:
    concern = _concern(request, reference, concern_id)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.record_who_was_told(concern, _told(d), by=actor_of(request))

    return step_form(
        request,
        reference,
        ToldForm,
        f"Who was told of the concern raised on {concern.raised_on:%-d %B %Y}",
        act,
        done="Who was told recorded",
        section="safeguarding",
        initial={
            "lead_told_on": concern.lead_told_on,
            "lead_name": concern.lead_name,
            "childrens_services_told_on": concern.childrens_services_told_on,
            "childrens_services_reference": concern.childrens_services_reference,
        },
    )


@roles(STAFF)
def close_concern(request: HttpRequest, reference: str, concern_id: int) -> HttpResponse:
    concern = _concern(request, reference, concern_id)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.close_concern(
            concern, closed_on=d["closed_on"], outcome=d["outcome"], by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        CloseConcernForm,
        f"Close the concern raised on {concern.raised_on:%-d %B %Y}",
        act,
        done="Safeguarding concern closed",
        section="safeguarding",
        initial={"closed_on": today_in_england()},
    )
