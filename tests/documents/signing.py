"""Helpers for the tests of statements and signatures: the seal checked with pyHanko's own
validation API, trusting the certificate the installation generated."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from accord.documents.sealing import seal_paths


def seal_status(pdf: bytes):
    """pyHanko's status of the last signature in `pdf`, trusting the generated certificate.
    Run in a thread of its own: pyHanko runs an event loop, and a browser test already has one
    in this thread (Playwright's)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_seal_status, pdf).result()


def _seal_status(pdf: bytes):
    trusted = load_cert_from_pemder(str(seal_paths().cert))
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    assert reader.embedded_signatures, "the PDF carries no seal"
    return validate_pdf_signature(
        reader.embedded_signatures[-1],
        ValidationContext(trust_roots=[trusted], allow_fetching=False),
    )


def assert_sealed(pdf: bytes) -> None:
    status = seal_status(pdf)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.bottom_line


def seal_fails(pdf: bytes) -> bool:
    """True when validation fails or the file can no longer be read as sealed."""
    try:
        status = seal_status(pdf)
    except Exception:
        return True
    return not (status.intact and status.valid and status.bottom_line)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def tampered(pdf: bytes) -> bytes:
    """The same file with one digit of the first page's size changed, inside what the seal
    covers."""
    at = pdf.index(b"/MediaBox")
    digit = next(i for i in range(at, at + 40) if pdf[i : i + 1].isdigit())
    other = b"7" if pdf[digit : digit + 1] != b"7" else b"8"
    changed = pdf[:digit] + other + pdf[digit + 1 :]
    assert changed != pdf and len(changed) == len(pdf)
    return changed


def evidence_text(signed: bytes, signed_document: bytes) -> str:
    """The text of the pages appended after the document that was signed, on one line."""
    count = len(PdfReader(io.BytesIO(signed_document)).pages)
    return " ".join(" ".join(pages_text(signed)[count:]).split())


def squeezed(text: str) -> str:
    """Without any whitespace: a long checksum may wrap in a table cell."""
    return "".join(text.split())


def scanned_pdf() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Signed on paper")
    page.save()
    return SimpleUploadedFile("scan.pdf", buffer.getvalue(), content_type="application/pdf")
