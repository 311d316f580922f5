"""A document's web page: the same content as its PDF (accord.documents.pdf stores the body it
drew the PDF from), inside the GOV.UK layout, printable, with the PDF linked beside it.

Each place that offers a document's PDF offers this page too, behind the same access check and
with the same read audit: the staff case page, the family's and a supporter's pages, and the
secure links in the messages (the views call `document_page` after their own checks).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.documents.models import Agreement, Certificate
from accord.documents.pdf import as_page


def document_title(document: Certificate | Agreement) -> str:
    if isinstance(document, Certificate):
        return f"Mediation certificate {document.number}"
    return f"Written agreement {document.number}"


def document_page(
    request: HttpRequest,
    document: Certificate | Agreement,
    *,
    back_url: str,
    pdf_url: str = "",
    pdf_by_post: bool = False,
    base_template: str = "base.html",
    replaced: bool = False,
) -> HttpResponse:
    """The page. `pdf_url` is the download beside it; `pdf_by_post` when the download is the
    button of a secure link's page (a form posted back to the same address)."""
    return render(
        request,
        "documents/document_page.html",
        {
            "base_template": base_template,
            "title": document_title(document),
            "body": as_page(document.html) if document.html else None,
            "back_url": back_url,
            "pdf_url": pdf_url,
            "pdf_by_post": pdf_by_post,
            "replaced": replaced,
        },
    )
