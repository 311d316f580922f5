"""The mail inbox pages: who may open them, reading a reply filed to its case (audited), and
accepting, filing or setting aside mail that waits in the intake inbox."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases.models import Case, CaseAccess, TimelineEvent
from accord.inbound.filing import receive
from accord.inbound.models import InboundMail, MailStatus, ReplyAddress
from accord.organisations.roles import STAFF, Role
from tests.inbound.conftest import PDF_BYTES


@pytest.fixture
def waiting_mail(provider_address, make_email) -> InboundMail:
    raw = make_email(
        to=provider_address,
        sender="Officer <sen.team@kent.example>",
        subject="Referral: refusal to assess",
        body="We refer a family to you.",
        files=[("referral.pdf", PDF_BYTES, "application/pdf")],
    )
    (mail,) = receive(raw, recipients=[provider_address])
    return mail


@pytest.fixture
def filed_reply(parent_case, make_email) -> InboundMail:
    case, party = parent_case
    address = ReplyAddress.objects.create(case=case, recipient=party.email)
    raw = make_email(to=address.address, files=[("a.pdf", PDF_BYTES, "application/pdf")])
    (mail,) = receive(raw, recipients=[address.address])
    return mail


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_only_the_services_staff_open_the_mail_inbox(client_for, role, waiting_mail):
    for url in (reverse("inbound:inbox"), reverse("inbound:mail", args=[waiting_mail.pk])):
        assert client_for(role).get(url).status_code == (200 if role in STAFF else 403)


def test_another_providers_mail_is_404(world, waiting_mail):
    client = Client()
    client.force_login(world.stranger.user)
    assert client.get(reverse("inbound:mail", args=[waiting_mail.pk])).status_code == 404
    file = waiting_mail.attachments.get()
    assert client.get(reverse("inbound:attachment", args=[file.pk])).status_code == 404


def test_an_unread_reply_is_listed_shown_on_its_case_and_read_with_an_audit(
    world, client_for, filed_reply
):
    client = client_for(Role.COORDINATOR)
    inbox = client.get(reverse("inbound:inbox")).content.decode()
    assert filed_reply.case.reference in inbox
    case_page = client.get(filed_reply.case.get_absolute_url()).content.decode()
    assert 'id="mail"' in case_page and "a.pdf" in case_page
    officer_page = client_for(Role.LA_OFFICER).get(filed_reply.case.get_absolute_url())
    assert 'id="mail"' not in officer_page.content.decode()

    client.get(reverse("inbound:mail", args=[filed_reply.pk]))
    assert CaseAccess.objects.filter(case=filed_reply.case, what__startswith="read email").exists()
    file = filed_reply.attachments.get()
    download = client.get(reverse("inbound:attachment", args=[file.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert CaseAccess.objects.filter(what__startswith="downloaded emailed file").exists()

    response = client.post(reverse("inbound:mark_read", args=[filed_reply.pk]))
    assert response.status_code == 302
    filed_reply.refresh_from_db()
    assert filed_reply.status == MailStatus.FILED
    assert filed_reply.handled_by == world.user(Role.COORDINATOR)
    again = client.post(reverse("inbound:mark_read", args=[filed_reply.pk]))
    assert again.status_code == 400 and "already been dealt with" in again.content.decode()


def test_waiting_mail_is_filed_to_a_case_only_by_a_reference_of_this_service(
    world, client_for, waiting_mail, parent_case
):
    case, _ = parent_case
    theirs = Case.objects.create(
        provider=world.stranger_provider,
        reference="XX-2026-0001",
        child=case.child,
        local_authority=world.la,
        decision_kind="refuse_to_assess",
    )
    client = client_for(Role.COORDINATOR)
    url = reverse("inbound:file_to_case", args=[waiting_mail.pk])
    for wrong in ("", theirs.reference, "KM-9999-0001"):
        response = client.post(url, {"reference": wrong})
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()
    response = client.post(url, {"reference": f" {case.reference.lower()} "})
    assert response["Location"] == case.get_absolute_url()
    waiting_mail.refresh_from_db()
    assert waiting_mail.case == case and waiting_mail.status == MailStatus.FILED
    event = TimelineEvent.objects.get(case=case, kind="email_filed")
    assert event.actor == world.user(Role.COORDINATOR)


def test_waiting_mail_is_accepted_into_a_new_case_through_the_enquiry_service(
    world, client_for, waiting_mail
):
    client = client_for(Role.COORDINATOR)
    url = reverse("inbound:accept", args=[waiting_mail.pk])
    form = client.get(url).content.decode()
    assert 'value="sen.team@kent.example"' in form
    incomplete = client.post(url, {"contact_name": "Officer"})
    assert incomplete.status_code == 400 and "govuk-error-summary" in incomplete.content.decode()
    response = client.post(
        url,
        {
            "received_on": "2026-11-02",
            "channel": "email",
            "contact_name": "SEN Officer",
            "contact_role": "parent_carer",
            "contact_email": "sen.team@kent.example",
            "preferred_contact": "email",
            "child_first_name": "Mailfirst",
            "child_last_name": "Maillast",
            "child_date_of_birth": "2015-05-05",
            "local_authority": world.la.pk,
            "decision_kind": "refuse_to_assess",
            "decision_notice_sent_on": "2026-10-20",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(child__last_name="Maillast")
    assert case.channel == "email" and str(case.decision_notice_sent_on) == "2026-10-20"
    waiting_mail.refresh_from_db()
    assert (waiting_mail.status, waiting_mail.case) == (MailStatus.ACCEPTED, case)
    assert [a.filename for a in case.inbound_mail.get().attachments.all()] == ["referral.pdf"]


def test_mail_about_no_case_is_set_aside(client_for, waiting_mail):
    client = client_for(Role.ADVISER)
    response = client.post(reverse("inbound:dismiss", args=[waiting_mail.pk]))
    assert response.status_code == 302
    waiting_mail.refresh_from_db()
    assert waiting_mail.status == MailStatus.DISMISSED
    assert "No email is waiting" in client.get(reverse("inbound:inbox")).content.decode()
