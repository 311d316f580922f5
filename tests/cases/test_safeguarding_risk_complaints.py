"""Safeguarding, risk and complaints as records (accord.cases.concerns).

- A safeguarding concern can be raised at any stage: what, who raised it, who was told and
  when, their reference, the outcome, closed on; dates checked against today and each other;
  its words encrypted at rest and never in the history.
- Each risk assessment is a dated record, never overwritten; the latest sets the caseload's
  level; a provider may require one before a mediation meeting is booked.
- Complaints about the service: received, acknowledged, investigated, answered, against a
  response time in working days the provider sets; counted in the reports.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from accord.cases import services
from accord.cases.concerns import Complaint, ComplaintStage, RiskAssessment, SafeguardingConcern
from accord.cases.encrypted import PREFIX
from accord.cases.services import CaseError, WhoWasTold
from accord.meetings import services as meeting_services
from accord.meetings.errors import MeetingError
from accord.organisations.roles import Role
from accord.reports import tables
from accord.reports.scope import Period, Scope
from accord.rules import add_working_days, today_in_england
from tests.factories import CaseFactory, PartyFactory
from tests.family.conftest import PARENT_EMAIL, sign_in
from tests.meetings.conftest import details, make_case

pytestmark = pytest.mark.django_db


def _stored(model, pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def case(world):
    return CaseFactory(
        provider=world.provider, local_authority=world.la, received_on=date(2026, 3, 2)
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- safeguarding ------------------------------------------------------------------------


def test_a_concern_is_raised_told_and_closed_with_every_date_kept(world, case):
    staff = world.user(Role.COORDINATOR)
    concern = services.raise_concern(
        case,
        raised_on=date(2026, 4, 1),
        raised_by="The mediator, at the pre-meeting",
        what="The child said they are afraid to go home",
        by=staff,
    )
    services.record_who_was_told(
        concern,
        WhoWasTold(
            lead_told_on=date(2026, 4, 1),
            lead_name="Ruth Lead",
            childrens_services_told_on=date(2026, 4, 2),
            childrens_services_reference="CS-99812",
        ),
        by=staff,
    )
    services.close_concern(
        concern, closed_on=date(2026, 4, 20), outcome="Children's services visited", by=staff
    )
    concern.refresh_from_db()
    assert (concern.lead_name, concern.childrens_services_reference) == ("Ruth Lead", "CS-99812")
    assert concern.closed_on == date(2026, 4, 20) and not concern.is_open
    # Encrypted at rest, like the safeguarding notes (accord.cases.encrypted).
    stored = _stored(SafeguardingConcern, concern.pk, "what")
    assert stored.startswith(PREFIX) and "afraid" not in stored
    assert _stored(SafeguardingConcern, concern.pk, "outcome").startswith(PREFIX)
    # The history says what happened, for staff only, never the words.
    events = case.timeline.filter(kind="safeguarding")
    assert events.count() == 3
    assert not events.filter(visible_to_officers=True).exists()
    assert not events.filter(visible_to_family=True).exists()
    assert all("afraid" not in e.summary for e in events)


@pytest.mark.parametrize(
    ("raised_on", "told", "field"),
    [
        (date.max.replace(year=2100), WhoWasTold(), "raised_on"),  # in the future
        (date(2026, 3, 1), WhoWasTold(), "raised_on"),  # before the case began
        (
            date(2026, 4, 2),
            WhoWasTold(lead_told_on=date(2026, 4, 1), lead_name="R"),
            "lead_told_on",
        ),
        (date(2026, 4, 2), WhoWasTold(lead_told_on=date(2026, 4, 3)), "lead_name"),
        (
            date(2026, 4, 2),
            WhoWasTold(childrens_services_reference="CS-1"),
            "childrens_services_told_on",
        ),
    ],
)
def test_a_concerns_dates_are_checked(world, case, raised_on, told, field):
    with pytest.raises(CaseError) as refused:
        services.raise_concern(
            case,
            raised_on=raised_on,
            raised_by="Staff",
            what="x",
            told=told,
            by=world.user(Role.ADVISER),
        )
    assert refused.value.field == field
    assert not SafeguardingConcern.objects.exists()


def test_a_concern_cannot_close_before_the_last_person_was_told_or_without_an_outcome(world, case):
    staff = world.user(Role.COORDINATOR)
    concern = services.raise_concern(
        case,
        raised_on=date(2026, 4, 1),
        raised_by="Staff",
        what="x",
        told=WhoWasTold(childrens_services_told_on=date(2026, 4, 10)),
        by=staff,
    )
    with pytest.raises(CaseError) as refused:
        services.close_concern(concern, closed_on=date(2026, 4, 5), outcome="Done", by=staff)
    assert refused.value.field == "closed_on"
    with pytest.raises(CaseError) as refused:
        services.close_concern(concern, closed_on=date(2026, 4, 12), outcome=" ", by=staff)
    assert refused.value.field == "outcome"
    concern.refresh_from_db()
    assert concern.is_open


def test_staff_raise_a_concern_on_its_page_and_see_it_on_the_case_and_caseload(
    world, client_for, case
):
    client = client_for(Role.ADVISER)
    url = reverse("cases:raise_concern", args=[case.reference])
    bad = client.post(url, {"raised_on": "2100-01-01", "raised_by": "", "what": ""})
    assert bad.status_code == 400
    page = _text(bad)
    assert 'href="#id_raised_by"' in page and 'href="#id_what"' in page
    assert not SafeguardingConcern.objects.exists()
    response = client.post(
        url,
        {
            "raised_on": "2026-04-01",
            "raised_by": "The parent, by phone",
            "what": "WORDS-OF-CONCERN",
        },
    )
    assert response.status_code == 302
    page = _text(client.get(case.get_absolute_url()))
    assert "WORDS-OF-CONCERN" in page and "Open" in page
    caseload = _text(client.get(reverse("cases:caseload") + "?assignee="))
    assert "Safeguarding concern open" in caseload
    concern = SafeguardingConcern.objects.get()
    client.post(
        reverse("cases:close_concern", args=[case.reference, concern.pk]),
        {"closed_on": "2026-04-03", "outcome": "No further action"},
    )
    caseload = _text(client.get(reverse("cases:caseload") + "?assignee="))
    assert "Safeguarding concern open" not in caseload


def test_a_concern_never_reaches_the_familys_pages(world, case, client):
    PartyFactory(case=case, role="parent_carer", email=PARENT_EMAIL)
    services.raise_concern(
        case,
        raised_on=date(2026, 4, 1),
        raised_by="Staff",
        what="FAMILY-MUST-NOT-SEE",
        by=world.user(Role.COORDINATOR),
    )
    sign_in(client, PARENT_EMAIL)
    page = _text(client.get(reverse("family:case", args=[case.reference])))
    assert case.reference in page
    assert "FAMILY-MUST-NOT-SEE" not in page and "Safeguarding" not in page


# --- risk assessments --------------------------------------------------------------------


def test_each_risk_assessment_is_a_new_record_and_the_latest_sets_the_level(world, case):
    staff = world.user(Role.COORDINATOR)
    first = services.record_risk_assessment(
        case, assessed_on=date(2026, 3, 10), level="high", risks="Raised voices", by=staff
    )
    services.record_risk_assessment(
        case,
        assessed_on=date(2026, 4, 10),
        level="low",
        risks="None found",
        mitigations="Separate rooms kept available",
        by=staff,
    )
    case.refresh_from_db()
    assert (case.risk_level, case.risk_assessed_on) == ("low", date(2026, 4, 10))
    # A record dated before the latest is kept, but does not change the level.
    services.record_risk_assessment(
        case, assessed_on=date(2026, 3, 20), level="medium", risks="Late entry", by=staff
    )
    case.refresh_from_db()
    assert case.risk_level == "low"
    assert RiskAssessment.objects.filter(case=case).count() == 3
    first.refresh_from_db()
    assert (first.level, first.risks, first.assessed_by_name) == (
        "high",
        "Raised voices",
        str(staff),
    )
    assert _stored(RiskAssessment, first.pk, "risks").startswith(PREFIX)


@pytest.mark.parametrize(
    ("assessed_on", "field"),
    [(date(2100, 1, 1), "risk_assessed_on"), (date(2026, 3, 1), "risk_assessed_on")],
)
def test_a_risk_assessments_date_is_checked(world, case, assessed_on, field):
    with pytest.raises(CaseError) as refused:
        services.record_risk_assessment(
            case, assessed_on=assessed_on, level="low", risks="x", by=world.user(Role.ADVISER)
        )
    assert refused.value.field == field
    assert not RiskAssessment.objects.exists()


def test_the_risk_page_adds_a_record_and_the_level_shows_on_the_caseload(world, client_for, case):
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:risk", args=[case.reference])
    for level, on in (("high", "2026-03-05"), ("medium", "2026-03-09")):
        response = client.post(
            url,
            {
                "version": case.__class__.objects.get(pk=case.pk).version,
                "risk_level": level,
                "risks": f"RISK-{level}",
                "mitigations": "",
                "risk_assessed_on": on,
            },
        )
        assert response.status_code == 302, _text(response)
    assert RiskAssessment.objects.filter(case=case).count() == 2
    page = _text(client.get(case.get_absolute_url()))
    assert "RISK-high" in page and "RISK-medium" in page
    caseload = _text(client.get(reverse("cases:caseload") + "?assignee="))
    assert "Risk: medium" in caseload
    # Officers do not see the level.
    assert "Risk: medium" not in _text(client_for(Role.LA_OFFICER).get(reverse("cases:caseload")))


def test_a_provider_can_require_a_risk_assessment_before_the_meeting_is_booked(world):
    world.provider.risk_assessment_before_meeting = True
    world.provider.save()
    case = make_case(world)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(MeetingError) as refused:
        meeting_services.book_meeting(case, details(world), by=coordinator)
    assert refused.value.field == "kind"
    assert "risk assessment" in str(refused.value)
    services.record_risk_assessment(
        case, assessed_on=date(2026, 3, 20), level="low", risks="None found", by=coordinator
    )
    meeting = meeting_services.book_meeting(case, details(world), by=coordinator)
    assert meeting.pk


def test_without_the_setting_a_meeting_is_booked_without_an_assessment(world):
    case = make_case(world)
    assert meeting_services.book_meeting(case, details(world), by=world.user(Role.COORDINATOR))


# --- complaints --------------------------------------------------------------------------


def test_a_complaint_runs_from_received_to_answered_against_working_days(world, case):
    world.provider.complaint_response_working_days = 10
    world.provider.save()
    staff = world.user(Role.SERVICE_MANAGER)
    complaint = services.receive_complaint(
        world.provider,
        complainant="A parent",
        received_on=date(2026, 5, 1),
        what="We waited three weeks for a reply",
        case=case,
        by=staff,
    )
    # Friday 1 May 2026 + 10 working days, over the early May bank holiday (Monday 4 May).
    assert complaint.respond_by == date(2026, 5, 18)
    assert complaint.stage == ComplaintStage.RECEIVED
    received = complaint.received_on
    services.acknowledge_complaint(complaint, acknowledged_on=received, by=staff)
    assert complaint.stage == ComplaintStage.ACKNOWLEDGED
    services.start_investigation(
        complaint, started_on=received, investigated_by="Service manager", by=staff
    )
    assert complaint.stage == ComplaintStage.INVESTIGATING
    services.answer_complaint(
        complaint, answered_on=received, outcome="partly_upheld", response="We apologise", by=staff
    )
    assert complaint.stage == ComplaintStage.ANSWERED
    assert not complaint.is_late(today_in_england())
    assert _stored(Complaint, complaint.pk, "what").startswith(PREFIX)
    assert case.timeline.filter(kind="complaint").count() == 4
    assert not case.timeline.filter(kind="complaint", visible_to_officers=True).exists()


def test_the_working_days_skip_christmas_and_new_year():
    # Rules: England and Wales bank holidays (accord.rules.calendar). Friday 18 Dec 2026 + 10
    # working days: 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6 Jan (25, 28 Dec and 1 Jan are
    # bank holidays).
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


@pytest.mark.parametrize(
    ("step", "field"),
    [("acknowledge_early", "acknowledged_on"), ("investigate_first", "investigation_started_on")],
)
def test_a_complaints_steps_keep_their_order(world, case, step, field):
    staff = world.user(Role.COORDINATOR)
    complaint = services.receive_complaint(
        world.provider,
        complainant="A parent",
        received_on=date(2026, 5, 4),
        what="x",
        by=staff,
    )
    with pytest.raises(CaseError) as refused:
        if step == "acknowledge_early":
            services.acknowledge_complaint(complaint, acknowledged_on=date(2026, 5, 1), by=staff)
        else:
            services.start_investigation(
                complaint, started_on=date(2026, 5, 5), investigated_by="M", by=staff
            )
    assert refused.value.field == field


def test_an_answer_needs_an_investigation_unless_the_complaint_was_withdrawn(world):
    staff = world.user(Role.COORDINATOR)
    complaint = services.receive_complaint(
        world.provider, complainant="A parent", received_on=date(2026, 5, 4), what="x", by=staff
    )
    with pytest.raises(CaseError):
        services.answer_complaint(
            complaint, answered_on=date(2026, 5, 6), outcome="upheld", response="Sorry", by=staff
        )
    services.answer_complaint(
        complaint, answered_on=date(2026, 5, 6), outcome="withdrawn", response="Withdrawn", by=staff
    )
    complaint.refresh_from_db()
    assert complaint.outcome == "withdrawn"
    with pytest.raises(CaseError, match="answered"):
        services.acknowledge_complaint(complaint, acknowledged_on=date(2026, 5, 6), by=staff)


def test_a_complaint_past_its_date_is_overdue_on_the_list(world, client_for):
    staff = world.user(Role.COORDINATOR)
    received = today_in_england() - timedelta(days=60)
    services.receive_complaint(
        world.provider, complainant="Pat Officer", received_on=received, what="x", by=staff
    )
    page = _text(client_for(Role.COORDINATOR).get(reverse("complaints:list")))
    assert "Pat Officer" in page and "Overdue" in page


def test_staff_record_and_walk_a_complaint_through_its_pages(world, client_for, case):
    client = client_for(Role.COORDINATOR)
    bad = client.post(
        reverse("complaints:new"),
        {
            "complainant": "A parent",
            "received_on": "2026-05-04",
            "case_reference": "NOPE-1",
            "what": "x",
        },
    )
    assert bad.status_code == 400 and 'href="#id_case_reference"' in _text(bad)
    response = client.post(
        reverse("complaints:new"),
        {
            "complainant": "A parent",
            "complainant_is": "Parent",
            "received_on": "2026-05-04",
            "case_reference": case.reference.lower(),
            "what": "COMPLAINT-WORDS",
        },
    )
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.case == case
    for name, data in (
        ("acknowledge", {"acknowledged_on": "2026-05-05"}),
        ("investigate", {"investigation_started_on": "2026-05-06", "investigated_by": "Manager"}),
        ("answer", {"answered_on": "2026-05-07", "outcome": "not_upheld", "response": "Reply"}),
    ):
        response = client.post(reverse(f"complaints:{name}", args=[complaint.pk]), data)
        assert response.status_code == 302, _text(response)
    page = _text(client.get(reverse("complaints:detail", args=[complaint.pk])))
    assert "COMPLAINT-WORDS" in page and "Not upheld" in page
    assert case.accesses.filter(what=f"viewed complaint {complaint.pk}").exists()


def test_the_provider_sets_the_response_time_and_the_risk_rule(world, client_for):
    client = client_for(Role.SERVICE_MANAGER)
    data = {
        "name": world.provider.name,
        "email": "",
        "phone": "",
        "postal_address": "",
        "reply_to": "",
        "site_address": "",
        "risk_assessment_before_meeting": "on",
        "complaint_response_working_days": "15",
    }
    refused = client.post(
        reverse("setup:details"), {**data, "complaint_response_working_days": "0"}
    )
    assert "Enter a number of working days from 1 to 60" in _text(refused)
    world.provider.refresh_from_db()
    assert world.provider.complaint_response_working_days == 20  # the default, unchanged
    assert client.post(reverse("setup:details"), data).status_code == 302
    world.provider.refresh_from_db()
    assert world.provider.risk_assessment_before_meeting is True
    assert world.provider.complaint_response_working_days == 15


def test_the_reports_count_complaints(world, case):
    staff = world.user(Role.COORDINATOR)
    for outcome in ("upheld", "not_upheld"):
        c = services.receive_complaint(
            world.provider,
            complainant="P",
            received_on=date(2026, 5, 4),
            what="x",
            case=case,
            by=staff,
        )
        services.acknowledge_complaint(c, acknowledged_on=date(2026, 5, 4), by=staff)
        services.start_investigation(c, started_on=date(2026, 5, 5), investigated_by="M", by=staff)
        answered = date(2026, 5, 6) if outcome == "upheld" else date(2026, 7, 1)  # the second late
        services.answer_complaint(c, answered_on=answered, outcome=outcome, response="r", by=staff)
    services.receive_complaint(
        world.provider, complainant="Q", received_on=date(2026, 5, 4), what="x", by=staff
    )
    scope = Scope(provider_id=world.provider.pk)
    table = tables.complaints(scope, Period(date(2026, 4, 1), date(2026, 9, 30)), date(2026, 10, 1))
    figures = {f.key: f.value for f in table.figures()}
    assert figures[("complaints", "received")] == 3
    assert figures[("complaints", "answered")] == 2
    assert figures[("complaints", "answered_in_time")] == 1
    assert figures[("complaints", "answered_late")] == 1
    assert figures[("complaints", "outcome", "upheld")] == 1
    assert figures[("complaints", "overdue")] == 1
    # A report for one council counts the complaints about its cases only.
    other = Scope(provider_id=world.provider.pk, local_authority=world.other_la)
    other_figures = {
        f.key: f.value
        for f in tables.complaints(
            other, Period(date(2026, 4, 1), date(2026, 9, 30)), date(2026, 10, 1)
        ).figures()
    }
    assert other_figures[("complaints", "received")] == 0
