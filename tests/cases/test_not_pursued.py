"""A family that chose mediation and then does not pursue it (SEND Regs 2014 reg 34: "does not
wish to or fails to pursue mediation"): the step, its clock, its guards and its correction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accord import rules
from accord.cases import services
from accord.cases.choices import FamilyChoice, NotPursuedHow, Outcome, Route
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case, CaseClock
from accord.cases.states import CaseState, IllegalTransition
from accord.organisations.roles import Role
from tests.factories import new_enquiry
from tests.markup import parse

CHOSE_ON = date(2026, 3, 9)  # Monday: the family chose mediation and the LA was told
LEARNED_ON = date(2026, 4, 1)  # Wednesday before Easter
# SEND Regs reg 34: 3 working days, skipping Good Friday (3 April) and Easter Monday (6 April).
DUE_ON = date(2026, 4, 8)


@pytest.fixture(autouse=True)
def today_is_2_april_2026(stop_clock_at):
    stop_clock_at(datetime(2026, 4, 2, 10, 0, tzinfo=UTC))


def start(world, *, choice: str = FamilyChoice.MEDIATION, **overrides) -> Case:
    adviser = world.user(Role.ADVISER)
    fields = {
        "contact_email": "",
        "received_on": date(2026, 3, 2),
        "decision_notice_sent_on": date(2026, 2, 20),
        **overrides,
    }
    case = new_enquiry(world, by=adviser, **fields)
    services.confirm_route(case, case.suggested_route, by=adviser)
    la_told = CHOSE_ON if choice == FamilyChoice.MEDIATION else None
    services.record_family_choice(case, choice, CHOSE_ON, la_notified_on=la_told, by=adviser)
    return case


def clocks(case: Case) -> dict[str, object]:
    return {d.key: d for d in deadlines_for(case, clock_facts_for(case))}


def test_the_certificate_clock_starts_and_the_30_days_stop_being_chased(world):
    case = start(world)
    assert "mediation_held" in clocks(case)
    services.record_mediation_not_pursued(
        case, LEARNED_ON, NotPursuedHow.WITHDREW, note="Email from Jo", by=world.user(Role.ADVISER)
    )
    case.refresh_from_db()
    assert case.state == CaseState.CERTIFICATE_DUE
    assert case.outcome == Outcome.WITHDRAWN
    found = clocks(case)
    clock = found["certificate_not_pursued"]
    assert clock.clock is rules.Clock.CERTIFICATE_NOT_PURSUED
    assert (clock.started, clock.due, clock.done_on) == (LEARNED_ON, DUE_ON, None)
    assert clock.who == "Mediation adviser"
    assert clock.basis == "SEND Regs reg 34; CFA s.55(4): 3 working days"
    assert "mediation_held" not in found  # the mediation will not happen: nothing to chase
    assert (case.next_deadline_on, case.next_deadline_clock) == (DUE_ON, "certificate_not_pursued")
    rows = {r.key: r for r in CaseClock.objects.filter(case=case)}
    assert rows["certificate_not_pursued"].due_on == DUE_ON
    assert "mediation_held" not in rows
    event = case.timeline.get(kind="mediation_not_pursued")
    assert "1 April 2026" in event.summary and "no longer want mediation" in event.summary
    assert event.changes["note"] == "Email from Jo"
    assert event.visible_to_officers and event.visible_to_family


def test_a_family_that_stopped_replying_needs_the_attempts(world):
    case = start(world)
    adviser = world.user(Role.ADVISER)
    with pytest.raises(services.CaseError, match="how many times"):
        services.record_mediation_not_pursued(case, LEARNED_ON, NotPursuedHow.NO_REPLY, by=adviser)
    with pytest.raises(services.CaseError, match="how you know"):
        services.record_mediation_not_pursued(case, LEARNED_ON, "", by=adviser)
    services.record_mediation_not_pursued(
        case, LEARNED_ON, NotPursuedHow.NO_REPLY, attempts=3, by=adviser
    )
    case.refresh_from_db()
    assert (case.not_pursued_how, case.not_pursued_attempts) == ("no_reply", 3)
    assert (
        "stopped replying after 3 attempts"
        in case.timeline.get(kind="mediation_not_pursued").summary
    )


@pytest.mark.parametrize(
    ("learned_on", "message"),
    [
        (date(2026, 4, 3), "must not be in the future"),  # tomorrow
        (date(2026, 3, 6), "cannot be before 9 March 2026, when the family chose mediation"),
    ],
)
def test_an_impossible_date_is_refused_and_nothing_changes(world, learned_on, message):
    case = start(world)
    version = case.version
    with pytest.raises(services.CaseError, match=message):
        services.record_mediation_not_pursued(
            case, learned_on, NotPursuedHow.WITHDREW, by=world.user(Role.ADVISER)
        )
    case.refresh_from_db()
    assert (case.state, case.version, case.mediation_not_pursued_on) == (
        CaseState.ARRANGING,
        version,
        None,
    )
    assert not case.timeline.filter(kind="mediation_not_pursued").exists()


def test_the_day_of_the_choice_and_today_are_both_possible(world):
    first, second = start(world), start(world, child_first_name="Maya")
    adviser = world.user(Role.ADVISER)
    services.record_mediation_not_pursued(first, CHOSE_ON, NotPursuedHow.WITHDREW, by=adviser)
    services.record_mediation_not_pursued(
        second, date(2026, 4, 2), NotPursuedHow.WITHDREW, by=adviser
    )
    assert clocks(first)["certificate_not_pursued"].due == date(2026, 3, 12)
    assert clocks(second)["certificate_not_pursued"].due == date(2026, 4, 9)


def test_refused_when_no_mediation_was_chosen(world):
    # A family that does not want mediation has its own certificate (reg 34, not wanted).
    declined = start(world, choice=FamilyChoice.CERTIFICATE)
    with pytest.raises(services.CaseError, match="has not chosen mediation"):
        services.record_mediation_not_pursued(
            declined, LEARNED_ON, NotPursuedHow.WITHDREW, by=world.user(Role.ADVISER)
        )
    declined.refresh_from_db()
    assert declined.mediation_not_pursued_on is None
    assert "certificate_not_pursued" not in clocks(declined)


def test_refused_for_disagreement_resolution(world):
    adviser = world.user(Role.ADVISER)
    case = services.create_enquiry(
        world.provider,
        services.EnquiryData(
            local_authority=world.la,
            decision_kind="non_ehc_disagreement",
            disagreement_with="school",
            child_first_name="Sam",
            child_last_name="Ng",
            child_date_of_birth=date(2014, 1, 5),
            contact_name="Lee Ng",
            received_on=date(2026, 3, 2),
        ),
        by=adviser,
    )
    services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, by=adviser)
    services.start_disagreement_resolution(case, by=adviser)
    with pytest.raises(services.CaseError, match="has not chosen mediation"):
        services.record_mediation_not_pursued(case, LEARNED_ON, NotPursuedHow.WITHDREW, by=adviser)


def test_refused_when_no_certificate_is_needed(world):
    # CFA 2014 s.55: an appeal only about the school named in section I needs no certificate.
    case = start(world, decision_kind="plan_content", decision_sections=["i"])
    assert case.certificate_needed is False
    with pytest.raises(services.CaseError, match="needs no mediation certificate"):
        services.record_mediation_not_pursued(
            case, LEARNED_ON, NotPursuedHow.WITHDREW, by=world.user(Role.ADVISER)
        )


def test_a_booked_meeting_is_cancelled_first(world):
    case = start(world)
    Case.objects.filter(pk=case.pk).update(state=CaseState.MEETING_BOOKED)
    with pytest.raises(services.CaseError, match="Cancel it first"):
        services.record_mediation_not_pursued(
            case, LEARNED_ON, NotPursuedHow.WITHDREW, by=world.user(Role.ADVISER)
        )


def test_refused_once_the_mediation_has_been_held(world):
    case = start(world)
    Case.objects.filter(pk=case.pk).update(state=CaseState.MEETING_BOOKED)
    services.record_outcome(
        case, Outcome.NO_AGREEMENT, date(2026, 3, 30), by=world.user(Role.MEDIATOR)
    )
    with pytest.raises(IllegalTransition):
        services.record_mediation_not_pursued(
            case, LEARNED_ON, NotPursuedHow.WITHDREW, by=world.user(Role.ADVISER)
        )


# --- correction ----------------------------------------------------------------------------


def stopped(world) -> Case:
    case = start(world)
    services.record_mediation_not_pursued(
        case, LEARNED_ON, NotPursuedHow.NO_REPLY, attempts=2, by=world.user(Role.ADVISER)
    )
    case.refresh_from_db()
    return case


def test_the_date_is_corrected_with_a_reason_and_the_clock_follows(world):
    case = stopped(world)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="reason"):
        services.correct_mediation_not_pursued(case, " ", on=date(2026, 3, 27), by=coordinator)
    with pytest.raises(services.CaseError, match="already recorded"):
        services.correct_mediation_not_pursued(case, "Typo", on=LEARNED_ON, by=coordinator)
    with pytest.raises(services.CaseError, match="must not be in the future"):
        services.correct_mediation_not_pursued(case, "Typo", on=date(2026, 4, 3), by=coordinator)
    services.correct_mediation_not_pursued(
        case, "The last call was on Friday 27 March", on=date(2026, 3, 27), by=coordinator
    )
    case.refresh_from_db()
    assert case.state == CaseState.CERTIFICATE_DUE
    # Fri 27 Mar 2026 -> Mon 30, Tue 31, Wed 1 Apr (SEND Regs reg 34).
    assert clocks(case)["certificate_not_pursued"].due == date(2026, 4, 1)
    assert case.next_deadline_on == date(2026, 4, 1)
    event = case.timeline.get(kind="mediation_not_pursued_corrected")
    assert "27 March 2026" in event.summary and "last call" in event.summary
    assert event.changes["mediation_not_pursued_on"] == ["2026-04-01", "2026-03-27"]


def test_undoing_the_record_goes_back_to_arranging_the_mediation(world):
    case = stopped(world)
    services.correct_mediation_not_pursued(
        case, "Jo replied: they still want mediation", by=world.user(Role.COORDINATOR)
    )
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING
    assert (case.mediation_not_pursued_on, case.not_pursued_how, case.not_pursued_attempts) == (
        None,
        "",
        None,
    )
    assert case.outcome == ""
    found = clocks(case)
    assert "certificate_not_pursued" not in found
    # The 30-day clock runs again from the day the LA was told (SEND Regs regs 35-37).
    assert found["mediation_held"].due == rules.mediation_due(CHOSE_ON)
    event = case.timeline.get(kind="mediation_not_pursued_corrected")
    assert "undone" in event.summary and "still want mediation" in event.summary
    with pytest.raises(services.CaseError, match="no record"):
        services.correct_mediation_not_pursued(case, "Again", by=world.user(Role.COORDINATOR))


def test_no_correction_once_the_certificate_is_no_longer_due(world):
    case = stopped(world)
    Case.objects.filter(pk=case.pk).update(state=CaseState.FOLLOW_UP)  # the certificate issued
    with pytest.raises(services.CaseError, match="correct the certificate"):
        services.correct_mediation_not_pursued(case, "Late", by=world.user(Role.COORDINATOR))


# --- the pages -----------------------------------------------------------------------------


def _summary_links(response) -> dict[str, str]:
    summary = parse(response.content).find("div", class_="govuk-error-summary")
    return {a.get("href"): a.text for a in summary.find_all("a")}


def test_the_step_is_offered_and_its_errors_name_the_fields(world, client_for):
    case = start(world)
    client = client_for(Role.ADVISER)
    url = reverse("cases:not_pursued", args=[case.reference])
    assert f'href="{url}"' in client.get(case.get_absolute_url()).content.decode()
    response = client.post(url, {"version": case.version, "on": "2026-04-03", "how": "no_reply"})
    assert response.status_code == 400
    assert parse(response.content).find("title").text.startswith("Error: ")
    links = _summary_links(response)
    assert links["#id_on-day"] == "The date must be today or in the past."
    assert links["#id_attempts"] == "Enter how many times the family was contacted."
    response = client.post(url, {"version": case.version, "on": "2026-04-01"})
    assert "#id_how_0" in _summary_links(response)  # a radio group: its first option
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING


def test_a_refusal_from_the_service_is_shown_in_the_summary(world, client_for):
    case = start(world)
    response = client_for(Role.ADVISER).post(
        reverse("cases:not_pursued", args=[case.reference]),
        {"version": case.version, "on": "2026-03-02", "how": "withdrew"},
    )
    assert response.status_code == 400
    assert any(
        "when the family chose mediation" in text for text in _summary_links(response).values()
    )


def test_recording_it_shows_the_clock_the_certificate_and_the_correction(world, client_for):
    case = start(world)
    client = client_for(Role.ADVISER)
    response = client.post(
        reverse("cases:not_pursued", args=[case.reference]),
        {"version": case.version, "on": "2026-04-01", "how": "no_reply", "attempts": "3"},
    )
    assert response.status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Certificate when the family does not pursue mediation" in page
    assert "SEND Regs reg 34; CFA s.55(4): 3 working days" in page
    assert "Wed 8 Apr 2026" in page
    assert reverse("cases:correct_not_pursued", args=[case.reference]) in page
    assert f'href="{reverse("cases:not_pursued", args=[case.reference])}"' not in page
    issue = reverse("documents:issue_certificate", args=[case.reference, "not_pursued"])
    assert issue in page


def test_the_correction_page_needs_the_date_when_the_date_is_wrong(world, client_for):
    case = stopped(world)
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:correct_not_pursued", args=[case.reference])
    response = client.post(url, {"version": case.version, "change": "date", "reason": "Typo"})
    assert response.status_code == 400
    assert _summary_links(response)["#id_on-day"] == "Enter the correct date."
    response = client.post(
        url, {"version": case.version, "change": "undo", "reason": "They replied after all"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING
