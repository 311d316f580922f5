"""A step records a date as its correction would accept it: nothing that has happened is dated
in the future, nor before what it follows (the family's choice, the enquiry, disagreement
resolution starting). Before, the correction pages refused such dates but the steps that first
recorded them did not: the LA "told" next month started a 30-day clock from a day still to come.

Each row: the step, the date it is given, the field the refusal names and what it says.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accord.cases import services
from accord.cases.choices import FamilyChoice, PartyRole, Route
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import new_enquiry
from tests.markup import parse

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 11, 2)
LETTER = date(2026, 10, 20)  # new_enquiry's decision letter
BORN = date(2016, 5, 2)  # and its child's date of birth
CHOSE = date(2026, 11, 9)


def _triaged(world) -> Case:
    case = new_enquiry(world)
    services.confirm_route(case, Route.MEDIATION, by=world.user(Role.ADVISER))
    return case


def _arranging(world) -> Case:
    """Mediation chosen on CHOSE; the LA's notice date not yet recorded."""
    case = _triaged(world)
    services.record_family_choice(case, FamilyChoice.MEDIATION, CHOSE, by=world.user(Role.ADVISER))
    case.refresh_from_db()
    return case


def _dr_started(world) -> Case:
    case = new_enquiry(world, decision_kind="non_ehc_disagreement", disagreement_with="school")
    coordinator = world.user(Role.COORDINATOR)
    services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, by=coordinator)
    services.add_party(case, role=PartyRole.SCHOOL_STAFF, name="Head of Oak", by=coordinator)
    services.start_disagreement_resolution(case, by=coordinator)
    case.refresh_from_db()
    return case


def _school(case: Case):
    return case.parties.get(role=PartyRole.SCHOOL_STAFF)


TOMORROW = object()  # today_in_england() + 1 day, worked out when the row runs
BEFORE_DR = object()  # the day before disagreement resolution started


def _certificate_chosen(w, case, day):
    services.record_family_choice(case, FamilyChoice.CERTIFICATE, day, by=w.user(Role.ADVISER))


def _mediation_chosen_la_told(w, case, day):
    services.record_family_choice(
        case, FamilyChoice.MEDIATION, CHOSE, la_notified_on=day, by=w.user(Role.ADVISER)
    )


def _la_told(w, case, day):
    services.record_la_notified(case, day, by=w.user(Role.COORDINATOR))


def _icb_told(w, case, day):
    services.record_la_notified(case, CHOSE, day, by=w.user(Role.COORDINATOR))


def _cannot_hold(w, case, day):
    services.mediation_cannot_be_held(case, day, by=w.user(Role.COORDINATOR))


def _dr_answer(w, case, day):
    services.record_dr_consent(_school(case), True, day, by=w.user(Role.COORDINATOR))


def _dr_decline(w, case, day):
    services.decline_dr(_school(case), "Not this term", day, by=w.user(Role.COORDINATOR))


def _party_date(field):
    def step(w, case, day):
        services.update_party(case.parties.get(), by=w.user(Role.COORDINATOR), **{field: day})

    return step


def _views_shared(w, case, day):
    services.add_child_view(
        case,
        "form",
        "I want to stay at my school.",
        sharing=services.Sharing(agreed_by="Alfie", agreed_on=day),
        by=w.user(Role.COORDINATOR),
    )


def _details(field):
    def step(w, case, day):
        services.update_case_details(case, {field: day}, by=w.user(Role.COORDINATOR))

    return step


def _enquiry_received_corrected(w, case, day):
    services.correct_fact(case, "received_on", day, "Typed wrongly", by=w.user(Role.COORDINATOR))


