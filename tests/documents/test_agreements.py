"""Written agreements (product.md step 6; SEND Regs regs 42 and 44): each point's date comes
from the rules unless a recorded reason says otherwise; issuing fixes and sends it; each action
is followed up to done or overdue on the case's clocks."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case
from accord.documents import services
from accord.documents.models import AgreementItem, ImmutableDocument
from accord.documents.selectors import item_status
from accord.documents.services import DocumentError, ItemData
from accord.organisations.roles import Role
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, MEETING_DAY, OFFICER, make_case
from tests.documents.helpers import link_in, stored_pdf_text

A = rules.PostAgreementAction


def point(kind: A | None = None, **extra) -> ItemData:
    return ItemData(
        decided=extra.pop("decided", "The plan will describe speech and language needs."),
        action=extra.pop("action", "The LA will amend section B and F."),
        responsible=extra.pop("responsible", "Kent County Council SEN team"),
        review=extra.pop("review", "The coordinator checks with the family."),
        action_kind=kind.value if kind else "",
        **extra,
    )


@pytest.fixture
def agreement(world, mediated_case):
    return services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))


# SEND Regs reg 44(2) (via reg 42(2)), reg 42(3) and reg 42(4): weeks after the agreement.
EXPECTED_WEEKS = [
    (A.START_ASSESSMENT, 2),
    (A.MAKE_PLAN, 5),
    (A.AMEND_PLAN, 5),
    (A.CHANGE_SCHOOL, 2),
    (A.CONTINUE_TO_MAINTAIN, None),
    (A.CEASE_TO_MAINTAIN, None),
    (A.OTHER_MATTERS, 2),
    (A.ICB_TELLS_LA, 1),
]


def test_the_table_covers_every_action():
    assert {a for a, _ in EXPECTED_WEEKS} == set(A)


@pytest.mark.parametrize(
    ("action", "weeks"), EXPECTED_WEEKS, ids=[a.value for a, _ in EXPECTED_WEEKS]
)
def test_each_action_defaults_to_the_date_the_rules_give(world, agreement, action, weeks):
    if action is A.ICB_TELLS_LA:  # reg 42(4): only when the LA was not a party
        services.update_agreement(
            agreement, summary="", la_party=False, by=world.user(Role.MEDIATOR)
        )
    item = services.add_item(agreement, point(action), by=world.user(Role.MEDIATOR))
    expected = None if weeks is None else MEETING_DAY + timedelta(weeks=weeks)
    assert item.due_on == expected == rules.post_agreement_due(MEETING_DAY, action)
    assert not item.due_overridden


def test_a_point_without_a_statutory_action_takes_the_agreed_date_or_none(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    dated = services.add_item(agreement, point(due_on=date(2026, 6, 1)), by=mediator)
    undated = services.add_item(agreement, point(), by=mediator)
    assert dated.due_on == date(2026, 6, 1) and not dated.due_overridden
    assert undated.due_on is None
    assert [dated.position, undated.position] == [1, 2]


def test_a_different_date_needs_a_basis_and_a_reason(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    later = MEETING_DAY + timedelta(weeks=4)
    with pytest.raises(DocumentError, match="say why"):
        services.add_item(agreement, point(A.OTHER_MATTERS, due_on=later), by=mediator)
    with pytest.raises(DocumentError, match="reason"):
        services.add_item(
            agreement,
            point(A.OTHER_MATTERS, due_on=later, override_basis="agreed_in_writing"),
            by=mediator,
        )
    assert not AgreementItem.objects.exists()
    item = services.add_item(
        agreement,
        point(
            A.OTHER_MATTERS,
            due_on=later,
            override_basis="agreed_in_writing",
            reason="The parties signed a 4-week timescale at the meeting.",
        ),
        by=mediator,
    )
    assert item.due_on == later and item.due_overridden
    agreement.refresh_from_db()
    assert agreement.other_timescales_agreed  # reg 42(5) recorded on the agreement
    basis = {d.key: d for d in deadlines_for(agreement.case, clock_facts_for(agreement.case))}[
        f"agreement_item_{item.pk}"
    ].basis
    assert "reg 42(5)" in basis


def test_a_reg_44_exception_is_recorded_and_only_gives_more_time(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    regulations_date = rules.post_agreement_due(MEETING_DAY, A.MAKE_PLAN)
    assert regulations_date is not None
    base = {"override_basis": "reg44_exception", "reason": "The family is abroad for 3 weeks."}
    with pytest.raises(DocumentError, match="which exception"):
        services.add_item(
            agreement,
            point(A.MAKE_PLAN, due_on=regulations_date + timedelta(days=21), **base),
            by=mediator,
        )
    with pytest.raises(DocumentError, match="more time, not less"):
        services.add_item(
            agreement,
            point(
                A.MAKE_PLAN,
                due_on=regulations_date - timedelta(days=1),
                reg44_exception="absent_from_area",
                **base,
            ),
            by=mediator,
        )
    with pytest.raises(DocumentError, match="appealed"):
        services.add_item(
            agreement,
            point(
                A.OTHER_MATTERS,
                due_on=regulations_date,
                reg44_exception="absent_from_area",
                **base,
            ),
            by=mediator,
        )
    item = services.add_item(
        agreement,
        point(
            A.MAKE_PLAN,
            due_on=regulations_date + timedelta(days=21),
            reg44_exception="absent_from_area",
            **base,
        ),
        by=mediator,
    )
    assert item.reg44_exception == "absent_from_area"
    assert item.exception_reason == "The family is abroad for 3 weeks."


def test_the_icb_week_cannot_be_changed_by_agreement(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    services.update_agreement(agreement, summary="", la_party=False, by=mediator)
    with pytest.raises(DocumentError, match="cannot be changed by agreement"):
        services.add_item(
            agreement,
            point(
                A.ICB_TELLS_LA,
                due_on=MEETING_DAY + timedelta(weeks=3),
                override_basis="agreed_in_writing",
                reason="Agreed",
            ),
            by=mediator,
        )


def test_the_icb_tells_the_la_only_when_the_la_was_not_a_party(world, agreement):
    with pytest.raises(DocumentError, match="not a party"):
        services.add_item(agreement, point(A.ICB_TELLS_LA), by=world.user(Role.MEDIATOR))


def test_disagreement_resolution_points_have_no_statutory_action(world):
    case = make_case(world, "follow_up", route="disagreement_resolution", outcome="full")
    agreement = services.start_agreement(case, by=world.user(Role.COORDINATOR))
    with pytest.raises(DocumentError, match="regulation 42"):
        services.add_item(agreement, point(A.OTHER_MATTERS), by=world.user(Role.COORDINATOR))
    services.add_item(agreement, point(due_on=date(2026, 5, 1)), by=world.user(Role.COORDINATOR))
    services.issue_agreement(agreement, notify=False, by=world.user(Role.COORDINATOR))
    assert "Disagreement resolution agreement" in stored_pdf_text(agreement)


def test_an_agreement_needs_the_outcome_first(world):
    case = make_case(world, "arranging")
    with pytest.raises(DocumentError, match="meeting outcome"):
        services.start_agreement(case, by=world.user(Role.COORDINATOR))


def test_starting_twice_gives_the_same_agreement(world, mediated_case):
    first = services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    again = services.start_agreement(mediated_case, by=world.user(Role.COORDINATOR))
    assert first.pk == again.pk


def test_only_staff_and_the_case_mediator_write_agreements(world, mediated_case):
    with pytest.raises(DocumentError, match="Only"):
        services.start_agreement(mediated_case, by=world.user(Role.LA_OFFICER))


def test_issuing_numbers_fixes_and_emails_the_agreement(world, agreement, deliver_outbox):
    deliver_outbox()  # what was queued before (the enquiry confirmation)
    mail.outbox.clear()
    mediator = world.user(Role.MEDIATOR)
    services.add_item(agreement, point(A.AMEND_PLAN), by=mediator)
    services.add_item(
        agreement, point(A.OTHER_MATTERS, action="The LA will fund a laptop."), by=mediator
    )
    issued = services.issue_agreement(agreement, by=mediator)
    assert issued.number == "KM-AGR-2026-0001"
    assert issued.is_issued and issued.sha256
    text = stored_pdf_text(issued)
    for expected in [
        "Mediation agreement",
        "KM-AGR-2026-0001",
        "Partial agreement",
        f"{CHILD_FIRST} {CHILD_LAST}",
        "The LA will fund a laptop.",
        "Tuesday 12 May 2026",  # amend the plan: 5 weeks after 7 April 2026 (reg 44(2))
        "Tuesday 21 April 2026",  # other matters: 2 weeks (reg 42(3))
        OFFICER,
    ]:
        assert expected in text, expected
    deliver_outbox()
    # One message per party with an email address: the parent and the LA officer.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dana.officer@council.example",
        "parent@example.com",
    ]
    links = set()
    for message in mail.outbox:
        words = f"{message.subject}\n{message.body}"
        assert CHILD_FIRST not in words and CHILD_LAST not in words
        assert agreement.case.reference in words
        assert "What to do next" in message.body
        # The PDF names the child, so it is not attached: each party gets a link of their own.
        assert message.attachments == []
        links.add(link_in(message.body))
    assert len(links) == 2
    for link in links:
        download = Client().post(link)
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert 'filename="KM-AGR-2026-0001.pdf"' in download["Content-Disposition"]
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    services.issue_agreement(agreement, by=mediator)  # a second click sends nothing more
    assert services.send_agreement(issued) == 2  # nor does sending it again
    assert deliver_outbox() == []
    assert len(mail.outbox) == 2


def test_an_issued_agreement_cannot_be_changed(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    item = services.add_item(agreement, point(A.OTHER_MATTERS), by=mediator)
    services.issue_agreement(agreement, notify=False, by=mediator)
    agreement.refresh_from_db()
    with pytest.raises(DocumentError, match="cannot be changed"):
        services.update_item(item, point(A.AMEND_PLAN), by=mediator)
    with pytest.raises(DocumentError, match="cannot be changed"):
        services.add_item(agreement, point(), by=mediator)
    item.refresh_from_db()
    item.action = "Something else"
    with pytest.raises(ImmutableDocument):
        item.save()
    agreement.summary = "Rewritten"
    with pytest.raises(ImmutableDocument):
        agreement.save()


def test_an_empty_agreement_is_issued_only_when_nothing_was_agreed(world):
    partial = make_case(world, "follow_up", outcome="partial")
    agreement = services.start_agreement(partial, by=world.user(Role.MEDIATOR))
    with pytest.raises(DocumentError, match="at least one point"):
        services.issue_agreement(agreement, by=world.user(Role.MEDIATOR))
    none = make_case(world, "follow_up", outcome="none", child_last_name="Nobody")
    empty = services.start_agreement(none, by=world.user(Role.COORDINATOR))
    services.issue_agreement(empty, notify=False, by=world.user(Role.COORDINATOR))
    assert "No agreement was reached" in stored_pdf_text(empty)


def test_follow_up_tracks_each_action_to_done_or_overdue(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    other = services.add_item(agreement, point(A.OTHER_MATTERS), by=mediator)
    amend = services.add_item(agreement, point(A.AMEND_PLAN), by=mediator)
    with pytest.raises(DocumentError, match="Issue the agreement"):
        services.mark_item_done(other, date(2026, 4, 14), by=mediator)
    services.issue_agreement(agreement, notify=False, by=mediator)
    case = Case.objects.get(pk=agreement.case_id)
    assert case.next_deadline_on == date(2026, 4, 10)  # the reg 39 certificate comes first
    services.issue_certificate(
        case, "after_mediation", MEETING_DAY, idempotency_key=uuid.uuid4().hex, by=mediator
    )
    case.refresh_from_db()
    assert case.next_deadline_on == date(2026, 4, 21)  # the nearest open clock: reg 42(3)
    services.mark_item_done(other, date(2026, 4, 14), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert case.next_deadline_on == date(2026, 5, 12)  # now the reg 44 amendment
    clocks = {d.key: d for d in deadlines_for(case, clock_facts_for(case))}
    assert clocks[f"agreement_item_{other.pk}"].status(date(2026, 6, 1)) == "met"
    assert clocks[f"agreement_item_{amend.pk}"].status(date(2026, 6, 1)) == "overdue"
    amend.refresh_from_db()
    assert item_status(amend, date(2026, 6, 1)).label == "Overdue"
    assert item_status(other, date(2026, 6, 1)).label == "Done in time"
    assert case.timeline.filter(kind="agreement_action_done").count() == 1


@pytest.mark.parametrize(
    ("done_on", "message"),
    [(date(2099, 1, 1), "today or in the past"), (date(2026, 4, 1), "before the agreement")],
)
def test_a_done_date_must_be_possible(world, agreement, done_on, message):
    mediator = world.user(Role.MEDIATOR)
    item = services.add_item(agreement, point(A.OTHER_MATTERS), by=mediator)
    services.issue_agreement(agreement, notify=False, by=mediator)
    with pytest.raises(DocumentError, match=message):
        services.mark_item_done(item, done_on, by=mediator)


def test_removing_a_point_renumbers_the_rest(world, agreement):
    mediator = world.user(Role.MEDIATOR)
    first = services.add_item(agreement, point(), by=mediator)
    services.add_item(agreement, point(action="Second"), by=mediator)
    services.add_item(agreement, point(action="Third"), by=mediator)
    services.remove_item(first, by=mediator)
    assert list(agreement.items.values_list("position", "action")) == [
        (1, "Second"),
        (2, "Third"),
    ]
