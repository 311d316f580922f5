"""An issued agreement is signed by each party, online or on paper (a scanned PDF through the
one upload check); once every party has signed it shows "Signed by all", and its signed PDF is
the issued agreement with the evidence page appended, sealed by the provider."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

from accord.cases.choices import PartyRole
from accord.cases.models import TimelineEvent
from accord.documents import services, signatures
from accord.documents.errors import DocumentError
from accord.documents.services import ItemData
from accord.documents.statement_models import Signature
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.signing import (
    assert_sealed,
    evidence_text,
    pages_text,
    seal_fails,
    squeezed,
    tampered,
)


@pytest.fixture
def agreement(world, mediated_case):
    mediator = world.user(Role.MEDIATOR)
    agreement = services.start_agreement(mediated_case, by=mediator)
    services.add_item(
        agreement,
        ItemData(
            decided="Weekly speech and language therapy.",
            action="The LA will amend section F.",
            responsible="Kent County Council SEN team",
        ),
        by=mediator,
    )
    return services.issue_agreement(agreement, notify=False, by=mediator)


def _signer(party, agreement, name, **changes):
    fields = {
        "party": party,
        "typed_name": name,
        "confirmed": True,
        "seen_sha256": agreement.sha256,
        "signed_in_as": f"{party.email} (one-time code)",
        "ip_address": "198.51.100.20",
        "user_agent": "Mozilla/5.0 (agreement test)",
    }
    return signatures.Signer(**(fields | changes))


def scanned_pdf() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Signed on paper")
    page.save()
    return SimpleUploadedFile("scan.pdf", buffer.getvalue(), content_type="application/pdf")


def test_signed_by_every_party_shows_signed_by_all_and_is_sealed(world, mediated_case, agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    officer = mediated_case.parties.get(role=PartyRole.LA_OFFICER)
    assert {p.pk for p in signatures.signatories(agreement)} == {parent.pk, officer.pk}

    signatures.sign_agreement(agreement, _signer(parent, agreement, "Jo Parentname"), by=None)
    agreement.refresh_from_db()
    assert agreement.signed_by_all_at is None and not agreement.signed_pdf
    signatures.sign_agreement(
        agreement,
        _signer(officer, agreement, "Dana Officer", signed_in_as="dana@council.example"),
        by=world.user(Role.LA_OFFICER),
    )
    agreement.refresh_from_db()
    assert agreement.signed_by_all_at is not None
    assert TimelineEvent.objects.filter(case=mediated_case, kind="agreement_signed_by_all").exists()

    with agreement.signed_pdf.open("rb") as file:
        signed = file.read()
    assert hashlib.sha256(signed).hexdigest() == agreement.signed_sha256
    with agreement.pdf.open("rb") as file:  # the issued PDF is kept as issued
        issued = file.read()
    assert hashlib.sha256(issued).hexdigest() == agreement.sha256
    evidence = evidence_text(signed, issued)
    assert pages_text(signed)[: len(pages_text(issued))] == pages_text(issued)
    for expected in ("Jo Parentname", "Dana Officer", "198.51.100.20", "Signed by all"):
        assert expected in evidence, expected
    assert agreement.sha256 in squeezed(evidence)
    assert_sealed(signed)
    assert seal_fails(tampered(signed))


def test_a_stale_agreement_is_not_signed(world, mediated_case, agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError, match="changed after you opened it"):
        signatures.sign_agreement(
            agreement, _signer(parent, agreement, "Jo", seen_sha256="0" * 64), by=None
        )
    assert not Signature.objects.exists()


def test_a_party_signs_once_and_only_a_party_signs(world, mediated_case, agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    signatures.sign_agreement(agreement, _signer(parent, agreement, "Jo"), by=None)
    with pytest.raises(DocumentError, match="already signed"):
        signatures.sign_agreement(agreement, _signer(parent, agreement, "Jo"), by=None)
    stranger = mediated_case.parties.create(role=PartyRole.PROFESSIONAL, name="A Therapist")
    with pytest.raises(DocumentError, match="Only a party"):
        signatures.sign_agreement(agreement, _signer(stranger, agreement, "A"), by=None)


def test_a_draft_agreement_is_not_signed(world, mediated_case):
    draft = services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError, match="issued"):
        signatures.sign_agreement(draft, _signer(parent, draft, "Jo"), by=None)


def test_a_paper_signature_completes_the_agreement(world, mediated_case, agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    officer = mediated_case.parties.get(role=PartyRole.LA_OFFICER)
    signatures.sign_agreement(agreement, _signer(officer, agreement, "Dana"), by=None)
    scan = scanned_pdf()
    signature = signatures.record_paper_signature(
        agreement,
        parent,
        scan,
        typed_name="Jo Parentname",
        signed_on=today_in_england(),
        by=world.user(Role.COORDINATOR),
    )
    assert signature.on_paper and signature.paper_scan.name.endswith(".pdf")
    assert len(signature.paper_sha256) == 64
    agreement.refresh_from_db()
    assert agreement.signed_by_all_at is not None
    with agreement.signed_pdf.open("rb") as file:
        signed = file.read()
    with agreement.pdf.open("rb") as file:
        assert "On paper" in evidence_text(signed, file.read())
    assert_sealed(signed)


@pytest.mark.parametrize(
    ("upload", "signed_on", "field"),
    [
        (SimpleUploadedFile("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 40), 0, "scan"),
        (None, 1, "signed_on"),
    ],
)
def test_a_paper_signature_is_checked(world, mediated_case, agreement, upload, signed_on, field):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError) as refused:
        signatures.record_paper_signature(
            agreement,
            parent,
            upload or scanned_pdf(),
            typed_name="Jo",
            signed_on=today_in_england() + timedelta(days=signed_on),
            by=world.user(Role.COORDINATOR),
        )
    assert refused.value.field == field
    assert not Signature.objects.exists()
