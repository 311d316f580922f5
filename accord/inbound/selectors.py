"""Reads of received mail, scoped to the provider of the member of staff asking (style.md #6):
another provider's mail is never found, so its pages are 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accord.cases.models import Case
from accord.inbound.models import InboundAttachment, InboundMail, MailStatus
from accord.organisations.models import Membership


def mail_for(membership: Membership) -> QuerySet[InboundMail]:
    return InboundMail.objects.filter(provider=membership.provider).select_related(
        "case", "handled_by"
    )


def waiting(membership: Membership) -> QuerySet[InboundMail]:
    """The intake inbox: new referrals and mail that came to no reply address, oldest first."""
    return mail_for(membership).filter(status=MailStatus.WAITING).order_by("received_at")


def unread_replies(membership: Membership) -> QuerySet[InboundMail]:
    """Replies filed to their cases that no one has read yet, oldest first."""
    return mail_for(membership).filter(status=MailStatus.FILED_UNREAD).order_by("received_at")


def one_mail(membership: Membership, pk: int) -> InboundMail:
    return get_object_or_404(mail_for(membership).prefetch_related("attachments"), pk=pk)


def one_attachment(membership: Membership, pk: int) -> InboundAttachment:
    return get_object_or_404(
        InboundAttachment.objects.select_related("mail__case"),
        mail__provider=membership.provider,
        pk=pk,
    )


def filed_to(case: Case) -> list[InboundMail]:
    """The mail filed to a case, newest first (from the case page's prefetch)."""
    shown = {MailStatus.FILED_UNREAD, MailStatus.FILED, MailStatus.ACCEPTED}
    return sorted(
        (mail for mail in case.inbound_mail.all() if mail.status in shown),
        key=lambda mail: mail.received_at,
        reverse=True,
    )
