"""Telling the parties a certificate was issued, each by their own channel (the outbox).

The family (parent or carer, young person, representative) gets what changed (the certificate is
issued, or corrected), what to do next (appeal by the deadline it states) and a secure link of
their own (accord.documents.links), never the PDF: it names the child. The local
authority's officers on the case are told too, with the case page's link, when the LA took part
in arranging mediation (LA_TOLD): after mediation, when it could not be held in time, and when a
family chose mediation and then did not pursue it. That is the service's practice so that an
appeal does not surprise the LA; the regulations require the certificate to go to the family.
Queued in the issuing transaction, so a rolled-back issue sends nothing.
"""

from __future__ import annotations

from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Party
from accord.cases.young_person import family_recipients
from accord.documents.links import certificate_link, link_expires_on
from accord.documents.models import Certificate, CertificateKind
from accord.notifications.messages import Message, case_link, long_date, render_templates
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_to_party
from accord.organisations.models import User
from accord.rules import today_in_england

LA_TOLD = frozenset(
    {
        CertificateKind.AFTER_MEDIATION,
        CertificateKind.NOT_HELD_IN_TIME,
        CertificateKind.NOT_PURSUED,
    }
)


def recipients(certificate: Certificate) -> list[Party]:
    parties = list(certificate.case.parties.order_by("pk"))
    # From the date the child becomes a young person, the young person is the party.
    family = family_recipients(certificate.case, parties)
    officers = [p for p in parties if p.role == PartyRole.LA_OFFICER]
    return family + (officers if certificate.kind in LA_TOLD else [])


def certificate_message(certificate: Certificate, party: Party) -> tuple[Message, str]:
    """(the message, its link) for one party."""
    case = certificate.case
    provider = case.provider
    for_family = party.role in FAMILY_ROLES
    link = certificate_link(certificate, party) if for_family else case_link(case)
    context = {
        "reference": case.reference,
        "number": certificate.number,
        "issued_on": long_date(certificate.issued_on),
        "appeal_deadline": (
            long_date(certificate.appeal_deadline)
            if certificate.appeal_deadline
            else "the date on the certificate"
        ),
        "replaces": certificate.supersedes.number if certificate.supersedes else "",
        "expires_on": long_date(link_expires_on(today_in_england())),
        "link": link,
        "for_family": for_family,
        "service": provider.name,
        "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
    }
    message = render_templates(
        "documents/messages/certificate_issued.txt",
        "documents/messages/certificate_issued_text.txt",
        context,
    )
    return message, link


def send_certificate_issued(certificate: Certificate, *, by: User | None) -> int:
    """Queues the message to each recipient; returns how many. Again for the same certificate:
    nothing more (one idempotency key per certificate and party)."""
    queued = 0
    for party in recipients(certificate):
        message, link = certificate_message(certificate, party)
        row = queue_to_party(
            case=certificate.case,
            party=party,
            message=message,
            idempotency_key=f"certificate:{certificate.pk}:{party.pk}",
            kind=MessageKind.CERTIFICATE_ISSUED,
            link=link,
            by=by,
        )
        queued += row is not None
    return queued
