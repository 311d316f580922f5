"""Freelance mediators' fees and expenses, per meeting: the mediator submits a claim for a
meeting they mediated (or co-mediated) once it has been held; a service manager approves it or
says why not; one not approved may be made again. The approved claims are exported for payment
by accord.reports (docs/reports.md, "Fees and expenses")."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.meetings.errors import MeetingError
from accord.meetings.models import ClaimStatus, FeeClaim, Meeting
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role

LARGEST_CLAIM = Decimal("10000.00")


def meetings_to_claim(membership: Membership) -> QuerySet[Meeting]:
    """The held meetings of the mediator's provider that they mediated or co-mediated."""
    return (
        Meeting.objects.filter(
            Q(mediator_id=membership.user_id) | Q(co_mediator_id=membership.user_id),
            case__provider_id=membership.provider_id,
            held=True,
        )
        .select_related("case")
        .order_by("-starts_at")
    )


def claims_of(membership: Membership) -> QuerySet[FeeClaim]:
    """A mediator's own claims; a service manager's every claim in the provider."""
    claims = FeeClaim.objects.filter(
        meeting__case__provider_id=membership.provider_id
    ).select_related("meeting__case", "mediator", "decided_by")
    if membership.role_enum != Role.SERVICE_MANAGER:
        claims = claims.filter(mediator_id=membership.user_id)
    return claims


def submit_claim(
    membership: Membership,
    meeting: Meeting,
    fee: Decimal,
    expenses: Decimal = Decimal(0),
    expenses_note: str = "",
    *,
    by: User,
) -> FeeClaim:
    if membership.role_enum != Role.MEDIATOR or membership.user_id != by.pk:
        raise MeetingError("Only the mediator of a meeting claims for it.")
    if not meetings_to_claim(membership).filter(pk=meeting.pk).exists():
        raise MeetingError("You can claim only for a meeting you mediated, once it was held.")
    for name, amount in (("fee", fee), ("expenses", expenses)):
        if amount < 0 or amount > LARGEST_CLAIM:
            raise MeetingError(f"Enter an amount from £0 to £{LARGEST_CLAIM:,.2f}.", field=name)
    if expenses > 0 and not expenses_note.strip():
        raise MeetingError("Say what the expenses were for.", field="expenses_note")
    with transaction.atomic():
        standing = FeeClaim.objects.select_for_update().filter(
            meeting=meeting, mediator=by, status__in=[ClaimStatus.SUBMITTED, ClaimStatus.APPROVED]
        )
        if standing.exists():
            raise MeetingError("You have already claimed for this meeting.")
        return FeeClaim.objects.create(
            meeting=meeting,
            mediator=by,
            fee=fee,
            expenses=expenses,
            expenses_note=expenses_note.strip(),
            submitted_at=timezone.now(),
        )


def decide_claim(claim: FeeClaim, approve: bool, note: str = "", *, by: User) -> FeeClaim:
    """A service manager approves the claim, or says why not."""
    if claim.mediator_id == by.pk:
        raise MeetingError("Someone else must decide on your own claim.")
    if not approve and not note.strip():
        raise MeetingError("Say why the claim is not approved.", field="decision_note")
    with transaction.atomic():
        locked = FeeClaim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != ClaimStatus.SUBMITTED:
            raise MeetingError("This claim has already been decided.")
        locked.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decision_note = note.strip()
        locked.save()
    claim.refresh_from_db()
    return claim
