"""Secure links to an issued certificate: what a family's message carries instead of the PDF.

The certificate names the child, so it never travels as an attachment or in a text (product.md).
As for agreements (accord.documents.links), each family member is sent a link of their own,
signed with the site's secret key and a salt of its own, naming the certificate and the party,
and working for 30 days; no database row, and changing the secret key withdraws every link.

    certificate_link(certificate, party) -> "https://…/cases/KM-2026-0001/documents/certificate/link/…/"
    open_certificate_link(reference, token) -> CertificateLink, or LinkExpired / LinkNotValid
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.urls import reverse

from accord.cases.audit import record_case_read
from accord.cases.models import Party
from accord.documents.links import LINK_LIFETIME, LinkNotValid, _signed_on, link_expires_on
from accord.documents.models import Certificate
from accord.organisations.branding import absolute_link

SALT = "accord.documents.certificate-link"


class CertificateLinkExpired(Exception):
    def __init__(self, certificate: Certificate) -> None:
        super().__init__(f"The link to certificate {certificate.number} has expired.")
        self.certificate = certificate


@dataclass(frozen=True)
class CertificateLink:
    certificate: Certificate
    party: Party
    expires_on: date


def _signer() -> TimestampSigner:
    return TimestampSigner(salt=SALT)


def certificate_link(certificate: Certificate, party: Party) -> str:
    token = _signer().sign(f"{certificate.pk}.{party.pk}")
    path = reverse("documents:certificate_by_link", args=[certificate.case.reference, token])
    # The provider's own site address, as every other link in a message (branding).
    return absolute_link(path, certificate.case.provider)


def open_certificate_link(reference: str, token: str) -> CertificateLink:
    signer = _signer()
    try:
        value = signer.unsign(token, max_age=LINK_LIFETIME)
    except SignatureExpired:
        certificate, _ = _named(reference, signer.unsign(token))
        raise CertificateLinkExpired(certificate) from None
    except BadSignature:
        raise LinkNotValid("The link is not one Accord made.") from None
    certificate, party = _named(reference, value)
    return CertificateLink(certificate, party, link_expires_on(_signed_on(token)))


def _named(reference: str, value: str) -> tuple[Certificate, Party]:
    certificate_id, _, party_id = value.partition(".")
    if not (certificate_id.isdigit() and party_id.isdigit()):
        raise LinkNotValid("The link does not name a certificate and a person.")
    certificate = (
        Certificate.objects.select_related("case__provider")
        .filter(pk=int(certificate_id), case__reference=reference)
        .first()
    )
    if certificate is None or not certificate.pdf:
        raise LinkNotValid("No certificate for this link.")
    party = certificate.case.parties.filter(pk=int(party_id)).first()
    if party is None:
        raise LinkNotValid("The person this link was sent to is no longer on the case.")
    return certificate, party


def record_certificate_download(link: CertificateLink, *, online: bool = False) -> None:
    """Downloaded as a PDF, or (`online`) read as its web page: both are reads of the case."""
    how = "read online" if online else "downloaded"
    record_case_read(
        link.certificate.case,
        by=None,
        what=f"certificate {link.certificate.number} {how} by link (party {link.party.pk})",
    )
