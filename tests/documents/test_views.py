"""Document pages: confirm-then-issue, idempotent double submit, clear refusals with status
400 and nothing saved, downloads audited, and who may reach what."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.models import Case, CaseAccess
from accord.documents import services
from accord.documents.models import Agreement, Certificate, DocumentCounter
from accord.meetings import services as meeting_services
from accord.meetings.details import MeetingDetails
from accord.meetings.models import MeetingFormat, MeetingKind
from accord.organisations.roles import Role
from tests.documents.conftest import CHILD_FIRST, DECISION_SENT, MEETING_DAY, PARENT, make_case
from tests.documents.helpers import hidden_value, key, pdf_text
from tests.factories import CaseFactory

R = Role


def issue_url(case, kind="information_given"):
    return reverse("documents:issue_certificate", args=[case.reference, kind])


def issued(case, by, kind="information_given", issued_on=None):
    return services.issue_certificate(case, kind, issued_on, idempotency_key=key(), by=by)


def test_the_confirmation_page_shows_what_will_be_printed(world, client_for, declined_case):
    response = client_for(R.ADVISER).get(issue_url(declined_case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check the certificate before you issue it" in html
    assert PARENT in html and "Kent County Council" in html
    assert "section 55(4)" in html
    deadline = rules.appeal_deadline(DECISION_SENT, rules.today_in_england())
    assert "appeal deadline" in html
    assert f"5pm on {rules.wording.long_date(deadline)}" in html
    assert "Issue the certificate</button>" in html


def test_the_not_pursued_certificate_page_says_why_it_is_issued(world, client_for):
    # SEND Regs reg 34: mediation chosen, then the family stopped replying.
    case = make_case(world, "not_pursued")
    html = client_for(R.ADVISER).get(issue_url(case, "not_pursued")).content.decode()
    assert "Information and advice given; mediation chosen, then not pursued" in html
    assert "regulation 34" in html
    assert "had not replied to 3 attempts to contact them" in html
    assert "Issue the certificate</button>" in html
    page = client_for(R.ADVISER).get(case.get_absolute_url()).content.decode()
    assert issue_url(case, "not_pursued") in page
    assert issue_url(case, "information_given") not in page


def test_a_double_submit_issues_one_certificate(world, client_for, declined_case):
    client = client_for(R.ADVISER)
    page = client.get(issue_url(declined_case)).content.decode()
    form = {
        "idempotency_key": hidden_value(page, "idempotency_key"),
        "version": hidden_value(page, "version"),
    }
    first = client.post(issue_url(declined_case), form)
    second = client.post(issue_url(declined_case), form)
    assert first.status_code == second.status_code == 302
    assert Certificate.objects.count() == 1
    assert declined_case.timeline.filter(kind="certificate_issued").count() == 1


def test_issuing_in_the_wrong_state_says_why_with_400_and_saves_nothing(world, client_for):
    case = make_case(world, "arranging")
    response = client_for(R.ADVISER).post(
        issue_url(case), {"idempotency_key": key(), "version": case.version}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "You cannot issue the certificate while the case is at" in html
    assert not Certificate.objects.exists()
    assert not DocumentCounter.objects.exists()


def test_the_page_warns_before_anyone_tries(world, client_for):
    case = make_case(world, "arranging")
    html = client_for(R.ADVISER).get(issue_url(case)).content.decode()
    assert "Record the family" in html
    assert "Issue the certificate</button>" not in html


def test_a_stale_version_is_refused(world, client_for, declined_case):
    response = client_for(R.ADVISER).post(
        issue_url(declined_case), {"idempotency_key": key(), "version": declined_case.version - 1}
    )
    assert response.status_code == 400
    assert "Someone else changed this case" in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_certificate_download_is_the_pdf_and_is_audited(world, client_for, declined_case):
    certificate = issued(declined_case, world.user(R.ADVISER))
    url = reverse("documents:certificate_pdf", args=[declined_case.reference, certificate.pk])
    # The family declined mediation, so the LA is not a party: its officer sees nothing...
    assert client_for(R.LA_OFFICER).get(url).status_code == 404
    # ...unless the family agreed at intake to share the case with the LA and ICB.
    Case.objects.filter(pk=declined_case.pk).update(shared_with_bodies_on=declined_case.received_on)
    response = client_for(R.LA_OFFICER).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert certificate.number in pdf_text(b"".join(response.streaming_content))
    assert CaseAccess.objects.filter(
        case=declined_case,
        user=world.user(R.LA_OFFICER),
        what=f"downloaded certificate {certificate.number}",
    ).exists()


def test_correcting_through_the_page(world, client_for, declined_case):
    first = issued(declined_case, world.user(R.ADVISER))
    url = reverse("documents:correct_certificate", args=[declined_case.reference, first.pk])
    client = client_for(R.COORDINATOR)
    page = client.get(url).content.decode()
    response = client.post(
        url, {"reason": "", "idempotency_key": hidden_value(page, "idempotency_key")}
    )
    assert response.status_code == 400
    response = client.post(
        url, {"reason": "Wrong name", "idempotency_key": hidden_value(page, "idempotency_key")}
    )
    assert response.status_code == 302
    html = client.get(declined_case.get_absolute_url()).content.decode()
    assert f"Replaced by {Certificate.objects.get(supersedes=first).number}" in html


def test_the_case_page_lists_certificates_and_offers_the_due_one(world, client_for, declined_case):
    client = client_for(R.ADVISER)
    html = client.get(declined_case.get_absolute_url()).content.decode()
    assert issue_url(declined_case) in html
    certificate = issued(declined_case, world.user(R.ADVISER))
    html = client.get(declined_case.get_absolute_url()).content.decode()
    assert certificate.number in html and "Current" in html
    assert issue_url(declined_case) not in html


# --- agreements through the pages -------------------------------------------------------------


def test_writing_issuing_and_following_up_an_agreement(
    world, client_for, mediated_case, deliver_outbox
):
    deliver_outbox()  # what was queued before (the enquiry confirmation)
    mail.outbox.clear()
    client = client_for(R.MEDIATOR)
    ref = mediated_case.reference
    response = client.post(
        reverse("documents:start_agreement", args=[ref]), {"summary": "", "la_party": "on"}
    )
    agreement = Agreement.objects.get()
    add = reverse("documents:add_item", args=[ref, agreement.pk])
    # Straight on to the first point (the page-load budget, issue "half the clicks").
    assert response["Location"] == add
    typed = {
        "decided": "Speech therapy weekly",
        "action": "The LA will amend section F",
        "responsible": "Kent SEN team",
        "action_kind": "amend_plan",
        "due_on": "2026-06-30",
    }
    response = client.post(add, typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "say why" in html
    assert "Speech therapy weekly" in html  # nothing typed is lost
    assert not agreement.items.exists()
    response = client.post(add, {**typed, "due_on": ""})
    assert response.status_code == 302
    item = agreement.items.get()
    assert str(item.due_on) == "2026-05-12"
    response = client.post(reverse("documents:issue_agreement", args=[ref, agreement.pk]))
    assert response.status_code == 302
    deliver_outbox()
    assert len(mail.outbox) == 2
    done = reverse("documents:mark_done", args=[ref, agreement.pk, item.pk])
    assert client.post(done, {"done_on": "2026-05-01"}).status_code == 302
    item.refresh_from_db()
    assert str(item.done_on) == "2026-05-01"
    html = client_for(R.LA_OFFICER).get(mediated_case.get_absolute_url()).content.decode()
    assert "The LA will amend section F" in html and "Done in time" in html
    assert "Mark as done" not in html  # officers read, never edit


def test_officers_download_the_agreement_but_never_edit(world, client_for, mediated_case):
    agreement = services.start_agreement(mediated_case, by=world.user(R.MEDIATOR))
    services.add_item(
        agreement,
        services.ItemData(decided="x", action="y", responsible="z", action_kind="other_matters"),
        by=world.user(R.MEDIATOR),
    )
    services.issue_agreement(agreement, notify=False, by=world.user(R.MEDIATOR))
    ref = mediated_case.reference
    # The ICB was told the health issues too (SEND Regs reg 36), so it is a party as well.
    Case.objects.filter(pk=mediated_case.pk).update(health_body_notified_on=date(2026, 3, 16))
    for role in (R.LA_OFFICER, R.ICB_OFFICER):
        client = client_for(role)
        pdf = client.get(reverse("documents:agreement_pdf", args=[ref, agreement.pk]))
        assert pdf.status_code == 200
        assert CHILD_FIRST in pdf_text(b"".join(pdf.streaming_content))
        assert (
            client.get(reverse("documents:agreement", args=[ref, agreement.pk])).status_code == 403
        )
        assert client.get(issue_url(mediated_case, "after_mediation")).status_code == 403


# --- who may reach what ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (R.ADVISER, 200),
        (R.COORDINATOR, 200),
        (R.SERVICE_MANAGER, 200),
        (R.MEDIATOR, 403),  # the mediator issues only the certificate after mediation
        (R.LA_OFFICER, 403),
        (R.ICB_OFFICER, 403),
        (R.COMMISSIONER, 403),
    ],
)
def test_who_may_open_the_information_given_certificate(
    world, client_for, declined_case, role, status
):
    assert client_for(role).get(issue_url(declined_case)).status_code == status


def test_the_mediator_issues_the_certificate_after_mediation(world, client_for, mediated_case):
    client = client_for(R.MEDIATOR)
    url = issue_url(mediated_case, "after_mediation")
    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "idempotency_key": hidden_value(page, "idempotency_key"),
            "version": mediated_case.version,
        },
    )
    assert response.status_code == 302
    assert Certificate.objects.get().issued_by == world.user(R.MEDIATOR)


def test_a_mediator_of_another_case_gets_404(world, client_for):
    case = make_case(world, "follow_up")
    certificate = issued(case, world.user(R.ADVISER), "after_mediation", MEETING_DAY)
    case.mediator = None
    case.save()
    client = client_for(R.MEDIATOR)
    for url in [
        issue_url(case, "after_mediation"),
        reverse("documents:certificate_pdf", args=[case.reference, certificate.pk]),
        reverse("documents:start_agreement", args=[case.reference]),
    ]:
        assert client.get(url).status_code == 404, url


def test_an_officer_of_another_la_gets_404(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.other_la)
    url = reverse("documents:start_agreement", args=[case.reference])
    assert client_for(R.COORDINATOR).get(url).status_code == 200
    pdf = reverse("documents:certificate_pdf", args=[case.reference, 1])
    assert client_for(R.LA_OFFICER).get(pdf).status_code == 404


def test_another_provider_gets_404_for_every_document_page(world, declined_case):
    certificate = issued(declined_case, world.user(R.ADVISER))
    client = Client()
    client.force_login(world.stranger.user)
    ref = declined_case.reference
    for url in [
        issue_url(declined_case),
        reverse("documents:certificate_pdf", args=[ref, certificate.pk]),
        reverse("documents:correct_certificate", args=[ref, certificate.pk]),
        reverse("documents:start_agreement", args=[ref]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_certificate_is_only_found_on_its_own_case(world, client_for, declined_case):
    certificate = issued(declined_case, world.user(R.ADVISER))
    other = make_case(world, child_last_name="Other")
    url = reverse("documents:certificate_pdf", args=[other.reference, certificate.pk])
    assert client_for(R.COORDINATOR).get(url).status_code == 404


def test_officers_see_an_agreement_only_once_it_is_issued(world, client_for, mediated_case):
    agreement = services.start_agreement(mediated_case, by=world.user(R.MEDIATOR))
    services.add_item(
        agreement,
        services.ItemData(decided="x", action="DRAFT-POINT-TEXT", responsible="z"),
        by=world.user(R.MEDIATOR),
    )
    officer = client_for(R.LA_OFFICER)
    assert "DRAFT-POINT-TEXT" not in officer.get(mediated_case.get_absolute_url()).content.decode()
    assert (
        "DRAFT-POINT-TEXT"
        in client_for(R.MEDIATOR).get(mediated_case.get_absolute_url()).content.decode()
    )
    services.issue_agreement(agreement, notify=False, by=world.user(R.MEDIATOR))
    assert "DRAFT-POINT-TEXT" in officer.get(mediated_case.get_absolute_url()).content.decode()


def test_a_partial_agreement_goes_straight_on_to_writing_it(world, client_for):
    # SEND Regs 2014 reg 42: what was agreed is recorded in writing; no agreement, no form.
    for outcome, then in (("partial", "documents:start_agreement"), ("none", None)):
        case = make_case(world, "arranging", child_last_name=f"Case{outcome}")
        meeting_services.book_meeting(
            case,
            MeetingDetails(
                kind=MeetingKind.MEDIATION,
                format=MeetingFormat.ONLINE,
                starts_at=timezone.make_aware(
                    datetime.combine(MEETING_DAY, time(9 + len(outcome)))
                ),
                ends_at=timezone.make_aware(datetime.combine(MEETING_DAY, time(10 + len(outcome)))),
                mediator=world.user(R.MEDIATOR),
                online_link="https://meet.example.org/x",
            ),
            confirm_after_deadline=True,
            notify=False,
            by=world.user(R.COORDINATOR),
        )
        case.refresh_from_db()
        response = client_for(R.MEDIATOR).post(
            reverse("cases:outcome", args=[case.reference]),
            {"version": case.version, "outcome": outcome, "concluded_on": MEETING_DAY.isoformat()},
        )
        expected = (
            reverse(then, args=[case.reference]) if then else f"{case.get_absolute_url()}#deadlines"
        )
        assert response["Location"] == expected
