"""Certificates (details and the PDF as issued), meetings, events and an ICB's referral, as the
pages show them to the body's officers."""

from __future__ import annotations

import hashlib
import uuid

from django_q.models import Schedule

from accord.api.tasks import DELIVER_WEBHOOKS, deliver_webhooks, ensure_schedules
from accord.cases.models import Case
from accord.documents import services as documents
from accord.meetings.models import Meeting
from accord.organisations.roles import Role
from tests.api.conftest import REFERRAL
from tests.documents.conftest import MEETING_DAY, make_case


def test_certificates_and_their_pdf(world, la_caller):
    case = make_case(world, "follow_up")
    certificate = documents.issue_certificate(
        case,
        "after_mediation",
        MEETING_DAY,
        idempotency_key=uuid.uuid4().hex,
        by=world.user(Role.MEDIATOR),
    )
    listed = la_caller.get(f"/api/v1/cases/{case.reference}/certificates/").json()
    assert [c["number"] for c in listed] == [certificate.number]
    assert listed[0]["sha256"] == certificate.sha256
    pdf = la_caller.get(f"/api/v1/cases/{case.reference}/certificates/{certificate.number}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content)
    assert hashlib.sha256(body).hexdigest() == certificate.sha256
    assert case.accesses.filter(what__contains=certificate.number).exists()
    missing = la_caller.get(f"/api/v1/cases/{case.reference}/certificates/NOPE/pdf/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_meetings_and_events_as_the_officers_see_them(world, la_caller):
    case = make_case(world, "follow_up")
    meetings = la_caller.get(f"/api/v1/cases/{case.reference}/meetings/").json()
    seen = {m.pk for m in Meeting.objects.filter(case=case, kind__in=["mediation", "dr"])}
    assert {m["id"] for m in meetings} >= seen
    events = la_caller.get(f"/api/v1/cases/{case.reference}/events/?page_size=2").json()
    assert len(events["results"]) == 2
    kinds = set()
    page = events
    while True:
        kinds |= {e["kind"] for e in page["results"]}
        if not page["next"]:
            break
        page = la_caller.get(page["next"]).json()
    stored = set(case.timeline.filter(visible_to_officers=True).values_list("kind", flat=True))
    assert kinds <= stored
    assert "note" not in kinds


def test_an_icb_refers_for_a_council_it_names(world, make_caller):
    icb = make_caller("icb")
    answer = icb.post(
        "/api/v1/referrals/",
        REFERRAL | {"local_authority": world.la.code},
        HTTP_IDEMPOTENCY_KEY="i1",
    )
    assert answer.status_code == 201, answer.content
    case = Case.objects.get(reference=answer.json()["reference"])
    assert (case.local_authority, case.health_body, case.involves_health) == (
        world.la,
        world.icb,
        True,
    )
    unknown = icb.post(
        "/api/v1/referrals/", REFERRAL | {"local_authority": "E99999999"}, HTTP_IDEMPOTENCY_KEY="i2"
    )
    assert unknown.status_code == 400


def test_the_webhook_job_is_scheduled_every_minute(db):
    ensure_schedules()
    schedule = Schedule.objects.get(func=DELIVER_WEBHOOKS)
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
    assert deliver_webhooks() == "0 delivered, 0 to retry, 0 failed"
