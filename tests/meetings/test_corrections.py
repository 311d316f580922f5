"""The advice call's date, who attended and the agreed actions done are corrected like every
recorded fact (accord.cases.corrections), with the original step's checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accord import rules
from accord.cases import services as case_services
from accord.documents import services as document_services
from accord.documents.services import ItemData
from accord.meetings import services as meeting_services
from accord.meetings.models import MiasCall
from accord.organisations.roles import Role
from tests.documents.conftest import CHOICE_ON, DECISION_SENT, MEETING_DAY, make_case

pytestmark = pytest.mark.django_db


def test_the_day_advice_was_given_is_corrected_within_the_letter_and_the_choice(world, client_for):
    case = make_case(world, "declined")
    call = MiasCall.objects.create(case=case, adviser=world.user(Role.ADVISER), held_on=CHOICE_ON)
    adviser = world.user(Role.ADVISER)
    # SEND Regs 2014 reg 33: information and advice is about the decision in the letter.
    with pytest.raises(case_services.CaseError, match="before the decision letter was sent"):
        case_services.correct_fact(
            case,
            "advice_given_on",
            DECISION_SENT - timedelta(days=1),
            "x",
            by=adviser,
            target=call.pk,
        )
    with pytest.raises(case_services.CaseError, match="cannot have been given later"):
        case_services.correct_fact(
            case, "advice_given_on", CHOICE_ON + timedelta(days=1), "x", by=adviser, target=call.pk
        )
    page = client_for(Role.ADVISER).get(case.get_absolute_url()).content.decode()
    url = reverse("cases:correct", args=[case.reference, "advice_given_on", call.pk])
    assert url in page
    answer = client_for(Role.ADVISER).post(
        url,
        {"version": case.version, "value": CHOICE_ON - timedelta(days=2), "reason": "Call log"},
    )
    assert answer.status_code == 302
    call.refresh_from_db()
    assert call.held_on == CHOICE_ON - timedelta(days=2)
    assert case.timeline.filter(kind="fact_corrected", summary__contains="Call log").exists()


def test_who_attended_is_corrected_after_the_meeting(world, client_for):
    case = make_case(world, "follow_up")
    coordinator = world.user(Role.COORDINATOR)
    meeting = case.meetings.get()
    meeting_services.set_attendees(meeting, case.parties.all(), by=coordinator, notify=False)
    attendee = meeting.attendees.first()
    meeting_services.record_attendance(meeting, {attendee.pk: True}, by=coordinator)
    page = client_for(Role.MEDIATOR).get(case.get_absolute_url()).content.decode()
    url = reverse("cases:correct", args=[case.reference, "attended", attendee.pk])
    assert url in page
    case.refresh_from_db()
    client_for(Role.MEDIATOR).post(
        url, {"version": case.version, "value": "no", "reason": "Sent apologies on the day"}
    )
    attendee.refresh_from_db()
    assert attendee.attended is False
    event = case.timeline.get(kind="fact_corrected")
    # The change sits beside the reason; PostgreSQL's jsonb keeps no key order.
    assert ["Attended", "Did not attend"] in event.changes.values()


def test_the_day_an_agreed_action_was_done_is_corrected_and_its_clock_follows(world):
    case = make_case(world, "follow_up")
    mediator = world.user(Role.MEDIATOR)
    agreement = document_services.start_agreement(case, by=mediator)
    item = document_services.add_item(
        agreement,
        ItemData(
            decided="The plan will describe speech and language needs.",
            action="The LA will amend the plan",
            responsible="Kent County Council",
            action_kind=rules.PostAgreementAction.AMEND_PLAN.value,
        ),
        by=mediator,
    )
    document_services.issue_agreement(agreement, by=mediator, notify=False)
    document_services.mark_item_done(item, MEETING_DAY + timedelta(days=50), by=mediator)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(case_services.CaseError, match="on or after 7 April 2026"):
        case_services.correct_fact(
            case,
            "action_done_on",
            MEETING_DAY - timedelta(days=1),
            "x",
            by=coordinator,
            target=item.pk,
        )
    done = date(2026, 5, 1)
    case_services.correct_fact(
        case,
        "action_done_on",
        done,
        "The LA's letter is dated 1 May",
        by=coordinator,
        target=item.pk,
    )
    item.refresh_from_db()
    assert item.done_on == done
    # SEND Regs 2014 reg 44: amended within 5 weeks, now met in time.
    row = case.clock_rows.get(key=f"agreement_item_{item.pk}")
    assert row.done_on == done and row.done_on <= row.due_on


def test_a_meeting_held_a_day_early_is_put_right_and_then_its_outcome_date(world, client_for):
    # Before: the concluded date could not go before the booked day (reg 39 clock), a dead end.
    case = make_case(world, "follow_up")
    meeting = case.meetings.get()
    coordinator = world.user(Role.COORDINATOR)
    earlier = MEETING_DAY - timedelta(days=1)
    with pytest.raises(case_services.CaseError, match="on or after 7 April 2026"):
        case_services.correct_fact(case, "mediation_concluded_on", earlier, "x", by=coordinator)
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    url = reverse("cases:correct", args=[case.reference, "meeting_day", meeting.pk])
    assert url in page
    with pytest.raises(case_services.CaseError, match="concluded on 7 April 2026"):
        case_services.correct_fact(
            case,
            "meeting_day",
            MEETING_DAY + timedelta(days=1),
            "x",
            by=coordinator,
            target=meeting.pk,
        )
    case_services.correct_fact(
        case, "meeting_day", earlier, "Held a day early", by=coordinator, target=meeting.pk
    )
    meeting.refresh_from_db()
    assert rules.date_in_england(meeting.starts_at) == earlier
    case_services.correct_fact(
        case, "mediation_concluded_on", earlier, "Held a day early", by=coordinator
    )
    case.refresh_from_db()
    # SEND Regs 2014 reg 39: the certificate is due 3 working days after the meeting concluded.
    assert case.clock_rows.get(key="certificate_after_mediation").due_on == rules.certificate_due(
        earlier
    )
