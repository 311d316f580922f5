"""Done means: a referral in, the case's clocks out, and an action marked done by an LA client
(issue 15). Plus the idempotency of a retried referral."""

from __future__ import annotations

import uuid
from datetime import date

from accord import rules
from accord.api.models import ApiCall, Referral
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case, CaseAccess
from accord.cases.timeline import EventKind
from accord.documents import services as documents
from accord.documents.models import AgreementItem
from accord.documents.services import ItemData
from accord.organisations.roles import Role
from tests.api.conftest import REFERRAL
from tests.documents.conftest import make_case


def test_a_referral_in_makes_one_case_and_its_clocks_come_out(world, la_caller):
    key = str(uuid.uuid4())
    first = la_caller.post("/api/v1/referrals/", REFERRAL, HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201, first.content
    reference = first.json()["reference"]
    case = Case.objects.get(reference=reference)
    assert case.channel == "referral"
    assert case.local_authority == world.la
    assert case.timeline.filter(kind=EventKind.ENQUIRY).exists()

    again = la_caller.post("/api/v1/referrals/", REFERRAL, HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 200
    assert again.json()["reference"] == reference
    assert Case.objects.filter(provider=world.provider).count() == 1
    assert Referral.objects.get().case == case

    changed = la_caller.post(
        "/api/v1/referrals/", REFERRAL | {"summary": "Other"}, HTTP_IDEMPOTENCY_KEY=key
    )
    assert changed.status_code == 409
    assert changed["Content-Type"] == "application/problem+json"
    assert changed.json()["errors"][0]["field"] == "Idempotency-Key"

    detail = la_caller.get(f"/api/v1/cases/{reference}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["stage"] == "enquiry"
    clocks = {c["key"]: c for c in body["clocks"]}
    assert clocks, "a new case with a decision letter has clocks"
    for clock in clocks.values():
        assert clock["legal_basis"]
        assert clock["status"] in {"overdue", "due-soon", "on-track", "met", "late", "family"}
    # Exactly the clocks the case page shows, with their due dates.
    expected = {d.key: d.due for d in deadlines_for(case, clock_facts_for(case))}
    assert {k: c["due_on"] for k, c in clocks.items()} == {
        k: d.isoformat() if d else None for k, d in expected.items()
    }
    assert CaseAccess.objects.filter(case=case, what__startswith="API:").exists()
    assert ApiCall.objects.filter(client=la_caller.client).count() == 4


def test_a_referral_needs_its_idempotency_key_and_names_the_field_at_fault(la_caller):
    missing = la_caller.post("/api/v1/referrals/", REFERRAL)
    assert missing.status_code == 400
    assert missing.json()["errors"] == [{"field": "Idempotency-Key", "detail": "Required."}]
    bad = la_caller.post(
        "/api/v1/referrals/",
        REFERRAL | {"child": {**REFERRAL["child"], "date_of_birth": "2099-01-01"}},
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["field"] == "child.date_of_birth"
    assert not Case.objects.exists()


def test_a_council_refers_only_for_itself(world, la_caller):
    other = la_caller.post(
        "/api/v1/referrals/",
        REFERRAL | {"local_authority": world.other_la.code},
        HTTP_IDEMPOTENCY_KEY="k2",
    )
    assert other.status_code == 400
    assert other.json()["errors"][0]["field"] == "local_authority"


def test_an_la_client_marks_its_own_action_done_with_evidence(world, la_caller):
    case = make_case(world, "follow_up")
    mediator = world.user(Role.MEDIATOR)
    agreement = documents.start_agreement(case, by=mediator)
    item = documents.add_item(
        agreement,
        ItemData(
            decided="The plan will be amended.",
            action="The LA will amend sections B and F.",
            responsible="Kent County Council SEN team",
            review="The coordinator checks with the family.",
            action_kind=rules.PostAgreementAction.AMEND_PLAN.value,
        ),
        by=mediator,
    )
    documents.issue_agreement(agreement, notify=False, by=mediator)

    listed = la_caller.get(f"/api/v1/cases/{case.reference}/actions/")
    assert [a["id"] for a in listed.json()] == [item.pk]
    done_on = date(2026, 4, 20)
    answer = la_caller.post(
        f"/api/v1/cases/{case.reference}/actions/{item.pk}/done/",
        {"done_on": done_on.isoformat(), "evidence": "Amended plan sent on 20 April"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["done_on"] == "2026-04-20"
    item.refresh_from_db()
    assert item.done_on == done_on
    assert item.done_recorded_by == la_caller.client.membership.user
    event = case.timeline.get(kind=EventKind.AGREEMENT_ACTION_DONE)
    assert event.changes["evidence"] == "Amended plan sent on 20 April"
    detail = la_caller.get(f"/api/v1/cases/{case.reference}/").json()
    clocks = {c["key"]: c for c in detail["clocks"]}
    assert clocks[f"agreement_item_{item.pk}"]["done_on"] == "2026-04-20"


def test_an_la_client_cannot_mark_the_icbs_action_done(world, la_caller):
    case = make_case(world, "follow_up")
    mediator = world.user(Role.MEDIATOR)
    agreement = documents.start_agreement(case, by=mediator, la_party=False)
    item = documents.add_item(
        agreement,
        ItemData(
            decided="The ICB will tell the LA.",
            action="Tell the council about the agreement.",
            responsible="NHS Kent and Medway ICB",
            review="",
            action_kind=rules.PostAgreementAction.ICB_TELLS_LA.value,
        ),
        by=mediator,
    )
    documents.issue_agreement(agreement, notify=False, by=mediator)
    answer = la_caller.post(
        f"/api/v1/cases/{case.reference}/actions/{item.pk}/done/",
        {"done_on": "2026-04-20", "evidence": "Told them"},
    )
    assert answer.status_code == 422
    assert AgreementItem.objects.get(pk=item.pk).done_on is None
