"""What an officer of the LA or ICB does on a case their body is a party to: answer the
invitation to disagreement resolution, name who will attend for their body and confirm each
has authority to settle the issues (SEND Regs reg 38). Each page acts for the officer's own
body only: the people on the case with the officer's party role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from accord.cases import selectors, services
from accord.cases.choices import PartyRole
from accord.cases.forms.officers import AuthorityForm, BodyAttendeeForm, DrInvitationForm
from accord.cases.models import Case, Party
from accord.cases.steps import step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import OFFICERS
from accord.rules import today_in_england


def body_of(request: HttpRequest) -> PartyRole:
    """The party role the signed-in officer acts in: an LA or an ICB officer."""
    return services.OFFICER_PARTY_ROLES[membership_of(request).role_enum]


@roles(OFFICERS)
def dr_invitation(request: HttpRequest, reference: str) -> HttpResponse:
    body = body_of(request)

    def act(case: Case, d: dict[str, Any]) -> None:
        services.answer_dr_invitation(
            case, body, d["accepts"], today_in_england(), d["reason"], by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        DrInvitationForm,
        "Answer the invitation to disagreement resolution",
        act,
        done="Your answer to the invitation recorded",
        section="people",
        hint="Disagreement resolution is voluntary for everyone taking part (SEND Code of "
        "Practice 11.6).",
    )


@roles(OFFICERS)
def name_attendee(request: HttpRequest, reference: str) -> HttpResponse:
    return body_attendee_form(
        request, reference, body_of(request), "Name who will attend for your organisation"
    )


def body_attendee_form(
    request: HttpRequest, reference: str, body: PartyRole, title: str
) -> HttpResponse:
    """Who will attend for the body: one of its officers or contacts, or someone else."""
    case = selectors.case_for(membership_of(request), reference)
    people = selectors.body_people(case, body)

    def act(c: Case, d: dict[str, Any]) -> None:
        services.name_body_attendee(c, body, by=actor_of(request), **d)

    return step_form(
        request,
        reference,
        BodyAttendeeForm,
        title,
        act,
        form_kwargs={"people": people},
        initial={"chosen": people[0].choice} if len(people) == 1 else None,
        done="Attendee named",
        section="people",
        hint="The local authority, and the ICB where health care is in issue, must attend "
        "with someone who can agree to settle the issues (SEND Regs reg 38).",
    )


@roles(OFFICERS)
def confirm_authority(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case, role=body_of(request))

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.confirm_authority(party, d["has_authority_to_settle"], by=actor_of(request))

    return step_form(
        request,
        reference,
        AuthorityForm,
        f"Authority to settle: {party.name}",
        act,
        done=f"Authority to settle recorded for {party.name}",
        section="people",
        initial={"has_authority_to_settle": party.has_authority_to_settle},
    )
