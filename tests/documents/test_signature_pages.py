"""The signature pages: an officer signs the agreement for their body on the case's pages; staff
record a paper signature with a scanned PDF; the case page then shows "Signed by all" and the
sealed PDF downloads. The mediation team writes and sends a statement through its pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.cases.choices import PartyRole
from accord.documents import signatures
from accord.documents.statement_models import CaseStatement, Signature, StatementState
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST
from tests.documents.signing import assert_sealed, scanned_pdf


def test_the_officer_signs_staff_record_the_paper_one_and_the_case_shows_signed_by_all(
    world,
    client_for,
    mediated_case,
    issued_agreement,
):
    reference = mediated_case.reference
    officer = client_for(Role.LA_OFFICER)
    case_page = officer.get(mediated_case.get_absolute_url()).content.decode()
    sign_url = reverse("documents:sign_agreement", args=[reference, issued_agreement.pk])
    assert sign_url in case_page and "Signed by 0 of 2" in case_page
    refused = officer.post(sign_url, {"typed_name": "", "seen_sha256": issued_agreement.sha256})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Type your full name to sign" in body and "Confirm the declaration" in body
    response = officer.post(
        sign_url,
        {"typed_name": "Dana Officer", "confirmed": "on", "seen_sha256": issued_agreement.sha256},
    )
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.user == world.user(Role.LA_OFFICER)
    assert signature.party.role == PartyRole.LA_OFFICER

    staff = client_for(Role.COORDINATOR)
    paper_url = reverse("documents:paper_signature", args=[reference, issued_agreement.pk])
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    response = staff.post(
        paper_url,
        {
            "party": parent.pk,
            "typed_name": "Jo Parentname",
            "signed_on": today_in_england().isoformat(),
            "scan": scanned_pdf(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    page = staff.get(mediated_case.get_absolute_url()).content.decode()
    assert "Signed by all" in page
    download = staff.get(
        reverse("documents:agreement_signed_pdf", args=[reference, issued_agreement.pk])
    )
    assert_sealed(b"".join(download.streaming_content))
    assert "Signed by all" in officer.get(mediated_case.get_absolute_url()).content.decode()


def test_a_scan_that_is_not_a_pdf_is_refused_on_the_page(
    client_for, mediated_case, issued_agreement
):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    response = client_for(Role.COORDINATOR).post(
        reverse("documents:paper_signature", args=[mediated_case.reference, issued_agreement.pk]),
        {
            "party": parent.pk,
            "typed_name": "Jo",
            "signed_on": today_in_england().isoformat(),
            "scan": SimpleUploadedFile("x.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        },
    )
    assert response.status_code == 400
    assert "The file must be one of these types: PDF" in response.content.decode()
    assert not Signature.objects.exists()


@pytest.mark.parametrize("role", [Role.LA_OFFICER, Role.COMMISSIONER])
def test_only_the_mediation_team_records_a_paper_signature(
    client_for, mediated_case, issued_agreement, role
):
    url = reverse("documents:paper_signature", args=[mediated_case.reference, issued_agreement.pk])
    assert client_for(role).get(url).status_code in (403, 404)


def test_the_team_writes_and_sends_a_statement_through_its_pages(world, client_for, mediated_case):
    staff = client_for(Role.MEDIATOR)  # the case's own mediator
    reference = mediated_case.reference
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    new = reverse("documents:new_statement", args=[reference])
    empty = staff.post(new, {"party": parent.pk, "text": ""})
    assert empty.status_code == 400 and not CaseStatement.objects.exists()
    response = staff.post(new, {"party": parent.pk, "text": "Jo's view of the plan."})
    assert response.status_code == 302
    statement = CaseStatement.objects.get()
    page = reverse("documents:statement", args=[reference, statement.pk])
    same = staff.post(page, {"text": "Jo's view of the plan."})
    assert same.status_code == 400  # no change, no new version
    assert staff.post(page, {"text": "Jo's view of the plan, corrected."}).status_code == 302
    assert statement.versions.count() == 2
    send = reverse("documents:send_statement", args=[reference, statement.pk])
    assert staff.post(send).status_code == 302
    statement.refresh_from_db()
    assert statement.state == StatementState.WITH_PARTY and statement.sent_version.number == 2
    message = OutboxMessage.objects.get(idempotency_key=f"statement:{statement.pk}:v2")
    assert CHILD_FIRST not in message.body and CHILD_LAST not in message.subject


def _signed_by_all(agreement):
    for party in signatures.signatories(agreement):
        signatures.sign_agreement(
            agreement,
            signatures.Signer(
                party=party,
                typed_name=party.name,
                confirmed=True,
                seen_sha256=agreement.sha256,
                signed_in_as=party.email,
            ),
            by=None,
        )


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_matrix_for_the_signature_pages(
    world, client_for, mediated_case, issued_agreement, role
):
    args = [mediated_case.reference, issued_agreement.pk]
    client = client_for(role)
    codes = {
        name: client.get(reverse(f"documents:{name}", args=args)).status_code
        for name in ("sign_agreement", "paper_signature")
    }
    _signed_by_all(issued_agreement)
    download = client.get(reverse("documents:agreement_signed_pdf", args=args))
    if download.streaming:
        b"".join(download.streaming_content)
    codes["agreement_signed_pdf"] = download.status_code
    team = {Role.SERVICE_MANAGER, Role.COORDINATOR, Role.ADVISER, Role.MEDIATOR}
    expected = {
        # Officers sign for their body; the mediation team records paper signatures.
        "sign_agreement": 200 if role == Role.LA_OFFICER else 403 if role in team else None,
        "paper_signature": 200 if role in team else 403,
        "agreement_signed_pdf": 200 if role in team | {Role.LA_OFFICER} else None,
    }
    for name, code in expected.items():
        if code is not None:
            assert codes[name] == code, (name, codes[name])
        else:
            assert codes[name] in (403, 404), (name, codes[name])
