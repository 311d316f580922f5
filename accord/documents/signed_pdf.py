"""The PDFs of case statements, and the evidence page appended to a signed document.

A statement version is drawn like every other document Accord issues (accord.documents.pdf),
with `invariant` set so its SHA-256 depends only on what it says: the checksum the signer saw
is the checksum of these bytes. When a document is signed, an evidence page is appended to the
very bytes that were signed (pypdf), and the whole is then sealed (accord.documents.sealing).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from accord.cases.models import Case, Party
from accord.documents.pdf import BODY, CAPTION, H1, H2, KEY, SMALL, _build, _contact, _facts, text
from accord.documents.statement_models import Signature
from accord.rules.wording import long_date


def render_statement(case: Case, party: Party, body: str, *, version: int) -> bytes:
    """One version of a party's case statement, as they read and sign it."""
    provider = case.provider
    contact = _contact(provider.name, provider.email, provider.phone)
    story: list[Any] = [
        text(provider.name, CAPTION),
        text("Case statement", H1),
        text(f"{party.name}'s view, for the mediation", CAPTION),
        Spacer(1, 4 * mm),
        _facts(
            [
                ("Whose statement", f"{party.name} ({party.get_role_display()})"),
                ("Child or young person", case.child.full_name),
                ("Our case reference", case.reference),
                ("Version", str(version)),
            ]
        ),
        text("The statement", H2),
        *[text(paragraph) for paragraph in body.strip().split("\n\n") if paragraph.strip()],
        text("Confidentiality", H2),
        text(
            "This statement is confidential to you and the mediation team. Nobody else sees "
            "it unless you agree to share it. If anything in it is not right, ask us to change "
            "it before you sign."
        ),
        text(f"Questions: {contact}, quoting {case.reference}."),
    ]
    return _build(
        story,
        title=f"Case statement {case.reference} v{version}",
        footer=f"{case.reference} · statement v{version} · {contact}",
    )


def _signature_rows(signature: Signature) -> list[tuple[str, str]]:
    when = timezone.localtime(signature.signed_at)
    rows = [
        ("Party", f"{signature.party.name} ({signature.party.get_role_display()})"),
        ("Signed", "On paper, scanned and uploaded" if signature.on_paper else "Online"),
        ("Name typed", signature.typed_name),
        ("Declaration", signature.declaration),
        ("Time (UK)", f"{long_date(when.date())} {when:%H:%M:%S %Z}"),
        ("Account", signature.signed_in_as),
    ]
    if not signature.on_paper:
        rows += [
            ("IP address", signature.ip_address or "not known"),
            ("Browser", signature.user_agent or "not known"),
        ]
    else:
        rows.append(("SHA-256 of the scan", signature.paper_sha256))
    rows.append(("SHA-256 of the document signed", signature.document_sha256))
    return rows


def render_evidence_page(
    case: Case,
    title: str,
    document_sha256: str,
    signatures: Sequence[Signature],
    *,
    note: str = "",
) -> bytes:
    """The evidence page: who signed what, when, how, and the checksum of what they saw."""
    provider = case.provider
    story: list[Any] = [
        text(provider.name, CAPTION),
        text("Signature evidence", H1),
        text(f"{title}, case {case.reference}", CAPTION),
        Spacer(1, 2 * mm),
        text(
            "Each party signed electronically by typing their name and confirming the "
            "declaration below, or on paper. The document signed is the pages before this one; "
            f"its SHA-256 checksum is {document_sha256}. {provider.name} sealed the whole file, "
            "this page included, so any later change to it shows when the seal is checked.",
            BODY,
        ),
    ]
    if note:
        story.append(text(note, KEY))
    for number, signature in enumerate(signatures, start=1):
        story += [text(f"Signature {number}", KEY), _facts(_signature_rows(signature))]
        story.append(Spacer(1, 3 * mm))
    story.append(text("Times are UK time. The seal is a PAdES signature by the provider.", SMALL))
    return _build(
        story, title=f"Signature evidence {case.reference}", footer=f"{case.reference} · evidence"
    )


def with_evidence_page(document: bytes, evidence: bytes) -> bytes:
    """The signed document's own pages, unchanged, followed by the evidence page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for page in PdfReader(io.BytesIO(evidence)).pages:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
