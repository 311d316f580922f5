"""The certificate by its secure link (accord.documents.certificate_links): a family member opens
the link from their message, with no sign-in. The page says what it is; its button downloads the
PDF, so a mail scanner that opens every link is not logged as a download."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accord.documents import certificate_links, twin
from accord.documents.links import LINK_LIFETIME, LinkNotValid
from accord.organisations.access import public


@public
@never_cache
@require_http_methods(["GET", "POST"])
def certificate_by_link(request: HttpRequest, reference: str, token: str) -> HttpResponseBase:
    try:
        link = certificate_links.open_certificate_link(reference, token)
    except certificate_links.CertificateLinkExpired as expired:
        return _problem(request, "expired", expired.certificate.case, status=410)
    except LinkNotValid:
        return _problem(request, "not_valid", None, status=404)
    certificate = link.certificate
    if request.method == "POST" and request.POST.get("read") == "online":
        certificate_links.record_certificate_download(link, online=True)
        return twin.document_page(
            request,
            certificate,
            back_url=request.path,
            pdf_by_post=True,
            replaced=certificate.is_superseded,
        )
    if request.method == "POST":
        certificate_links.record_certificate_download(link)
        return FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=f"{certificate.number}.pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        "documents/certificate_by_link.html",
        {
            "certificate": certificate,
            "case": certificate.case,
            "expires_on": link.expires_on,
            "replaced": certificate.is_superseded,
        },
    )


def _problem(request: HttpRequest, problem: str, case: object, status: int) -> HttpResponse:
    return render(
        request,
        "documents/certificate_link_problem.html",
        {"problem": problem, "case": case, "days": LINK_LIFETIME.days},
        status=status,
    )
