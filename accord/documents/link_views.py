"""An issued agreement or certificate by its secure link (accord.documents.links): a party opens
the link from their message, with no sign-in. The page says what it is; its button downloads the
PDF, so a mail scanner that opens every link is not logged as a download. Both kinds are served
here one way; only their pages' wording differs."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accord.documents import twin
from accord.documents.links import (
    AGREEMENTS,
    CERTIFICATES,
    LINK_LIFETIME,
    DocumentLinks,
    LinkExpired,
    LinkNotValid,
)
from accord.documents.models import Certificate
from accord.organisations.access import public


@public
@never_cache
@require_http_methods(["GET", "POST"])
def agreement_by_link(request: HttpRequest, reference: str, token: str) -> HttpResponseBase:
    return _by_link(request, reference, token, AGREEMENTS)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def certificate_by_link(request: HttpRequest, reference: str, token: str) -> HttpResponseBase:
    return _by_link(request, reference, token, CERTIFICATES)


def _by_link(
    request: HttpRequest, reference: str, token: str, links: DocumentLinks[Any]
) -> HttpResponseBase:
    try:
        link = links.open(reference, token)
    except LinkExpired as expired:
        return _problem(request, "expired", expired.document.case, links.noun, status=410)
    except LinkNotValid:
        return _problem(request, "not_valid", None, links.noun, status=404)
    document = link.document
    # Only a certificate is ever replaced by a corrected one.
    replaced = isinstance(document, Certificate) and document.is_superseded
    if request.method == "POST" and request.POST.get("read") == "online":
        links.record_read(link, online=True)
        return twin.document_page(
            request, document, back_url=request.path, pdf_by_post=True, replaced=replaced
        )
    if request.method == "POST":
        links.record_read(link)
        return FileResponse(
            document.pdf.open("rb"),
            as_attachment=True,
            filename=f"{document.number}.pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        f"documents/{links.kind}_by_link.html",
        {
            links.kind: document,
            "case": document.case,
            "expires_on": link.expires_on,
            "replaced": replaced,
        },
    )


def _problem(
    request: HttpRequest, problem: str, case: object, noun: str, status: int
) -> HttpResponse:
    return render(
        request,
        "documents/link_problem.html",
        {"problem": problem, "case": case, "noun": noun, "days": LINK_LIFETIME.days},
        status=status,
    )
