"""Workload by adviser and mediator, and freelance mediators' fees and expenses per meeting
(issue 16, section 3): submitted by the mediator, approved by the manager, exported as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.meetings import fees
from accord.meetings.errors import MeetingError
from accord.meetings.models import FeeClaim, Meeting, MiasCall
from accord.organisations.roles import Role
from accord.reports.scope import Period
from accord.reports.selectors import workload
from tests.factories import CaseFactory, ChildFactory

LONDON = ZoneInfo("Europe/London")
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def work(world):
    adviser, mediator = world.user(Role.ADVISER), world.user(Role.MEDIATOR)
    child = ChildFactory(provider=world.provider, first_name="Feefirst", last_name="Feelast")
    open_case = CaseFactory(
        provider=world.provider,
        child=child,
        local_authority=world.la,
        adviser=adviser,
        mediator=mediator,
        state="meeting_booked",
    )
    closed = CaseFactory(
        provider=world.provider, local_authority=world.la, adviser=adviser, state="closed"
    )
    MiasCall.objects.create(case=open_case, adviser=adviser, held_on=date(2025, 3, 1))
    MiasCall.objects.create(case=closed, adviser=adviser, held_on=date(2025, 4, 1))
    MiasCall.objects.create(case=closed, adviser=adviser, held_on=date(2024, 4, 1))  # before
    held = Meeting.objects.create(
        case=open_case,
        kind="mediation",
        format="online",
        starts_at=_at(date(2025, 5, 1)),
        ends_at=_at(date(2025, 5, 1), 15),
        mediator=mediator,
        held=True,
    )
    co = Meeting.objects.create(
        case=closed,
        kind="dr",
        format="in_person",
        starts_at=_at(date(2025, 6, 1)),
        ends_at=_at(date(2025, 6, 1), 15),
        co_mediator=mediator,
        held=True,
    )
    soon = timezone.now() + timedelta(days=7)
    ahead = Meeting.objects.create(
        case=open_case,
        kind="mediation",
        format="online",
        starts_at=soon,
        ends_at=soon,
        mediator=mediator,
    )
    Meeting.objects.create(
        case=open_case,
        kind="mediation",
        format="online",
        starts_at=soon,
        ends_at=soon,
        mediator=mediator,
        cancelled_at=timezone.now(),
    )
    theirs = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    stranger_meeting = Meeting.objects.create(
        case=theirs,
        kind="mediation",
        format="online",
        starts_at=_at(date(2025, 5, 2)),
        ends_at=_at(date(2025, 5, 2)),
        mediator=mediator,
        held=True,
    )
    return {"held": held, "co": co, "ahead": ahead, "stranger": stranger_meeting}


def test_workload_counts_each_persons_work(world, work):
    rows = {r.name: r for r in workload.workload(world.provider.pk, YEAR, timezone.now())}
    adviser = rows[world.user(Role.ADVISER).full_name]
    mediator = rows[world.user(Role.MEDIATOR).full_name]
    assert (adviser.open_as_adviser, adviser.calls_held, adviser.meetings_held) == (1, 2, 0)
    assert (mediator.open_as_mediator, mediator.meetings_held, mediator.meetings_ahead) == (1, 2, 1)
    assert len(rows) == 2  # advisers and mediators only


def _claim(world, meeting, fee="250.00", expenses="0", note=""):
    member = world.members[Role.MEDIATOR]
    return fees.submit_claim(member, meeting, Decimal(fee), Decimal(expenses), note, by=member.user)


def test_a_claim_is_submitted_approved_and_exported(world, work):
    claim = _claim(world, work["held"], expenses="32.40", note="=SUM(A1) train fare")
    fees.decide_claim(claim, True, by=world.user(Role.SERVICE_MANAGER))
    rejected = _claim(world, work["co"])
    fees.decide_claim(
        rejected, False, "Fee above the agreed rate", by=world.user(Role.SERVICE_MANAGER)
    )
    rows = workload.approved_claims(world.provider.pk, YEAR)
    assert [(r["fee"], r["expenses"], r["total"]) for r in rows] == [("250.00", "32.40", "282.40")]
    assert workload.claims_total(rows) == Decimal("282.40")
    again = _claim(world, work["co"], fee="200.00")  # one not approved may be made again
    assert again.status == "submitted"


@pytest.mark.parametrize(
    ("meeting", "fee", "expenses", "note", "field"),
    [
        ("ahead", "100", "0", "", ""),  # not held yet
        ("stranger", "100", "0", "", ""),  # another provider's meeting
        ("held", "-1", "0", "", "fee"),
        ("held", "100", "10", "", "expenses_note"),
        ("held", "100", "20000", "hotel", "expenses"),
    ],
)
def test_a_claim_that_cannot_be_made_is_refused(world, work, meeting, fee, expenses, note, field):
    with pytest.raises(MeetingError) as refused:
        _claim(world, work[meeting], fee, expenses, note)
    assert refused.value.field == field
    assert not FeeClaim.objects.exists()


def test_a_meeting_is_claimed_once_and_decided_once(world, work):
    claim = _claim(world, work["held"])
    with pytest.raises(MeetingError):
        _claim(world, work["held"])
    manager = world.user(Role.SERVICE_MANAGER)
    with pytest.raises(MeetingError) as no_reason:
        fees.decide_claim(claim, False, "", by=manager)
    assert no_reason.value.field == "decision_note"
    with pytest.raises(MeetingError):
        fees.decide_claim(claim, True, by=world.user(Role.MEDIATOR))  # one's own claim
    fees.decide_claim(claim, True, by=manager)
    with pytest.raises(MeetingError):
        fees.decide_claim(claim, False, "changed my mind", by=manager)


PAGES = {
    ("fees:list", False): {Role.MEDIATOR, Role.SERVICE_MANAGER},
    ("fees:claim", True): {Role.MEDIATOR},
    ("reports:workload", False): {Role.SERVICE_MANAGER},
    ("reports:fees", False): {Role.SERVICE_MANAGER},
    ("reports:fees_csv", False): {Role.SERVICE_MANAGER},
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(PAGES), ids=[p[0] for p in sorted(PAGES)])
def test_role_matrix_for_workload_and_fees(world, client_for, work, role, page):
    name, takes_meeting = page
    url = reverse(name, args=[work["held"].pk] if takes_meeting else [])
    expected = 200 if role in PAGES[page] else 403
    assert client_for(role).get(url).status_code == expected, f"{role} {name}"


def test_the_decide_page_is_for_managers(world, client_for, work):
    claim = _claim(world, work["held"])
    url = reverse("fees:decide", args=[claim.pk])
    for role in Role:
        expected = 200 if role == Role.SERVICE_MANAGER else 403
        assert client_for(role).get(url).status_code == expected, role


def test_the_pages_claim_approve_and_download(world, client_for, work):
    mediator = client_for(Role.MEDIATOR)
    url = reverse("fees:claim", args=[work["held"].pk])
    bad = mediator.post(url, {"fee": "100", "expenses": "5", "expenses_note": ""})
    assert bad.status_code == 400 and "Say what the expenses were for" in bad.content.decode()
    sent = mediator.post(url, {"fee": "100", "expenses": "5", "expenses_note": "parking"})
    assert sent.status_code == 302
    assert mediator.get(reverse("fees:claim", args=[work["stranger"].pk])).status_code == 404
    claim = FeeClaim.objects.get()
    manager = client_for(Role.SERVICE_MANAGER)
    decide = reverse("fees:decide", args=[claim.pk])
    assert manager.post(decide, {"decision": "reject"}).status_code == 400
    assert manager.post(decide, {"decision": "approve"}).status_code == 302
    response = manager.get(
        reverse("reports:fees_csv"), {"start": "2025-01-01", "end": "2025-12-31"}
    )
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["total"], r["expenses_for"]) for r in rows] == [("105.00", "parking")]
    assert list(rows[0]) == workload.FEE_COLUMNS
    assert "Feefirst" not in text and "Feelast" not in text
    assert "Waiting for approval" not in mediator.get(reverse("fees:list")).content.decode()


def test_the_fee_export_is_safe_from_formulas(world, client_for, work):
    claim = _claim(world, work["held"], expenses="1", note="=SUM(A1)")
    fees.decide_claim(claim, True, by=world.user(Role.SERVICE_MANAGER))
    text = (
        client_for(Role.SERVICE_MANAGER)
        .get(reverse("reports:fees_csv"), {"start": "2025-01-01", "end": "2025-12-31"})
        .content.decode()
    )
    assert "'=SUM(A1)" in text
