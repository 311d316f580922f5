"""The next step is always on top: when a statutory clock is running, the step that meets it is
the first of the case's next steps, with its due date; after a step the case page opens at the
part worked on, with a plain confirmation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accord.cases import services
from accord.cases.choices import FamilyChoice
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case
from accord.cases.next_steps import next_steps_for
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from tests.markup import parse

CHOSE_ON = date(2026, 3, 9)  # Monday
# SEND Regs reg 34: the certificate within 3 working days of the family's decision.
CERTIFICATE_DUE_ON = date(2026, 3, 12)


@pytest.fixture(autouse=True)
def today_is_10_march_2026(stop_clock_at):
    stop_clock_at(datetime(2026, 3, 10, 10, 0, tzinfo=UTC))


def start(world, choice: str | None) -> Case:
    adviser = world.user(Role.ADVISER)
    case = services.create_enquiry(
        world.provider,
        services.EnquiryData(
            local_authority=world.la,
            decision_kind="refuse_to_assess",
            child_first_name="Alfie",
            child_last_name="Turner",
            child_date_of_birth=date(2016, 5, 2),
            contact_name="Jo Turner",
            received_on=date(2026, 3, 2),
            decision_notice_sent_on=date(2026, 2, 20),
        ),
        by=adviser,
    )
    services.confirm_route(case, case.suggested_route, by=adviser)
    if choice is not None:
        told = CHOSE_ON if choice == FamilyChoice.MEDIATION else None
        services.record_family_choice(case, choice, CHOSE_ON, la_notified_on=told, by=adviser)
    case.refresh_from_db()
    return case


def steps_for(world, case: Case, role: Role = Role.COORDINATOR):
    membership = Membership.objects.get(provider=world.provider, user=world.user(role))
    return next_steps_for(case, membership, deadlines_for(case, clock_facts_for(case)))


@pytest.mark.parametrize(
    ("choice", "first", "due"),
    [
        # SEND Regs reg 34: the family does not want mediation -> certificate in 3 working days.
        (
            FamilyChoice.CERTIFICATE,
            "Issue the certificate: information and advice given; mediation not pursued",
            CERTIFICATE_DUE_ON,
        ),
        # SEND Regs reg 37 / CFA s.53: mediation within 30 days of the LA being told.
        (FamilyChoice.MEDIATION, "Book the mediation meeting", date(2026, 4, 8)),
    ],
)
def test_the_step_for_the_running_clock_comes_first_with_its_date(world, choice, first, due):
    shown = steps_for(world, start(world, choice))
    assert shown[0].label == first
    assert shown[0].running and shown[0].due == due
    # Steps that keep no clock follow the ones that do.
    running = [s.running for s in shown]
    assert running == sorted(running, reverse=True)
    assert shown[-1].label == "Change the date of the decision letter"


def test_with_no_clock_running_the_steps_keep_their_order(world):
    shown = steps_for(world, start(world, None))
    assert not any(s.running for s in shown)
    assert [s.label for s in shown] == [
        "Confirm the route",
        "Record the family's decision after information and advice",
        "Book the information and advice call",
        "Record that information and advice was given",
        "Close the case",
        "Assign people",
        "Change the date of the decision letter",
    ]


def test_a_mediator_is_offered_no_staff_steps(world):
    assert steps_for(world, start(world, FamilyChoice.CERTIFICATE), Role.MEDIATOR) == []


def test_the_case_page_shows_the_due_certificate_first_in_next_steps(world, client_for):
    case = start(world, FamilyChoice.CERTIFICATE)
    page = parse(client_for(Role.COORDINATOR).get(case.get_absolute_url()).content)
    first = page.by_id("next-steps-list").find("li")
    link = first.find("a")
    assert link.text.startswith("Issue the certificate")
    assert link.get("href") == reverse(
        "documents:issue_certificate", args=[case.reference, "information_given"]
    )
    assert "Due 12 Mar 2026" in first.text


def test_after_a_step_the_page_opens_at_the_part_worked_on_with_a_plain_confirmation(
    world, client_for
):
    case = start(world, None)
    client = client_for(Role.COORDINATOR)
    response = client.post(
        reverse("cases:decision_date", args=[case.reference]),
        {"decision_notice_sent_on": "2026-02-19", "version": case.version},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"{case.get_absolute_url()}#deadlines"
    page = parse(client.get(response["Location"]).content)
    banner = page.find("div", class_="govuk-notification-banner--success")
    assert banner.text.endswith("Date of the decision letter changed")
    assert "saved" not in banner.text
