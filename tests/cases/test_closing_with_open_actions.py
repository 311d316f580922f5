"""Closing a case does not end what was agreed: the LA's (or ICB's) duty to carry out an agreed
action continues (SEND Regs 2014 reg 42). Closing with one open needs confirming; the action
stays on the caseload, in the next deadline and in the reminders until it is recorded as done;
and the family is told what is still to be done, not that the work is finished."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accord import rules
from accord.cases import services as case_services
from accord.cases.states import CaseState
from accord.documents import services as document_services
from accord.documents.services import ItemData
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.scan import overdue_items, run_reminder_scan
from tests.documents.conftest import make_case
from tests.family.conftest import sign_in
from tests.notifications.conftest import at

pytestmark = pytest.mark.django_db

# The mediation was on Tuesday 7 April 2026: amending the plan is due 5 weeks later (reg 44).
AMEND_BY = date(2026, 5, 12)
ACTION = "The LA will amend sections B and F of the plan"


@pytest.fixture
def agreed(world):
    """A case after mediation with an issued agreement whose action is not yet done."""
    case = make_case(world, "follow_up")
    mediator = world.user(Role.MEDIATOR)
    agreement = document_services.start_agreement(case, by=mediator)
    item = document_services.add_item(
        agreement,
        ItemData(
            decided="The plan will describe speech and language needs.",
            action=ACTION,
            responsible="Kent County Council SEN team",
            action_kind=rules.PostAgreementAction.AMEND_PLAN.value,
        ),
        by=mediator,
    )
    document_services.issue_agreement(agreement, by=mediator, notify=False)
    case.refresh_from_db()
    assert item.due_on == AMEND_BY
    return case, item


def _close(world, case, **extra):
    return case_services.close_case(
        case, "partial", "Agreed in part", by=world.user(Role.COORDINATOR), **extra
    )


def test_closing_with_an_action_still_open_needs_confirming(world, agreed):
    case, _ = agreed
    with pytest.raises(case_services.NeedsConfirmation, match="1 agreed action is") as asked:
        _close(world, case)
    assert asked.value.field == "confirm_open_actions"
    case.refresh_from_db()
    assert case.state == CaseState.FOLLOW_UP


def test_once_confirmed_the_action_is_still_the_next_deadline(world, agreed):
    case, _ = agreed
    _close(world, case, confirm_open_actions=True)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert case.next_deadline_on == AMEND_BY
    event = case.timeline.get(kind="closed")
    assert "Agreed actions still open, still followed up: 1" in event.summary
    assert event.changes["agreed_actions_still_open"] == [f"Agreed action: {ACTION}"]


def test_the_close_page_lists_the_open_actions_and_asks_to_confirm(world, agreed, client_for):
    case, _ = agreed
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:close", args=[case.reference])
    page = client.get(url).content.decode()
    assert "govuk-warning-text" in page
    assert f"{ACTION} (Kent County Council SEN team, due 12 May 2026)" in page
    assert 'name="confirm_open_actions"' in page

    refused = client.post(
        url, {"version": case.version, "outcome": "partial", "reason": "Agreed in part"}
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_confirm_open_actions"' in summary
    case.refresh_from_db()
    assert case.state == CaseState.FOLLOW_UP

    done = client.post(
        url,
        {
            "version": case.version,
            "outcome": "partial",
            "reason": "Agreed in part",
            "confirm_open_actions": "on",
        },
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED


def test_a_case_with_nothing_open_closes_without_the_question(world, client_for):
    case = make_case(world, "follow_up")
    page = client_for(Role.COORDINATOR).get(reverse("cases:close", args=[case.reference]))
    assert 'name="confirm_open_actions"' not in page.content.decode()
    _close(world, case)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert case.next_deadline_on is None


def test_the_closed_case_stays_on_the_caseload_until_the_action_is_done(world, agreed, client_for):
    case, item = agreed
    _close(world, case, confirm_open_actions=True)
    for role in (Role.COORDINATOR, Role.LA_OFFICER):
        html = client_for(role).get(reverse("cases:caseload"), {"assignee": ""}).content.decode()
        assert case.reference in html, role
        assert "agreed actions still to be done" in html
        page = client_for(role).get(case.get_absolute_url()).content.decode()
        assert "The case is closed, but 1 agreed action is not recorded as done" in page
    document_services.mark_item_done(item, date(2026, 5, 11), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert case.next_deadline_on is None
    html = (
        client_for(Role.COORDINATOR)
        .get(reverse("cases:caseload"), {"assignee": ""})
        .content.decode()
    )
    assert case.reference not in html


def test_the_reminders_still_chase_the_action_of_a_closed_case_and_nothing_else(world, agreed):
    case, _ = agreed
    _close(world, case, confirm_open_actions=True)
    # Wednesday 8 April: 2 working days before the certificate after mediation would be due
    # (reg 39), a clock the service no longer chases once the case is closed.
    assert run_reminder_scan(at(date(2026, 4, 8))).deadline_reminders == 0
    # Friday 8 May: 2 working days before the plan must be amended.
    assert run_reminder_scan(at(date(2026, 5, 8))).deadline_reminders == 1
    reminder = OutboxMessage.objects.get(kind=MessageKind.DEADLINE_REMINDER)
    assert reminder.case == case
    assert "An action agreed at mediation is due in 2 working days" in reminder.subject
    overdue = overdue_items(world.provider, date(2026, 5, 13))
    assert [(item.reference, item.deadline.agreed is not None) for item in overdue] == [
        (case.reference, True)
    ]


def test_the_family_is_told_what_is_still_to_be_done(world, agreed):
    case, _ = agreed
    _close(world, case, confirm_open_actions=True)
    browser = Client()
    sign_in(browser, "parent@example.com")
    html = browser.get(reverse("family:case", args=[case.reference])).content.decode()
    assert "We have finished working on it" not in html
    assert "some of the things agreed at the meeting have not been done yet" in html
    assert f"Still to be done: {ACTION}." in html
    assert "Tuesday 12 May 2026" in html
