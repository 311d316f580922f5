"""'Where is my case?': the family's page shows what has happened, what happens next, every date
that matters to them (from the case's clocks, never recomputed) and their documents."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.documents.models import Agreement
from accord.meetings.models import Attendee, Meeting
from accord.organisations.roles import Role
from tests.family.conftest import issue_certificate, make_case, parent_of, pdf_bytes, sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def page(client: Client, case) -> str:
    response = client.get(reverse("family:case", args=[case.reference]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def client(family_case) -> Client:
    browser = Client()
    sign_in(browser)
    return browser


def test_the_page_says_where_the_case_is_and_what_happens_next(family_case, client):
    family_case.state = "arranging"
    family_case.save()
    html = page(client, family_case)
    assert "Where is my case?" in html
    assert "We are setting up a meeting with you and the other side." in html
    assert "We received your request for help." in html
    assert "Send us your child's views" in html


def test_the_appeal_and_adviser_dates_come_from_the_case_clocks(family_case, client):
    clocks = {c.key: c for c in deadlines_for(family_case, clock_facts_for(family_case))}
    html = page(client, family_case)
    appeal = clocks["appeal"].due
    assert appeal == rules.appeal_deadline(date(2026, 10, 1))
    assert "Last day to appeal to the SEND Tribunal" in html
    assert long_date(appeal) in html
    assert "This date may move later when you get a mediation certificate" in html
    assert long_date(clocks["adviser_contact"].due) in html
    assert "Last day to talk to a mediation adviser" in html


def test_after_the_certificate_the_appeal_date_moves_and_the_certificate_is_there(
    world, family_case, client
):
    certificate = issue_certificate(family_case, "KM-C-0001", by=world.user(Role.ADVISER))
    html = page(client, family_case)
    appeal = rules.appeal_deadline(date(2026, 10, 1), certificate.issued_on)
    assert long_date(appeal) in html
    assert "This date may move later" not in html
    assert "Mediation certificate KM-C-0001 (PDF)" in html
    assert "We issued your mediation certificate, number KM-C-0001." in html


def test_the_certificate_downloads_and_the_download_is_recorded(world, family_case, client):
    certificate = issue_certificate(family_case, "KM-C-0001", by=world.user(Role.ADVISER))
    response = client.get(
        reverse("family:certificate", args=[family_case.reference, certificate.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "Certificate KM-C-0001" in text
    assert family_case.accesses.filter(
        user=None, what="family downloaded certificate KM-C-0001"
    ).exists()


def test_a_superseded_certificate_is_marked_and_cannot_be_downloaded(world, family_case, client):
    adviser = world.user(Role.ADVISER)
    old = issue_certificate(family_case, "KM-C-0001", by=adviser)
    new = issue_certificate(family_case, "KM-C-0002", supersedes=old, by=adviser)
    html = page(client, family_case)
    assert "Replaced" in html and "Use certificate KM-C-0002 instead." in html
    assert reverse("family:certificate", args=[family_case.reference, old.pk]) not in html
    assert reverse("family:certificate", args=[family_case.reference, new.pk]) in html
    old_url = reverse("family:certificate", args=[family_case.reference, old.pk])
    assert client.get(old_url).status_code == 404


def make_agreement(case, by, *, issued: bool) -> Agreement:
    agreement = Agreement(
        case=case,
        number="KM-A-0001" if issued else "",
        outcome="full",
        concluded_on=date(2026, 11, 20),
    )
    if issued:
        agreement.issued_at = timezone.now()
        agreement.issued_by = by
        agreement.pdf.save("agreement.pdf", ContentFile(pdf_bytes("What was agreed")), False)
    agreement.save()
    return agreement


def test_only_issued_agreements_are_shown_and_downloaded(world, family_case, client):
    mediator = world.user(Role.MEDIATOR)
    issued = make_agreement(family_case, mediator, issued=True)
    draft = make_agreement(family_case, mediator, issued=False)
    html = page(client, family_case)
    assert "What was agreed at the meeting on 20 November 2026 (PDF)" in html
    assert reverse("family:agreement", args=[family_case.reference, draft.pk]) not in html
    draft_url = reverse("family:agreement", args=[family_case.reference, draft.pk])
    assert client.get(draft_url).status_code == 404
    response = client.get(reverse("family:agreement", args=[family_case.reference, issued.pk]))
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "What was agreed" in text
    assert family_case.accesses.filter(what="family downloaded agreement KM-A-0001").exists()


def meeting(case, kind="mediation", **fields) -> Meeting:
    start = datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)
    values = {
        "case": case,
        "kind": kind,
        "format": "online",
        "starts_at": start,
        "ends_at": start + timedelta(hours=4),
        "online_link": "https://meet.example.com/abc",
        "online_meeting_id": "123 456",
        "online_passcode": "pass-789",
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def test_meetings_show_their_details_and_calendar_file(family_case, client):
    booked = meeting(family_case)
    html = page(client, family_case)
    assert "Your mediation meeting" in html
    assert "Tuesday 8 December 2026, 10am" in html
    assert "Passcode: pass-789" in html and "Meeting ID: 123 456" in html
    url = reverse("family:meeting_calendar", args=[family_case.reference, booked.pk])
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = next(c for c in Calendar.from_ical(response.content).walk("VEVENT"))
    assert str(event["UID"]) == str(booked.uid)
    assert event.decoded("DTSTART") == booked.starts_at
    assert "Alfie" not in response.content.decode()
    assert family_case.accesses.filter(
        what=f"family downloaded calendar file for meeting {booked.pk}"
    ).exists()


def test_cancelled_meetings_and_other_parties_pre_meetings_are_not_shown(family_case, client):
    cancelled = meeting(family_case, cancelled_at=timezone.now())
    la_pre_meeting = meeting(family_case, kind="pre_meeting", online_passcode="LA-ONLY")
    Attendee.objects.create(
        meeting=la_pre_meeting, party=family_case.parties.get(role="la_officer")
    )
    family_pre_meeting = meeting(family_case, kind="pre_meeting", online_passcode="FAMILY-PRE")
    Attendee.objects.create(meeting=family_pre_meeting, party=parent_of(family_case))
    html = page(client, family_case)
    assert "LA-ONLY" not in html
    assert "FAMILY-PRE" in html
    for hidden in (cancelled, la_pre_meeting):
        url = reverse("family:meeting_calendar", args=[family_case.reference, hidden.pk])
        assert client.get(url).status_code == 404


def test_the_history_shows_events_for_the_family_in_plain_words(world, family_case, client):
    from accord.cases.services import close_case

    close_case(family_case, "withdrawn", "Agreed everything", by=world.user(Role.COORDINATOR))
    html = page(client, family_case)
    assert "We closed your case." in html
    assert "Agreed everything" not in html  # the reason is for the service
    assert "Your case is closed." in html


def test_the_history_tells_the_family_of_a_reopened_case_and_a_cancelled_meeting(
    world, family_case, client
):
    from accord.cases.services import close_case, reopen_case

    coordinator = world.user(Role.COORDINATOR)
    close_case(family_case, "withdrawn", "Agreed everything", by=coordinator)
    reopen_case(family_case, "Closed by mistake", by=coordinator)
    html = page(client, family_case)
    assert "We opened your case again." in html
    assert "Closed by mistake" not in html  # the reason is for the service

    from accord.meetings.services import cancel_meeting

    family_case.refresh_from_db()
    family_case.state = "meeting_booked"
    family_case.save(update_fields=["state"])
    cancel_meeting(meeting(family_case), "The officer is ill", by=coordinator, notify=False)
    html = page(client, family_case)
    assert "The meeting was cancelled. We will be in touch about what happens next." in html
    assert "The officer is ill" not in html


@pytest.mark.parametrize(
    ("hour", "minute", "words"),
    [(10, 0, "10am"), (14, 30, "2:30pm"), (12, 0, "midday"), (0, 0, "midnight"), (9, 5, "9:05am")],
)
def test_times_are_written_the_govuk_way(hour, minute, words):
    from accord.family.templatetags.family import govuk_time

    assert govuk_time(datetime(2026, 12, 8, hour, minute, tzinfo=LONDON)) == words


def test_dates_already_met_say_so_in_plain_words(family_case, client):
    html = page(client, family_case)
    assert "You contacted us on 20 October 2026." in html


def test_with_a_certificate_the_next_step_is_the_appeal_by_its_last_day(world):
    today = timezone.localdate()
    case = make_case(
        world,
        email="recent@example.com",
        state="follow_up",
        decision_notice_sent_on=today - timedelta(days=20),
        received_on=today - timedelta(days=10),
    )
    certificate = issue_certificate(case, "KM-C-0009", on=today, by=world.user(Role.ADVISER))
    appeal = rules.appeal_deadline(case.decision_notice_sent_on, certificate.issued_on)
    browser = Client()
    sign_in(browser, "recent@example.com")
    assert f"you must do it by {long_date(appeal)}" in page(browser, case)


def test_a_family_not_pursuing_mediation_sees_their_certificate_date_in_plain_words(
    world, family_case, client
):
    # SEND Regs reg 34: chose mediation, then stopped replying; certificate within 3 working days.
    from accord.cases.services import record_mediation_not_pursued

    family_case.state, family_case.family_choice = "arranging", "mediation"
    family_case.family_choice_on = family_case.la_notified_on = date(2026, 10, 20)
    family_case.save()
    record_mediation_not_pursued(
        family_case,
        date(2026, 11, 20),
        "no_reply",
        attempts=2,
        note="Left two voicemails",
        by=world.user(Role.ADVISER),
    )
    html = page(client, family_case)
    assert "Your certificate should be ready by" in html
    assert long_date(date(2026, 11, 25)) in html  # Fri 20 Nov -> Wed 25 Nov 2026
    assert "You are not going ahead with the mediation you chose" in html
    assert "We noted that you are not going ahead with mediation." in html
    assert "voicemails" not in html and "attempts" not in html  # the service's own record
