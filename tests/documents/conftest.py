"""Cases taken through the journey to the point a document is due, built with the services.

Dates are fixed in the past so the tests never depend on today's date. The decision letter
went on Monday 2 March 2026; 2 months later is Saturday 2 May, and Monday 4 May 2026 is the
Early May bank holiday, so the appeal deadline rolls to Tuesday 5 May 2026.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from accord.cases import services as case_services
from accord.cases.choices import FamilyChoice, NotPursuedHow, PartyRole, Route
from accord.cases.models import Case
from accord.documents import services as document_services
from accord.documents.models import Agreement
from accord.documents.services import ItemData
from accord.meetings import services as meeting_services
from accord.meetings.details import MeetingDetails
from accord.meetings.models import Meeting, MeetingFormat, MeetingKind
from accord.organisations.roles import Role

DECISION_SENT = date(2026, 3, 2)
RECEIVED = date(2026, 3, 9)
CHOICE_ON = date(2026, 3, 16)
ISSUED_ON = date(2026, 3, 18)
MEETING_DAY = date(2026, 4, 7)
CANNOT_HOLD_ON = date(2026, 4, 10)
# Wednesday before Easter: the reg 34 certificate is due Wednesday 8 April 2026.
NOT_PURSUED_ON = date(2026, 4, 1)
CHILD_FIRST, CHILD_LAST = "Zebedee", "Quartermain"
PARENT = "Jo Parentname"
OFFICER = "Dana Officer"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def make_case(
    world,
    stop_at: str = "declined",
    *,
    outcome: str = "partial",
    route: str = Route.MEDIATION,
    child_last_name: str = CHILD_LAST,
    decision_sent: date | None = DECISION_SENT,
) -> Case:
    """A case at 'declined' (certificate due, reg 34), 'not_pursued' (mediation chosen, then the
    family stopped replying: certificate due, reg 34), 'cannot_hold' (certificate due, reg 37),
    'arranging', or 'follow_up' (meeting held and outcome recorded)."""
    coordinator = world.user(Role.COORDINATOR)
    case = case_services.create_enquiry(
        world.provider,
        case_services.EnquiryData(
            local_authority=world.la,
            health_body=world.icb,
            decision_kind="refuse_to_issue_plan"
            if route != Route.DISAGREEMENT_RESOLUTION
            else "non_ehc_disagreement",
            disagreement_with="" if route != Route.DISAGREEMENT_RESOLUTION else "school",
            child_first_name=CHILD_FIRST,
            child_last_name=child_last_name,
            child_date_of_birth=date(2015, 5, 1),
            contact_name=PARENT,
            contact_role=PartyRole.PARENT_CARER,
            contact_email="parent@example.com",
            received_on=RECEIVED,
            decision_notice_sent_on=decision_sent,
        ),
        by=coordinator,
    )
    case_services.add_party(
        case,
        role=PartyRole.LA_OFFICER,
        name=OFFICER,
        organisation=world.la.name,
        email="dana.officer@council.example",
        by=coordinator,
    )
    case_services.assign(case, mediator=world.user(Role.MEDIATOR), by=coordinator)
    case_services.confirm_route(case, route, by=coordinator)
    if route == Route.DISAGREEMENT_RESOLUTION:
        case_services.start_disagreement_resolution(case, by=coordinator)
        for party in case.parties.all():
            # Disagreement resolution starts today, so each answer is today's.
            case_services.record_dr_consent(party, True, case.dr_started_on, by=coordinator)
    elif stop_at == "declined":
        case_services.record_family_choice(
            case, FamilyChoice.CERTIFICATE, CHOICE_ON, by=coordinator
        )
        return case
    else:
        case_services.record_family_choice(
            case, FamilyChoice.MEDIATION, CHOICE_ON, la_notified_on=CHOICE_ON, by=coordinator
        )
    if stop_at == "arranging":
        return case
    if stop_at == "not_pursued":
        case_services.record_mediation_not_pursued(
            case, NOT_PURSUED_ON, NotPursuedHow.NO_REPLY, attempts=3, by=coordinator
        )
        return case
    if stop_at == "cannot_hold":
        case_services.mediation_cannot_be_held(case, CANNOT_HOLD_ON, by=coordinator)
        return case
    kind = (
        MeetingKind.DISAGREEMENT_RESOLUTION
        if route == Route.DISAGREEMENT_RESOLUTION
        else (MeetingKind.MEDIATION)
    )
    # One-hour slots on the same day, so the one mediator is never double-booked.
    slot = 7 + Meeting.objects.count()
    meeting_services.book_meeting(
        case,
        MeetingDetails(
            kind=kind,
            format=MeetingFormat.IN_PERSON,
            starts_at=_at(MEETING_DAY, slot),
            ends_at=_at(MEETING_DAY, slot + 1),
            mediator=world.user(Role.MEDIATOR),
            venue="Oak Room, Civic Centre",
        ),
        confirm_after_deadline=True,
        notify=False,
        by=coordinator,
    )
    case_services.record_outcome(case, outcome, MEETING_DAY, by=world.user(Role.MEDIATOR))
    return case


@pytest.fixture
def declined_case(world) -> Case:
    return make_case(world, "declined")


@pytest.fixture
def mediated_case(world) -> Case:
    return make_case(world, "follow_up")


@pytest.fixture
def issued_agreement(world, mediated_case) -> Agreement:
    """An issued agreement of the mediated case, ready for its parties to sign."""
    mediator = world.user(Role.MEDIATOR)
    agreement = document_services.start_agreement(mediated_case, by=mediator)
    document_services.add_item(
        agreement,
        ItemData(
            decided="Weekly speech and language therapy.",
            action="The LA will amend section F.",
            responsible="Kent County Council SEN team",
        ),
        by=mediator,
    )
    return document_services.issue_agreement(agreement, notify=False, by=mediator)
