"""The documents Accord issues (certificates and agreements), each as a web page and a PDF made
from the same HTML.

One Django template per document (documents/print/) gives the document's body. That body is
stored with the document and shown as its web page inside the GOV.UK layout; WeasyPrint lays the
same body out on A4 as a tagged PDF/UA-1 (structure, language, embedded fonts, Unicode text)
carrying its real issue time. Why WeasyPrint: docs/decisions.md, "Documents a family can read".

The letters for GOV.UK Notify stay with ReportLab (accord.notifications.letters): Notify's
letter layout is drawn to its own template, and nothing there needs tagging.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from accord.cases.choices import Route
from accord.rules import basis as legal
from accord.rules.wording import for_family

if TYPE_CHECKING:
    from accord.documents.certificate_content import CertificateContent
    from accord.documents.models import Agreement, AgreementItem

PRINT_DIR = Path(__file__).resolve().parent / "print"
STYLESHEET = PRINT_DIR / "document.css"
# PDF/UA-1, the standard for accessible PDF: tagged structure (headings, lists, tables), the
# document's language and title, embedded fonts, Unicode text. WeasyPrint tags it from the HTML.
PDF_VARIANT = "pdf/ua-1"
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Rendered:
    """A document as issued: its HTML body (stored and shown as its web page) and its PDF."""

    html: str
    pdf: bytes


class _LocalFilesOnly(URLFetcher):
    """The PDF may load only the stylesheet's own fonts: never a network address, and never
    a file outside accord/documents/print (a name on a document cannot make it fetch one)."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.startswith(PRINT_DIR.as_uri() + "/"):
            raise ValueError(f"Documents load only their own fonts, not {url}")
        return super().fetch(url, headers)


def document_pdf(body: str, *, title: str, author: str, footer: str, created: datetime) -> bytes:
    """The PDF of a document's HTML body: tagged, in English, its fonts embedded, and dated
    `created` (its issue time), so the file says when it was issued, not when it was printed."""
    page = render_to_string(
        "documents/print/pdf.html",
        {
            "title": title,
            "author": author,
            "footer": footer,
            "created": created.isoformat(timespec="seconds"),
            "body": mark_safe(body),  # noqa: S308 - rendered by our own autoescaping template
        },
    )
    fetcher = _LocalFilesOnly(allowed_protocols=["file"])
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    pdf = HTML(string=page, base_url=PRINT_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT
    )
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf


def _contact(name: str, email: str, phone: str) -> str:
    ways = [w for w in (phone, email) if w]
    return f"{name}" + (f" — {', '.join(ways)}" if ways else "")


def without_case_law(basis: str) -> str:
    """A "; "-joined list of citations without the court cases: a family reads the statute
    and the regulations, not the names of judgments (docs/decisions.md)."""
    from_cases = {b.citation for b in _case_law()}
    return "; ".join(c for c in basis.split("; ") if c and c not in from_cases)


def _case_law() -> list[legal.LegalBasis]:
    return [
        v
        for v in vars(legal).values()
        if isinstance(v, legal.LegalBasis) and v.instrument == legal.CASE_LAW
    ]


# --- the mediation certificate -------------------------------------------------------------


def render_certificate(
    content: CertificateContent,
    number: str,
    *,
    issued_at: datetime,
    issued_by: str,
    replaces: tuple[str, date, str] | None = None,
) -> Rendered:
    """The certificate. `issued_by` names who issued it and in what role; `replaces` is
    (number, issued_on, reason) for a correction."""
    contact = _contact(content.provider_name, content.provider_email, content.provider_phone)
    body = render_to_string(
        "documents/print/certificate.html",
        {
            "content": content,
            "number": number,
            "subtitle": content.wording.title.split(": ", 1)[1].capitalize(),
            "issued_by": issued_by,
            "replaces": replaces,
            "contact": contact,
            "appeal_basis": without_case_law(content.appeal_basis),
            "appeal_steps": [for_family(step) for step in content.appeal_steps],
        },
    )
    pdf = document_pdf(
        body,
        title=f"Mediation certificate {number}",
        author=content.provider_name,
        footer=f"{number} · {contact}",
        created=issued_at,
    )
    return Rendered(html=body, pdf=pdf)


# --- the written agreement -----------------------------------------------------------------


def render_agreement(
    agreement: Agreement,
    items: Sequence[AgreementItem],
    parties: Sequence[tuple[str, str]],
    *,
    number: str,
    kind_title: str,
    due_texts: Mapping[int, tuple[str, str]],
    issued_at: datetime,
) -> Rendered:
    """The written agreement. `parties` are (name, role); `due_texts` maps an item's id to
    (by when, why that date) as worked out by the service."""
    case = agreement.case
    provider = case.provider
    contact = _contact(provider.name, provider.email, provider.phone)
    body = render_to_string(
        "documents/print/agreement.html",
        {
            "agreement": agreement,
            "case": case,
            "number": number,
            "kind_title": kind_title,
            "parties": parties,
            "points": [(item, *due_texts.get(item.pk, ("", ""))) for item in items],
            # reg 42 covers mediation agreements, not disagreement resolution
            "show_timescales": case.route != Route.DISAGREEMENT_RESOLUTION,
            "contact": contact,
        },
    )
    pdf = document_pdf(
        body,
        title=f"{kind_title} {number}",
        author=provider.name,
        footer=f"{number} · {contact}",
        created=issued_at,
    )
    return Rendered(html=body, pdf=pdf)


def as_page(html: str) -> SafeString:
    """A stored document body, for its web page (it was rendered by our own escaping
    template at issue, and is never edited after)."""
    return mark_safe(html)  # noqa: S308
