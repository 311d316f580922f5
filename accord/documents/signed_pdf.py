"""The PDFs of case statements, and the evidence page appended to a signed document.

A statement version is drawn like every other document Accord issues (accord.documents.pdf: a
tagged PDF from an HTML template); its SHA-256 is taken of these bytes as they are stored, so
the checksum the signer saw is the checksum of the file they read. When a document is signed,
an evidence page is appended to the very bytes that were signed (pypdf), and the whole is then
sealed (accord.documents.sealing).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from accord.cases.models import Case, Party
from accord.documents.pdf import _contact, document_pdf
from accord.documents.statement_models import Signature
from accord.rules.wording import long_date


def render_statement(case: Case, party: Party, body: str, *, version: int) -> bytes:
    """One version of a party's case statement, as they read and sign it."""
    provider = case.provider
    contact = _contact(provider.name, provider.email, provider.phone)
    html = render_to_string(
        "documents/print/statement.html",
        {
            "provider": provider,
            "case": case,
            "party": party,
            "version": version,
            "paragraphs": [p.strip() for p in body.strip().split("\n\n") if p.strip()],
            "contact": contact,
        },
    )
    return document_pdf(
        html,
        title=f"Case statement {case.reference} v{version}",
        author=provider.name,
        footer=f"{case.reference} · statement v{version} · {contact}",
        created=timezone.now(),
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
    html = render_to_string(
        "documents/print/evidence.html",
        {
            "provider": provider,
            "case": case,
            "title": title,
            "document_sha256": document_sha256,
            "note": note,
            "signatures": [_signature_rows(signature) for signature in signatures],
        },
    )
    return document_pdf(
        html,
        title=f"Signature evidence {case.reference}",
        author=provider.name,
        footer=f"{case.reference} · evidence",
        created=timezone.now(),
    )


def with_evidence_page(document: bytes, evidence: bytes) -> bytes:
    """The signed document's own pages, unchanged, followed by the evidence page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for page in PdfReader(io.BytesIO(evidence)).pages:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
