"""Steps for the people on a case: staff assigned, parties added and changed, a party's consent
to disagreement resolution, the child's or young person's views."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from accord.cases import selectors, services
from accord.cases.audit import record_case_read
from accord.cases.choices import AccessKind, PartyRole
from accord.cases.forms.people import (
    AssignForm,
    ChildViewForm,
    DrConsentForm,
    PartyEditForm,
    PartyForm,
)
from accord.cases.models import Case, ChildView, Party
from accord.cases.steps import shown_version, step_form
from accord.cases.steps.officers import body_attendee_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASEWORKERS, STAFF
from accord.rules import today_in_england

FORM = AccessKind.FORM


@roles(STAFF)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    membership = membership_of(request)

    def act(case: Case, d: dict[str, Any]) -> None:
        services.assign(
            case,
            coordinator=d["coordinator"],
            adviser=d["adviser"],
            mediator=d["mediator"],
            expected_version=shown_version(d),
            by=actor_of(request),
        )

    case = selectors.case_for(membership, reference)
    return step_form(
        request,
        reference,
        AssignForm,
        "Assign people",
        act,
        done="People assigned",
        section="next-steps",
        form_kwargs={"provider": membership.provider},
        initial={
            "coordinator": case.coordinator_id,
            "adviser": case.adviser_id,
            "mediator": case.mediator_id,
        },
    )


@roles(STAFF)
def add_party(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_party(case, by=actor_of(request), **d)

    return step_form(
        request, reference, PartyForm, "Add a person", act, done="Person added", section="people"
    )


@roles(STAFF)
def add_body_attendee(request: HttpRequest, reference: str, body: str) -> HttpResponse:
    """Staff add who attends for the LA or the ICB, chosen from its officers and contacts."""
    role = {"la": PartyRole.LA_OFFICER, "icb": PartyRole.ICB_OFFICER}.get(body)
    if role is None:
        raise Http404("No such body")
    case = selectors.case_for(membership_of(request), reference)
    authority = case.local_authority if role == PartyRole.LA_OFFICER else case.health_body
    if authority is None:
        raise Http404("No ICB on this case")
    return body_attendee_form(request, reference, role, f"Add someone from {authority}")


@roles(STAFF)
def edit_party(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)
    record_case_read(
        case, by=actor_of(request), what=f"opened the details of person {party.pk}", kind=FORM
    )

    def act(_case: Case, d: dict[str, Any]) -> None:
        shown = d.pop("version")
        services.update_party(party, by=actor_of(request), expected_version=shown, **d)

    fields = PartyEditForm.base_fields
    return step_form(
        request,
        reference,
        PartyEditForm,
        f"Change {party.name}'s details",
        act,
        done=f"{party.name}'s details changed",
        section="people",
        initial={name: getattr(party, name) for name in fields},
    )


@roles(STAFF)
def dr_consent(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)

    def act(_case: Case, d: dict[str, Any]) -> None:
        if not d["consents"] and party.role in services.DR_INVITED_ROLES:
            # The LA, ICB or school declines: the case moves on (closed as declined).
            services.decline_dr(party, d["reason"], d["on"], by=actor_of(request))
        else:
            services.record_dr_consent(party, d["consents"], d["on"], by=actor_of(request))

    return step_form(
        request,
        reference,
        DrConsentForm,
        f"Does {party.name} agree to take part?",
        act,
        done=f"{party.name}'s answer recorded",
        section="people",
        initial={"on": today_in_england()},
    )


@roles(CASEWORKERS)
def add_child_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_child_view(
            case,
            d["kind"],
            d["text"],
            d["upload"],
            sharing=services.Sharing(
                d["shared_with"], d["sharing_agreed_by"], d["sharing_agreed_on"]
            ),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        ChildViewForm,
        "Add the child's or young person's views",
        act,
        done="Their views added",
        section="child-views",
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
