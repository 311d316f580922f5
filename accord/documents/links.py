"""Secure links to an issued agreement: what the agreement email carries instead of the PDF.

The agreement names the child and records what was agreed about them, so it never travels as an
email attachment (product.md: never a child's name or details in an email; docs/decisions.md).
Each party is emailed a link of their own: signed with the site's secret key and a salt of its
own (django.core.signing.TimestampSigner), naming the agreement and the party, and working for
30 days. No database row is needed; changing the secret key withdraws every link at once.

    agreement_link(agreement, party)  -> "https://…/cases/KM-2026-0001/documents/agreement/link/…/"
    open_link(reference, token)       -> AgreementLink, or raises LinkExpired / LinkNotValid
    record_download_by_link(link)     -> the download, in the case's access log
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner, b62_decode
from django.urls import reverse
from django.utils import timezone

from accord.cases.audit import record_case_read
from accord.cases.models import Party
from accord.documents.models import Agreement
from accord.organisations.branding import absolute_link

LINK_LIFETIME = timedelta(days=30)
SALT = "accord.documents.agreement-link"


class LinkNotValid(Exception):
    """The link was altered or cut short, or its agreement or person is no longer on the case."""


class LinkExpired(Exception):
    """A genuine link, older than LINK_LIFETIME. The agreement is known, so the page can say whom
    to ask for a new one."""

    def __init__(self, agreement: Agreement) -> None:
        super().__init__(f"The link to agreement {agreement.number} has expired.")
        self.agreement = agreement


@dataclass(frozen=True)
class AgreementLink:
    agreement: Agreement
    party: Party
    expires_on: date


def _signer() -> TimestampSigner:
    return TimestampSigner(salt=SALT)


def agreement_token(agreement: Agreement, party: Party) -> str:
    return _signer().sign(f"{agreement.pk}.{party.pk}")


def agreement_link(agreement: Agreement, party: Party) -> str:
    """The full web address for one party's email."""
    path = reverse(
        "documents:agreement_by_link",
        args=[agreement.case.reference, agreement_token(agreement, party)],
    )
    return absolute_link(path, agreement.case.provider)


def link_expires_on(signed_on: date) -> date:
    """The last whole day a link made on `signed_on` works: what the email and the page say
    (it stops working 30 days to the minute after it was made, on the day after this)."""
    return signed_on + LINK_LIFETIME - timedelta(days=1)


def open_link(reference: str, token: str) -> AgreementLink:
    """The agreement and party a link names, if it is genuine, unexpired, and both are still
    on case `reference`."""
    signer = _signer()
    try:
        value = signer.unsign(token, max_age=LINK_LIFETIME)
    except SignatureExpired:
        agreement, _ = _named(reference, signer.unsign(token))  # genuine, only too old
        raise LinkExpired(agreement) from None
    except BadSignature:
        raise LinkNotValid("The link is not one Accord made.") from None
    agreement, party = _named(reference, value)
    return AgreementLink(agreement, party, link_expires_on(_signed_on(token)))


def _named(reference: str, value: str) -> tuple[Agreement, Party]:
    agreement_id, _, party_id = value.partition(".")
    if not (agreement_id.isdigit() and party_id.isdigit()):
        raise LinkNotValid("The link does not name an agreement and a person.")
    agreement = (
        Agreement.objects.select_related("case__provider")
        .filter(pk=int(agreement_id), case__reference=reference, issued_at__isnull=False)
        .first()
    )
    if agreement is None or not agreement.pdf:
        raise LinkNotValid("No issued agreement for this link.")
    party = agreement.case.parties.filter(pk=int(party_id)).first()
    if party is None:
        raise LinkNotValid("The person this link was sent to is no longer on the case.")
    return agreement, party


def _signed_on(token: str) -> date:
    stamp = token.rsplit(":", 2)[-2]
    signed_at = datetime.fromtimestamp(b62_decode(stamp), tz=timezone.get_current_timezone())
    return signed_at.date()


def record_download_by_link(link: AgreementLink, *, online: bool = False) -> None:
    """Every access to a case record is auditable (product.md): who, by the party's own link;
    downloaded as a PDF, or (`online`) read as its web page."""
    how = "read online" if online else "downloaded"
    record_case_read(
        link.agreement.case, by=None, what=f"agreement {how} by link (party {link.party.pk})"
    )
