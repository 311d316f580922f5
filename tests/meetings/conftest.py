"""Cases taken through the journey to the point a meeting is booked, and meeting details.

Dates are fixed in the past so the tests never depend on today's date: Tuesday 7 April 2026 is
the day after Easter Monday, so counting back from it crosses a weekend and two bank holidays.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from accord.cases import services as case_services
from accord.cases.choices import FamilyChoice, PartyRole, Route
from accord.cases.models import Case, Party
from accord.meetings.details import MeetingDetails
from accord.meetings.forms import london
from accord.meetings.models import MeetingFormat, MeetingKind
from accord.organisations.roles import Role

MEETING_DAY = date(2026, 4, 7)
LA_NOTIFIED = date(2026, 3, 20)  # the 30 days run to 19 April 2026
CHILD_FIRST, CHILD_LAST = "Zebedee", "Quartermain"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return london(day, time(hour, minute))


def make_case(
    world,
    *,
    route: str = Route.MEDIATION,
    la_notified_on: date | None = LA_NOTIFIED,
    stop_at: str = "arranging",
    child_last_name: str = CHILD_LAST,
) -> Case:
    """A case at 'enquiry', 'triaged' or 'arranging' (mediation or DR)."""
    coordinator = world.user(Role.COORDINATOR)
    dr = route == Route.DISAGREEMENT_RESOLUTION
    case = case_services.create_enquiry(
        world.provider,
        case_services.EnquiryData(
            local_authority=world.la,
            decision_kind="non_ehc_disagreement" if dr else "plan_content",
            decision_sections=[] if dr else ["b", "f"],
            disagreement_with="school" if dr else "",
            child_first_name=CHILD_FIRST,
            child_last_name=child_last_name,
            child_date_of_birth=date(2015, 6, 1),
            contact_name="Jo Parent",
            contact_email="jo.parent@example.com",
            contact_phone="01632 960001",
            received_on=date(2026, 3, 2),
            decision_notice_sent_on=None if dr else date(2026, 2, 20),
        ),
        by=coordinator,
    )
    if stop_at == "enquiry":
        return case
    case_services.confirm_route(case, route, by=coordinator)
    if stop_at == "triaged":
        return case
    if dr:
        case_services.start_disagreement_resolution(case, by=coordinator)
    else:
        case_services.record_family_choice(
            case,
            FamilyChoice.MEDIATION,
            la_notified_on or date(2026, 3, 19),
            la_notified_on=la_notified_on,
            by=world.user(Role.ADVISER),
        )
    case.refresh_from_db()
    return case


def add_party(world, case: Case, role: str, name: str, email: str = "", **fields) -> Party:
    return case_services.add_party(
        case, role=role, name=name, email=email, by=world.user(Role.COORDINATOR), **fields
    )


def la_officer(world, case: Case, *, authority: bool = True) -> Party:
    return add_party(
        world,
        case,
        PartyRole.LA_OFFICER,
        "Pat Officer",
        "pat.officer@council.example",
        organisation="Kent County Council",
        has_authority_to_settle=authority,
    )


def details(world, **overrides) -> MeetingDetails:
    base = MeetingDetails(
        kind=MeetingKind.MEDIATION,
        format=MeetingFormat.ONLINE,
        starts_at=at(MEETING_DAY, 10),
        ends_at=at(MEETING_DAY, 15),
        mediator=world.user(Role.MEDIATOR),
        online_link="https://meet.example.com/abc-defg-hij",
        online_meeting_id="123 456 789",
        online_passcode="sunflower",
    )
    return replace(base, **overrides)


@pytest.fixture
def case(world) -> Case:
    return make_case(world)


@pytest.fixture
def coordinator(world):
    return world.user(Role.COORDINATOR)


@pytest.fixture
def mediator(world):
    return world.user(Role.MEDIATOR)
