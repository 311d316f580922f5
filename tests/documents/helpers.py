"""Small helpers shared by the documents tests."""

from __future__ import annotations

import io
import re
import uuid
from urllib.parse import urlsplit

from pypdf import PdfReader


def key() -> str:
    return uuid.uuid4().hex


def pdf_text(data: bytes) -> str:
    """The PDF's text read back with pypdf, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def stored_pdf_text(document) -> str:
    with document.pdf.open("rb") as handle:
        return pdf_text(handle.read())


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def link_in(body: str) -> str:
    """The path of the agreement link in an email's body (the address starts with the
    provider's site address, the server's own, or ACCORD_BASE_URL: organisations.branding)."""
    match = re.search(r"https?://[^/\s]+(/\S+/agreement/link/\S+/)", body)
    assert match, body
    return urlsplit(match.group(1)).path
