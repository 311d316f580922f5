"""What staff do with received mail: read a reply filed to its case, accept a new referral into
a case (through the enquiry service, as an online request is), file mail to a case, or set aside
mail that is about no case. Each locks the mail's row, so two people cannot handle it twice."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accord.cases.models import Case
from accord.cases.services import EnquiryData, create_enquiry
from accord.cases.timeline import EventKind, record_event
from accord.inbound.models import InboundMail, MailStatus
from accord.organisations.models import User


class MailError(ValueError):
    """The mail cannot be handled so; the text says why."""


def _locked(mail: InboundMail, *expected: str) -> InboundMail:
    locked = InboundMail.objects.select_for_update().get(pk=mail.pk)
    if locked.status not in expected:
        raise MailError(f"This email has already been dealt with ({locked.get_status_display()}).")
    return locked


def _handled(mail: InboundMail, status: str, *, by: User, case: Case | None = None) -> None:
    mail.status = status
    mail.handled_at = timezone.now()
    mail.handled_by = by
    if case is not None:
        mail.case = case
    mail.save(update_fields=["status", "handled_at", "handled_by", "case"])


def mark_read(mail: InboundMail, *, by: User) -> InboundMail:
    """A reply filed to its case has been read by staff: it leaves the inbox."""
    with transaction.atomic():
        locked = _locked(mail, MailStatus.FILED_UNREAD)
        _handled(locked, MailStatus.FILED, by=by)
    return locked


def file_to_case(mail: InboundMail, case: Case, *, by: User) -> InboundMail:
    """Mail from the intake inbox is filed to one of the provider's cases, by a person who has
    checked that it belongs there (a reference in the subject is not enough on its own)."""
    if case.provider_id != mail.provider_id:
        raise MailError("That case is not one of this service's cases.")
    with transaction.atomic():
        locked = _locked(mail, MailStatus.WAITING)
        _handled(locked, MailStatus.FILED, by=by, case=case)
        record_event(
            case,
            EventKind.EMAIL_FILED_BY_STAFF,
            f"Email from {locked.from_address or 'an unknown sender'} filed to the case: "
            f"{locked.subject or '(no subject)'}",
            {"mail": locked.pk, "files": locked.attachments.count()},
            by=by,
        )
    return locked


def accept_as_case(mail: InboundMail, data: EnquiryData, *, by: User) -> Case:
    """A referral by email becomes a case through the enquiry service, and the email is filed to
    it. Nothing is saved if the enquiry is refused (CaseError)."""
    with transaction.atomic():
        locked = _locked(mail, MailStatus.WAITING)
        case = create_enquiry(mail.provider, data, by=by)
        _handled(locked, MailStatus.ACCEPTED, by=by, case=case)
        record_event(
            case,
            EventKind.EMAIL_FILED_BY_STAFF,
            f"Referral email from {locked.from_address or 'an unknown sender'} accepted: "
            f"{locked.subject or '(no subject)'}",
            {"mail": locked.pk, "files": locked.attachments.count()},
            by=by,
        )
    return case


def dismiss(mail: InboundMail, *, by: User) -> InboundMail:
    """Mail that is about no case (an advert, a wrong address) leaves the intake inbox."""
    with transaction.atomic():
        locked = _locked(mail, MailStatus.WAITING)
        _handled(locked, MailStatus.DISMISSED, by=by)
    return locked