PAST = "today or in the past"
ROWS = [
    # (id, case, step, date, field refused, says)
    # SEND Regs 2014 reg 34: the certificate clock runs from the day the family decided.
    ("choice-in-future", _triaged, _certificate_chosen, TOMORROW, "on", PAST),
    (
        "choice-before-enquiry",
        _triaged,
        _certificate_chosen,
        RECEIVED - timedelta(days=1),
        "on",
        "when the enquiry was received",
    ),
    # Regs 35-37: the 30-day clock runs from the day the LA received the family's notice.
    ("la-told-with-choice-in-future", _triaged, _mediation_chosen_la_told, TOMORROW,
     "la_notified_on", PAST),
    ("la-told-before-choice", _triaged, _mediation_chosen_la_told, CHOSE - timedelta(days=1),
     "la_notified_on", "when the family decided"),
    ("la-told-in-future", _arranging, _la_told, TOMORROW, "la_notified_on", PAST),
    ("la-told-before-choice-later", _arranging, _la_told, CHOSE - timedelta(days=1),
     "la_notified_on", "when the family chose mediation"),
    ("icb-told-in-future", _arranging, _icb_told, TOMORROW, "health_body_notified_on", PAST),
    # Reg 37: the certificate clock runs from the day the LA said it cannot be held in time.
    ("cannot-hold-in-future", _arranging, _cannot_hold, TOMORROW, "told_on", PAST),
    ("cannot-hold-before-choice", _arranging, _cannot_hold, CHOSE - timedelta(days=1),
     "told_on", "when the family chose mediation"),
    # SEND Code of Practice 11.6: each party's answer to disagreement resolution.
    ("dr-answer-in-future", _dr_started, _dr_answer, TOMORROW, "on", PAST),
    ("dr-answer-before-start", _dr_started, _dr_answer, BEFORE_DR, "on", "when it was started"),
    ("dr-decline-in-future", _dr_started, _dr_decline, TOMORROW, "on", PAST),
    ("pre-meeting-contact-in-future", _arranging, _party_date("pre_meeting_on"), TOMORROW,
     "pre_meeting_on", PAST),
    ("statement-signed-before-enquiry", _arranging, _party_date("statement_agreed_on"),
     RECEIVED - timedelta(days=1), "statement_agreed_on", "when the enquiry was received"),
    ("views-sharing-agreed-in-future", _arranging, _views_shared, TOMORROW,
     "sharing_agreed_on", PAST),
    ("views-sharing-agreed-before-enquiry", _arranging, _views_shared,
     RECEIVED - timedelta(days=1), "sharing_agreed_on", "when the enquiry was received"),
    # The case's details, changed on their own page: checked as the steps check them.
    ("letter-after-enquiry", _triaged, _details("decision_notice_sent_on"),
     RECEIVED + timedelta(days=1), "decision_notice_sent_on", "after the enquiry was received"),
    ("letter-in-future", _triaged, _details("decision_notice_sent_on"), TOMORROW,
     "decision_notice_sent_on", PAST),
    ("risk-assessed-before-enquiry", _triaged, _details("risk_assessed_on"),
     RECEIVED - timedelta(days=1), "risk_assessed_on", "when the enquiry was received"),
    ("la-told-in-details-before-choice", _arranging, _details("la_notified_on"),
     CHOSE - timedelta(days=1), "la_notified_on", "when the family chose mediation"),
    # The enquiry's own date, corrected: not before the letter it is about (as it was taken).
    ("enquiry-before-letter", _triaged, _enquiry_received_corrected,
     LETTER - timedelta(days=1), "value", "received before it"),
    ("enquiry-before-birth", _triaged, _enquiry_received_corrected, BORN - timedelta(days=1),
     "value", "cannot have been received before that"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "step", "day", "field", "says"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_a_step_refuses_a_date_that_cannot_have_happened(world, make, step, day, field, says):
    case = make(world)
    if day is TOMORROW:
        day = today_in_england() + timedelta(days=1)
    elif day is BEFORE_DR:
        day = case.dr_started_on - timedelta(days=1)
    before = Case.objects.get(pk=case.pk)
    events = case.timeline.count()
    with pytest.raises(services.CaseError, match=says) as refused:
        step(world, case, day)
    assert refused.value.field == field
    after = Case.objects.get(pk=case.pk)
    assert (after.state, after.version) == (before.state, before.version)  # nothing half-saved
    assert case.timeline.count() == events


def test_the_same_steps_accept_today(world):
    today = today_in_england()
    case = _arranging(world)
    services.record_la_notified(case, today, today, by=world.user(Role.COORDINATOR))
    services.mediation_cannot_be_held(case, today, by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert case.state == CaseState.CERTIFICATE_DUE
    assert (case.la_notified_on, case.cannot_hold_notified_on) == (today, today)
    dr = _dr_started(world)
    services.record_dr_consent(_school(dr), True, today, by=world.user(Role.COORDINATOR))
    assert _school(dr).dr_consent_on == today


def test_the_page_shows_the_refusal_on_the_date_and_keeps_what_was_typed(world, client_for):
    case = _arranging(world)
    future = today_in_england() + timedelta(days=40)
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:la_notified", args=[case.reference]),
        {
            "version": case.version,
            "la_notified_on-day": future.day,
            "la_notified_on-month": future.month,
            "la_notified_on-year": future.year,
        },
    )
    assert response.status_code == 400
    page = parse(response.content)
    link = page.find(class_="govuk-error-summary").find("a")
    assert link.get("href") == "#id_la_notified_on-day"
    assert "today or in the past" in link.text
    assert page.by_id("id_la_notified_on-year").get("value") == str(future.year)
    case.refresh_from_db()
    assert case.la_notified_on is None


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"received_on": "tomorrow"}, "received_on", PAST),
        ({"decision_notice_sent_on": RECEIVED + timedelta(days=1)}, "decision_notice_sent_on",
         "after the enquiry was received"),
        ({"child_date_of_birth": RECEIVED + timedelta(days=1)}, "child_date_of_birth",
         "cannot be after the enquiry was received"),
    ],
    ids=["received-in-future", "letter-after-enquiry", "born-after-enquiry"],
)  # fmt: skip
def test_an_enquiry_is_taken_only_as_it_can_have_happened(world, overrides, field, says):
    if overrides.get("received_on") == "tomorrow":
        overrides = {"received_on": today_in_england() + timedelta(days=1)}
    with pytest.raises(services.CaseError, match=says) as refused:
        new_enquiry(world, **overrides)
    assert refused.value.field == field
    assert not Case.objects.exists()
