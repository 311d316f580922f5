"""Steps for the young person as the party (CFA 2014 ss.80, 83): whether a parent or carer
goes on taking part with the young person's consent, and their capacity for a decision."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from accord.cases import selectors, services
from accord.cases.choices import PartyRole
from accord.cases.forms.young_person import CapacityForm, YoungPersonConsentForm
from accord.cases.models import Case, Party
from accord.cases.steps import step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import STAFF
from accord.rules import today_in_england


@roles(STAFF)
def young_person_consent(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case, role=PartyRole.PARENT_CARER)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.record_young_person_consent(
            party, consents=d["consents"] == "yes", on=d.get("consented_on"), by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        YoungPersonConsentForm,
        f"Does the young person agree that {party.name} takes part?",
        act,
        done="The young person's answer recorded",
        section="people",
        hint="From the end of compulsory school age the rights are the young person's own "
        "(Children and Families Act 2014 s.83). A parent or carer goes on taking part only "
        "with their agreement, or when acting for them where they lack capacity.",
        initial={
            "consents": "yes" if party.young_person_consented_on else "",
            "consented_on": party.young_person_consented_on or today_in_england(),
        },
    )


@roles(STAFF)
def record_capacity(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)
    parties = case.parties.filter(role__in=[PartyRole.PARENT_CARER, PartyRole.REPRESENTATIVE])

    def act(c: Case, d: dict[str, Any]) -> None:
        services.record_capacity(
            c,
            services.Capacity(
                decision=d["decision"],
                assessed_on=d["assessed_on"],
                assessed_by=d["assessed_by"],
                outcome=d["outcome"],
                evidence=d["evidence"],
                review_on=d["review_on"],
                acts_for_them=d.get("acts_for_them"),
                acts_as=d.get("acts_as", ""),
            ),
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        CapacityForm,
        "Record the young person's capacity for a decision",
        act,
        done="Capacity assessment recorded",
        section="young-person",
        form_kwargs={"parties": parties},
        hint="Capacity is presumed, and is for one decision at one time (Mental Capacity Act "
        "2005 ss.1-3). Where the young person lacks it, their parent, a deputy or an attorney "
        "acts for them (Children and Families Act 2014 s.80).",
        initial={"assessed_on": today_in_england()},
    )
