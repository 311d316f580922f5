"""Electronic signatures of statements and agreements, and the provider's seal over them.

Each party signs by typing their name and confirming a declaration. Accord keeps the evidence
of it: the time, the signer's account (an officer's user, or the address a family member proved
with a one-time code), the IP address and browser, and the SHA-256 of the document they saw. A
signature over anything but the current document is refused (the checksum the signer saw must
match), so nobody signs a version that changed under them. When a document is signed (a
statement by its party; an agreement by every party), an evidence page is appended and the
whole is sealed by the provider (accord.documents.sealing). A party who cannot sign online
signs on paper; staff upload the scan through the one upload check (accord.cases.uploads).
Electronic Communications Act 2000 s.7: docs/decisions.md says why this is enough.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.cases.services import editing
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.cases.uploads import UploadRejected, check_upload, prepare_for_storage
from accord.documents.errors import DocumentError
from accord.documents.models import Agreement
from accord.documents.permissions import may_work_on
from accord.documents.sealing import seal_pdf
from accord.documents.signed_pdf import render_evidence_page, with_evidence_page
from accord.documents.statement_models import CaseStatement, Signature
from accord.organisations.models import User
from accord.rules import today_in_england
from accord.rules.wording import long_date

# Who signs an agreement: the family and the public bodies that are parties to it.
SIGNING_ROLES = FAMILY_ROLES | {PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER}
LONGEST_USER_AGENT = 500

AGREEMENT_DECLARATION = (
    "I have read this written agreement. I agree to it, and I sign it for myself or for the "
    "body I act for."
)


@dataclass(frozen=True)
class Signer:
    """Who signs, and the evidence of it the request gives."""

    party: Party
    typed_name: str
    confirmed: bool
    seen_sha256: str
    signed_in_as: str
    ip_address: str | None = None
    user_agent: str = ""


def require_fresh(current_sha256: str, seen_sha256: str) -> None:
    """The document the signer saw is the one on file, byte for byte."""
    if seen_sha256.strip().lower() != current_sha256:
        raise DocumentError(
            "The document changed after you opened it. Read the current version, then sign "
            "it or ask for changes."
        )


def signature_from(
    signer: Signer,
    declaration: str,
    document_sha256: str,
    *,
    by: User | None,
    statement: CaseStatement | None = None,
    agreement: Agreement | None = None,
) -> Signature:
    if not signer.typed_name.strip():
        raise DocumentError("Type your full name to sign.", field="typed_name")
    if not signer.confirmed:
        raise DocumentError("Confirm the declaration to sign.", field="confirmed")
    return Signature.objects.create(
        statement=statement,
        agreement=agreement,
        party=signer.party,
        typed_name=signer.typed_name.strip()[:200],
        declaration=declaration,
        signed_at=timezone.now(),
        user=by,
        signed_in_as=signer.signed_in_as[:254],
        ip_address=signer.ip_address or None,
        user_agent=signer.user_agent[:LONGEST_USER_AGENT],
        document_sha256=document_sha256,
    )


def seal_signed(
    case: Case,
    document: bytes,
    title: str,
    document_sha256: str,
    signatures: Sequence[Signature],
    *,
    note: str = "",
) -> bytes:
    """The signed document, its evidence page appended, sealed by the provider."""
    evidence = render_evidence_page(case, title, document_sha256, signatures, note=note)
    return seal_pdf(
        with_evidence_page(document, evidence),
        reason=f"{title}, case {case.reference}: signed, sealed by {case.provider.name}",
    )


# --- agreements -------------------------------------------------------------------------------


def signatories(agreement: Agreement) -> list[Party]:
    """Every party who signs the agreement (from the case's parties, which the case page has
    already read)."""
    parties = agreement.case.parties.all()
    return sorted((p for p in parties if p.role in SIGNING_ROLES), key=lambda p: p.pk)


def signed_parties(agreement: Agreement) -> set[int]:
    if "signatures" in getattr(agreement, "_prefetched_objects_cache", {}):
        # Read with the case page (accord.documents.apps): no query of its own.
        return {signature.party_id for signature in agreement.signatures.all()}
    return set(agreement.signatures.values_list("party_id", flat=True))


def still_to_sign(agreement: Agreement) -> list[Party]:
    done = signed_parties(agreement)
    return [p for p in signatories(agreement) if p.pk not in done]


def _check_may_sign(agreement: Agreement, party: Party) -> None:
    if not agreement.is_issued:
        raise DocumentError("The agreement is signed once it has been issued.")
    if party.case_id != agreement.case_id or party.role not in SIGNING_ROLES:
        raise DocumentError("Only a party to the agreement can sign it.", field="party")
    if agreement.signatures.filter(party=party).exists():
        raise DocumentError(f"{party.name} has already signed this agreement.", field="party")


def sign_agreement(agreement: Agreement, signer: Signer, *, by: User | None) -> Signature:
    """One party signs the issued agreement they read online."""
    with editing(agreement.case) as c:
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _check_may_sign(locked, signer.party)
        require_fresh(locked.sha256, signer.seen_sha256)
        signature = signature_from(
            signer, AGREEMENT_DECLARATION, locked.sha256, by=by, agreement=locked
        )
        record_event(
            c,
            EventKind.AGREEMENT_SIGNED,
            f"{signer.party.name} signed agreement {locked.number} online",
            by=by,
            label="" if by is not None else FAMILY_ACTOR_LABEL,
        )
        _complete_if_signed_by_all(c, locked, by=by)
    agreement.refresh_from_db()
    return signature


def record_paper_signature(
    agreement: Agreement,
    party: Party,
    scan: UploadedFile,
    *,
    typed_name: str,
    signed_on: date,
    by: User,
) -> Signature:
    """Staff record a party's signature on paper, with the scanned, signed agreement (a PDF,
    checked as every upload is)."""
    if not may_work_on(by, agreement.case):
        raise DocumentError("Only the case's mediator or the service's staff can do this.")
    if not typed_name.strip():
        raise DocumentError("Enter the name the party signed with.", field="typed_name")
    if signed_on > today_in_england():
        raise DocumentError(
            "The date it was signed must be today or in the past.", field="signed_on"
        )
    if agreement.issued_at and signed_on < timezone.localtime(agreement.issued_at).date():
        raise DocumentError(
            "The date it was signed cannot be before the agreement was issued.", field="signed_on"
        )
    try:
        found = check_upload(scan, "signature")
    except UploadRejected as rejected:
        raise DocumentError(str(rejected), field="scan") from None
    scan.seek(0)
    scan_sha256 = hashlib.sha256(scan.read()).hexdigest()
    scan.seek(0)
    with editing(agreement.case) as c:
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _check_may_sign(locked, party)
        signature = Signature(
            agreement=locked,
            party=party,
            typed_name=typed_name.strip()[:200],
            declaration=f"Signed on paper on {long_date(signed_on)}; the scan was checked and "
            f"recorded by {by}.",
            signed_at=timezone.now(),
            user=by,
            signed_in_as=f"recorded by {by.email}",
            document_sha256=locked.sha256,
            on_paper=True,
            paper_sha256=scan_sha256,
        )
        signature.paper_scan.save(prepare_for_storage(scan, found).name, scan, save=False)
        signature.save()
        record_event(
            c,
            EventKind.AGREEMENT_SIGNED_ON_PAPER,
            f"{party.name}'s paper signature of agreement {locked.number} recorded",
            by=by,
        )
        _complete_if_signed_by_all(c, locked, by=by)
    agreement.refresh_from_db()
    return signature


def _complete_if_signed_by_all(case: Case, agreement: Agreement, *, by: User | None) -> None:
    if still_to_sign(agreement) or agreement.signed_by_all_at is not None:
        return
    with agreement.pdf.open("rb") as file:
        issued = file.read()
    signatures = list(agreement.signatures.select_related("party").order_by("signed_at", "pk"))
    sealed = seal_signed(
        case,
        issued,
        f"Agreement {agreement.number}",
        agreement.sha256,
        signatures,
        note=f"Signed by all: each of the {len(signatures)} parties to the agreement signed it.",
    )
    agreement.signed_by_all_at = timezone.now()
    agreement.signed_sha256 = hashlib.sha256(sealed).hexdigest()
    agreement.signed_pdf.save(f"{agreement.number}-signed.pdf", ContentFile(sealed), save=False)
    agreement.save(update_fields=["signed_by_all_at", "signed_sha256", "signed_pdf"])
    record_event(
        case,
        EventKind.AGREEMENT_SIGNED_BY_ALL,
        f"Agreement {agreement.number} signed by all",
        by=by,
        label="" if by is not None else FAMILY_ACTOR_LABEL,
    )
