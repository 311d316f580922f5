"""Secure links to an issued document: what a party's message carries instead of the PDF.

An agreement or a certificate names the child (and an agreement records what was agreed about
them), so neither travels as an email attachment or in a text (product.md: never a child's name or
details in an email; docs/decisions.md). Each party is sent a link of their own: signed with the
site's secret key and a salt for the kind of document (django.core.signing.TimestampSigner),
naming the document and the party, and working for 30 days. No database row is needed; changing
the secret key withdraws every link at once.

One `DocumentLinks` serves each kind, so both kinds are made, opened, dated and logged one way:

    AGREEMENTS.link(agreement, party)  -> "https://…/cases/KM-2026-0001/documents/agreement/link/…/"
    CERTIFICATES.open(reference, token) -> OpenedLink, or raises LinkExpired / LinkNotValid
    CERTIFICATES.record_read(link)      -> the download, in the case's access log
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner, b62_decode
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accord.cases.audit import record_case_read
from accord.cases.models import Party
from accord.documents.models import Agreement, Certificate
from accord.organisations.branding import absolute_link

LINK_LIFETIME = timedelta(days=30)

D = TypeVar("D", Agreement, Certificate)


class LinkNotValid(Exception):
    """The link was altered or cut short, or its document or person is no longer on the case."""


class LinkExpired(Exception):
    """A genuine link, older than LINK_LIFETIME. The document is known, so the page can say whom
    to ask for a new one."""

    def __init__(self, document: Agreement | Certificate) -> None:
        super().__init__(f"The link to {document.number} has expired.")
        self.document = document


@dataclass(frozen=True)
class OpenedLink(Generic[D]):
    document: D
    party: Party
    expires_on: date


def link_expires_on(signed_on: date) -> date:
    """The last whole day a link made on `signed_on` works: what the message and the page say
    (it stops working 30 days to the minute after it was made, on the day after this)."""
    return signed_on + LINK_LIFETIME - timedelta(days=1)


def _signed_on(token: str) -> date:
    stamp = token.rsplit(":", 2)[-2]
    signed_at = datetime.fromtimestamp(b62_decode(stamp), tz=timezone.get_current_timezone())
    return signed_at.date()


@dataclass(frozen=True)
class DocumentLinks(Generic[D]):
    """The links to one kind of document."""

    salt: str
    url_name: str
    kind: str  # "agreement" / "certificate": its page's template and the access log's wording
    noun: str  # what the family is told the link is to ("written agreement", "certificate")
    issued: Callable[[], QuerySet[D]]  # the documents a link may open: issued, with a PDF

    def token(self, document: D, party: Party) -> str:
        return TimestampSigner(salt=self.salt).sign(f"{document.pk}.{party.pk}")

    def link(self, document: D, party: Party) -> str:
        """The full web address for one party's message, on the provider's own site address
        (branding), as every other link in a message."""
        path = reverse(self.url_name, args=[document.case.reference, self.token(document, party)])
        return absolute_link(path, document.case.provider)

    def open(self, reference: str, token: str) -> OpenedLink[D]:
        """The document and party a link names, if it is genuine, unexpired, and both are still
        on case `reference`."""
        signer = TimestampSigner(salt=self.salt)
        try:
            value = signer.unsign(token, max_age=LINK_LIFETIME)
        except SignatureExpired:
            document, _ = self._named(reference, signer.unsign(token))  # genuine, only too old
            raise LinkExpired(document) from None
        except BadSignature:
            raise LinkNotValid("The link is not one Accord made.") from None
        document, party = self._named(reference, value)
        return OpenedLink(document, party, link_expires_on(_signed_on(token)))

    def _named(self, reference: str, value: str) -> tuple[D, Party]:
        document_id, _, party_id = value.partition(".")
        if not (document_id.isdigit() and party_id.isdigit()):
            raise LinkNotValid("The link does not name a document and a person.")
        document = (
            self.issued()
            .select_related("case__provider")
            .filter(pk=int(document_id), case__reference=reference)
            .first()
        )
        if document is None or not document.pdf:
            raise LinkNotValid(f"No issued {self.kind} for this link.")
        party = document.case.parties.filter(pk=int(party_id)).first()
        if party is None:
            raise LinkNotValid("The person this link was sent to is no longer on the case.")
        return document, party

    def record_read(self, link: OpenedLink[D], *, online: bool = False) -> None:
        """Every access to a case record is auditable (product.md): who, by the party's own link;
        downloaded as a PDF, or (`online`) read as its web page."""
        how = "read online" if online else "downloaded"
        record_case_read(
            link.document.case,
            by=None,
            what=f"{self.kind} {link.document.number} {how} by link (party {link.party.pk})",
        )


AGREEMENTS: DocumentLinks[Agreement] = DocumentLinks(
    salt="accord.documents.agreement-link",
    url_name="documents:agreement_by_link",
    kind="agreement",
    noun="written agreement",
    issued=lambda: Agreement.objects.filter(issued_at__isnull=False),
)
CERTIFICATES: DocumentLinks[Certificate] = DocumentLinks(
    salt="accord.documents.certificate-link",
    url_name="documents:certificate_by_link",
    kind="certificate",
    noun="certificate",
    issued=lambda: Certificate.objects.all(),
)


def agreement_link(agreement: Agreement, party: Party) -> str:
    return AGREEMENTS.link(agreement, party)


def certificate_link(certificate: Certificate, party: Party) -> str:
    return CERTIFICATES.link(certificate, party)
