"""Information and advice (product.md step 3): book the call (BOOK_MIAS), record it held
(HOLD_MIAS); the family's choice afterwards is the cases service."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.cases import services as case_services
from accord.cases.choices import FamilyChoice, Route
from accord.cases.states import CaseState, IllegalTransition
from accord.meetings import mias
from accord.meetings.errors import MeetingError
from accord.meetings.models import MiasCall
from accord.organisations.roles import Role
from tests.meetings.conftest import at, make_case

CALL_TIME = at(date(2026, 3, 5), 16, 30)


def book(world, case, **overrides):
    kwargs = {
        "scheduled_for": CALL_TIME,
        "adviser": world.user(Role.ADVISER),
        "phone_number": "01632 960001",
    }
    kwargs.update(overrides)
    return mias.book_mias_call(case, by=world.user(Role.COORDINATOR), **kwargs)


def test_booking_the_call_moves_a_triaged_case_to_mias_booked(world):
    case = make_case(world, stop_at="triaged")
    call = book(world, case)
    case.refresh_from_db()
    assert case.state == CaseState.MIAS_BOOKED
    assert call.scheduled_for == CALL_TIME
    assert call.adviser == world.user(Role.ADVISER)
    assert case.adviser == world.user(Role.ADVISER)
    event = case.timeline.get(kind="mias_booked")
    assert "5 March 2026 at 16:30" in event.summary


def test_booking_again_moves_the_waiting_call_instead_of_adding_one(world):
    case = make_case(world, stop_at="triaged")
    first = book(world, case)
    later = CALL_TIME + timedelta(days=1)
    second = book(world, case, scheduled_for=later)
    assert second.pk == first.pk
    assert MiasCall.objects.filter(case=case).count() == 1
    assert MiasCall.objects.get().scheduled_for == later
    assert "moved to" in case.timeline.filter(kind="mias_booked").first().summary


def test_recording_the_call_held_moves_to_awaiting_decision_then_the_family_chooses(world):
    case = make_case(world, stop_at="triaged")
    book(world, case)
    call = mias.record_mias_held(
        case, held_on=date(2026, 3, 5), notes="Explained both routes.", by=world.user(Role.ADVISER)
    )
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_DECISION
    assert call.held_on == date(2026, 3, 5)
    assert call.notes == "Explained both routes."
    case_services.record_family_choice(
        case, FamilyChoice.CERTIFICATE, date(2026, 3, 6), by=world.user(Role.ADVISER)
    )
    case.refresh_from_db()
    assert case.state == CaseState.CERTIFICATE_DUE


def test_advice_given_on_the_first_call_needs_no_booking(world):
    case = make_case(world, stop_at="triaged")
    mias.record_mias_held(case, held_on=date(2026, 3, 3), by=world.user(Role.ADVISER))
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_DECISION
    assert MiasCall.objects.get(case=case).adviser == world.user(Role.ADVISER)


@pytest.mark.parametrize("stop_at", ["enquiry", "arranging"])
def test_booking_the_call_outside_triage_is_an_illegal_transition(world, stop_at):
    case = make_case(world, stop_at=stop_at)
    with pytest.raises(IllegalTransition):
        book(world, case)
    assert not MiasCall.objects.exists()


def test_the_call_cannot_be_held_twice(world):
    case = make_case(world, stop_at="triaged")
    mias.record_mias_held(case, held_on=date(2026, 3, 3), by=world.user(Role.ADVISER))
    with pytest.raises(IllegalTransition):
        mias.record_mias_held(case, held_on=date(2026, 3, 4), by=world.user(Role.ADVISER))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"adviser_role": Role.MEDIATOR}, "is not a mediation adviser"),
        ({"phone_number": "  "}, "phone number"),
    ],
)
def test_booking_checks_the_adviser_and_the_phone_number(world, change, message):
    case = make_case(world, stop_at="triaged")
    overrides = {}
    if "adviser_role" in change:
        overrides["adviser"] = world.user(change["adviser_role"])
    if "phone_number" in change:
        overrides["phone_number"] = change["phone_number"]
    with pytest.raises(MeetingError, match=message):
        book(world, case, **overrides)
    case.refresh_from_db()
    assert case.state == CaseState.TRIAGED


def test_disagreement_resolution_has_no_information_and_advice_call(world):
    case = make_case(world, route=Route.DISAGREEMENT_RESOLUTION, stop_at="triaged")
    with pytest.raises(MeetingError, match="mediation route"):
        book(world, case)


def test_a_call_cannot_be_recorded_as_held_in_the_future(world):
    case = make_case(world, stop_at="triaged")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(MeetingError, match="today or in the past"):
        mias.record_mias_held(case, held_on=tomorrow, by=world.user(Role.ADVISER))


# --- dates checked against the decision letter (SEND Regs reg 33) --------------------------------


def test_a_call_cannot_be_booked_before_the_decision_letter_was_sent(world):
    case = make_case(world, stop_at="triaged")  # the decision letter went on 20 February 2026
    with pytest.raises(MeetingError, match="before the decision letter") as refused:
        book(world, case, scheduled_for=at(date(2026, 2, 19), 10))
    assert refused.value.field == "call_on"
    assert "20 February 2026" in str(refused.value)
    case.refresh_from_db()
    assert case.state == CaseState.TRIAGED
    assert not MiasCall.objects.exists()
    book(world, case, scheduled_for=at(date(2026, 2, 20), 10))  # the same day is fine


def test_advice_cannot_be_recorded_as_given_before_the_decision_letter(world):
    case = make_case(world, stop_at="triaged")
    with pytest.raises(MeetingError, match="before the decision letter") as refused:
        mias.record_mias_held(case, held_on=date(2026, 2, 1), by=world.user(Role.ADVISER))
    assert refused.value.field == "held_on"


def test_the_booking_form_shows_the_refusal_at_the_date_of_the_call(world, client_for):
    case = make_case(world, stop_at="triaged")
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:book_mias", args=[case.reference]),
        {
            "version": case.version,
            "call_on": "2026-02-19",
            "call_at": "10:00",
            "adviser": world.user(Role.ADVISER).pk,
            "phone_number": "01632 960001",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_call_on-day"' in summary
    assert "before the decision letter was sent on 20 February 2026" in summary
    assert not MiasCall.objects.exists()


def test_the_held_form_refuses_a_date_in_the_future_at_the_field(world, client_for):
    case = make_case(world, stop_at="triaged")
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(Role.ADVISER).post(
        reverse("meetings:mias_held", args=[case.reference]),
        {"version": case.version, "held_on": tomorrow.isoformat()},
    )
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_held_on-day"' in summary
    assert "today or in the past" in summary
