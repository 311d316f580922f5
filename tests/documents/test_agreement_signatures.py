"""An issued agreement is signed by each party, online or on paper (a scanned PDF through the
one upload check); once every party has signed it shows "Signed by all", and its signed PDF is
the issued agreement with the evidence page appended, sealed by the provider."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.cases.choices import PartyRole
from accord.cases.models import TimelineEvent
from accord.documents import services, signatures
from accord.documents.errors import DocumentError
from accord.documents.statement_models import Signature
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.signing import (
    assert_sealed,
    evidence_text,
    pages_text,
    scanned_pdf,
    seal_fails,
    squeezed,
    tampered,
)


def _signer(party, issued_agreement, name, **changes):
    fields = {
        "party": party,
        "typed_name": name,
        "confirmed": True,
        "seen_sha256": issued_agreement.sha256,
        "signed_in_as": f"{party.email} (one-time code)",
        "ip_address": "198.51.100.20",
        "user_agent": "Mozilla/5.0 (agreement test)",
    }
    return signatures.Signer(**(fields | changes))


def test_signed_by_every_party_shows_signed_by_all_and_is_sealed(
    world, mediated_case, issued_agreement
):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    officer = mediated_case.parties.get(role=PartyRole.LA_OFFICER)
    assert {p.pk for p in signatures.signatories(issued_agreement)} == {parent.pk, officer.pk}

    signatures.sign_agreement(
        issued_agreement, _signer(parent, issued_agreement, "Jo Parentname"), by=None
    )
    issued_agreement.refresh_from_db()
    assert issued_agreement.signed_by_all_at is None and not issued_agreement.signed_pdf
    signatures.sign_agreement(
        issued_agreement,
        _signer(officer, issued_agreement, "Dana Officer", signed_in_as="dana@council.example"),
        by=world.user(Role.LA_OFFICER),
    )
    issued_agreement.refresh_from_db()
    assert issued_agreement.signed_by_all_at is not None
    assert TimelineEvent.objects.filter(case=mediated_case, kind="agreement_signed_by_all").exists()

    with issued_agreement.signed_pdf.open("rb") as file:
        signed = file.read()
    assert hashlib.sha256(signed).hexdigest() == issued_agreement.signed_sha256
    with issued_agreement.pdf.open("rb") as file:  # the issued PDF is kept as issued
        issued = file.read()
    assert hashlib.sha256(issued).hexdigest() == issued_agreement.sha256
    evidence = evidence_text(signed, issued)
    assert pages_text(signed)[: len(pages_text(issued))] == pages_text(issued)
    for expected in ("Jo Parentname", "Dana Officer", "198.51.100.20", "Signed by all"):
        assert expected in evidence, expected
    assert issued_agreement.sha256 in squeezed(evidence)
    assert_sealed(signed)
    assert seal_fails(tampered(signed))


def test_a_stale_agreement_is_not_signed(world, mediated_case, issued_agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError, match="changed after you opened it"):
        signatures.sign_agreement(
            issued_agreement, _signer(parent, issued_agreement, "Jo", seen_sha256="0" * 64), by=None
        )
    assert not Signature.objects.exists()


def test_a_party_signs_once_and_only_a_party_signs(world, mediated_case, issued_agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    signatures.sign_agreement(issued_agreement, _signer(parent, issued_agreement, "Jo"), by=None)
    with pytest.raises(DocumentError, match="already signed"):
        signatures.sign_agreement(
            issued_agreement, _signer(parent, issued_agreement, "Jo"), by=None
        )
    stranger = mediated_case.parties.create(role=PartyRole.PROFESSIONAL, name="A Therapist")
    with pytest.raises(DocumentError, match="Only a party"):
        signatures.sign_agreement(
            issued_agreement, _signer(stranger, issued_agreement, "A"), by=None
        )


def test_a_draft_agreement_is_not_signed(world, mediated_case):
    draft = services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError, match="issued"):
        signatures.sign_agreement(draft, _signer(parent, draft, "Jo"), by=None)


def test_a_paper_signature_completes_the_agreement(world, mediated_case, issued_agreement):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    officer = mediated_case.parties.get(role=PartyRole.LA_OFFICER)
    signatures.sign_agreement(issued_agreement, _signer(officer, issued_agreement, "Dana"), by=None)
    scan = scanned_pdf()
    signature = signatures.record_paper_signature(
        issued_agreement,
        parent,
        scan,
        typed_name="Jo Parentname",
        signed_on=today_in_england(),
        by=world.user(Role.COORDINATOR),
    )
    assert signature.on_paper and signature.paper_scan.name.endswith(".pdf")
    assert len(signature.paper_sha256) == 64
    issued_agreement.refresh_from_db()
    assert issued_agreement.signed_by_all_at is not None
    with issued_agreement.signed_pdf.open("rb") as file:
        signed = file.read()
    with issued_agreement.pdf.open("rb") as file:
        assert "On paper" in evidence_text(signed, file.read())
    assert_sealed(signed)


@pytest.mark.parametrize(
    ("upload", "signed_on", "field"),
    [
        (SimpleUploadedFile("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 40), 0, "scan"),
        (None, 1, "signed_on"),
    ],
)
def test_a_paper_signature_is_checked(
    world, mediated_case, issued_agreement, upload, signed_on, field
):
    parent = mediated_case.parties.get(role=PartyRole.PARENT_CARER)
    with pytest.raises(DocumentError) as refused:
        signatures.record_paper_signature(
            issued_agreement,
            parent,
            upload or scanned_pdf(),
            typed_name="Jo",
            signed_on=today_in_england() + timedelta(days=signed_on),
            by=world.user(Role.COORDINATOR),
        )
    assert refused.value.field == field
    assert not Signature.objects.exists()
