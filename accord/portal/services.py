"""Writes for online requests: a family sends one; staff accept it into a case or reject it.

Each function validates, writes inside a transaction (locking the request row so two people
cannot both decide it), and tells the family by email. A request is never deleted.
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.cases.choices import Channel, ContactMethod, PartyRole, SupporterKind
from accord.cases.models import Case
from accord.cases.on_behalf import AskedOnBehalf, asked_on_behalf
from accord.cases.services import CaseError, EnquiryData, FamilyContact, create_enquiry
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import LocalAuthority, Provider, User
from accord.portal import emails
from accord.portal.models import OnlineRequest, RequesterRole, RequestStatus
from accord.rules import date_in_england, today_in_england

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L or U: a reference read out on the phone cannot be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 6

# How the person who asked takes part in the case.
_PARTY_ROLES = {
    RequesterRole.PARENT_CARER: PartyRole.PARENT_CARER,
    RequesterRole.YOUNG_PERSON: PartyRole.YOUNG_PERSON,
    # Someone asking for the family (a relative, an adviser) is their supporter; the parent or
    # young person they ask for is the party (the on-behalf questions give their details).
    RequesterRole.ON_BEHALF: PartyRole.SUPPORTER,
}


class RequestError(Exception):
    """A request the rules do not allow; the message says why, in words for the reader."""


class NeedsService(RequestError):
    """The council is served by several providers and none (or a wrong one) was chosen."""


@dataclass(frozen=True)
class NewRequest:
    local_authority_id: int
    provider_id: int | None
    requester_role: str
    requester_name: str
    on_behalf_of: str
    child_first_name: str
    child_last_name: str
    child_date_of_birth: date
    child_setting: str
    decision_kind: str
    decision_letter_date: date | None
    summary: str
    email: str
    phone: str
    preferred_contact: str
    interpreter_language: str
    access_needs: str
    consent_to_share_with_la: bool
    # Asked on the family's behalf (RequesterRole.ON_BEHALF): who asks, and the family.
    supporter_kind: str = ""
    family_name: str = ""
    family_relationship: str = ""
    family_email: str = ""
    family_phone: str = ""
    family_consents_to_supporter: bool = False


def new_reference() -> str:
    return "REQ-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def provider_for(local_authority: LocalAuthority, chosen_id: int | None) -> Provider:
    """The service that receives the request: the only one working for the council, or the one
    the family chose among several."""
    serving = list(Provider.objects.filter(local_authorities=local_authority).order_by("name"))
    if not serving:
        raise RequestError(f"No service works with {local_authority} yet.")
    if len(serving) == 1:
        return serving[0]
    chosen = next((p for p in serving if p.pk == chosen_id), None)
    if chosen is None:
        raise NeedsService(
            f"Choose which service you want to ask: several work with {local_authority}."
        )
    return chosen


def submit_request(data: NewRequest) -> OnlineRequest:
    local_authority = LocalAuthority.objects.get(pk=data.local_authority_id)
    provider = provider_for(local_authority, data.provider_id)
    if data.decision_letter_date and data.decision_letter_date > today_in_england():
        raise RequestError("The date on the decision letter must be today or in the past.")
    if data.requester_role == RequesterRole.ON_BEHALF:
        _check_family(data)
    else:
        # Only a request made for someone else names a family apart from the person asking.
        data = replace(
            data,
            supporter_kind="",
            family_name="",
            family_relationship="",
            family_email="",
            family_phone="",
            family_consents_to_supporter=False,
        )
    fields = asdict(data)
    del fields["local_authority_id"], fields["provider_id"]
    online_request = OnlineRequest(provider=provider, local_authority=local_authority, **fields)
    for _attempt in range(5):
        online_request.reference = new_reference()
        try:
            with transaction.atomic():
                online_request.save()
            break
        except IntegrityError:
            # The same reference twice (about 1 in 700 million): draw again.
            online_request.pk = None
    else:  # pragma: no cover - would need five collisions in a row
        raise RequestError("We could not save your request. Please try again.")
    emails.send_request_received(online_request)
    return online_request


def _check_family(data: NewRequest) -> None:
    if not data.family_name.strip():
        raise RequestError("Enter the name of the person you are asking for.")
    if data.family_relationship not in (PartyRole.PARENT_CARER, PartyRole.YOUNG_PERSON):
        raise RequestError("Say whether you are asking for a parent or carer, or a young person.")
    if not data.family_email.strip() and not data.family_phone.strip():
        raise RequestError("Enter the email address or phone number of the person you ask for.")
    if data.supporter_kind not in SupporterKind.values:
        raise RequestError("Say who you are to the family.")
    if data.email and data.email.strip().lower() == data.family_email.strip().lower():
        raise RequestError("Give your own email address, not the family's.")


def _locked_new(online_request: OnlineRequest) -> OnlineRequest:
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    if locked.status != RequestStatus.NEW:
        raise RequestError(
            f"Request {locked.reference} has already been {locked.get_status_display().lower()}."
        )
    return locked


def enquiry_data(online_request: OnlineRequest) -> EnquiryData:
    """What the online request says, in the words of a new enquiry (channel: online)."""
    return EnquiryData(
        local_authority=online_request.local_authority,
        decision_kind=online_request.decision_kind,
        child_first_name=online_request.child_first_name,
        child_last_name=online_request.child_last_name,
        child_date_of_birth=online_request.child_date_of_birth,
        child_setting=online_request.child_setting,
        contact_name=online_request.requester_name,
        contact_role=_PARTY_ROLES[RequesterRole(online_request.requester_role)],
        on_behalf_of=online_request.on_behalf_of,
        contact_organisation=(
            SupporterKind(online_request.supporter_kind).label
            if online_request.supporter_kind
            else ""
        ),
        family=_family(online_request),
        received_on=date_in_england(online_request.submitted_at),
        channel=Channel.ONLINE,
        contact_email=online_request.email,
        contact_phone=online_request.phone,
        preferred_contact=online_request.preferred_contact,
        interpreter_language=online_request.interpreter_language,
        access_needs=online_request.access_needs,
        decision_notice_sent_on=online_request.decision_letter_date,
        summary=online_request.summary,
    )


def _family(online_request: OnlineRequest) -> FamilyContact | None:
    if online_request.requester_role != RequesterRole.ON_BEHALF or not online_request.family_name:
        return None
    return FamilyContact(
        name=online_request.family_name,
        role=online_request.family_relationship,
        email=online_request.family_email,
        phone=online_request.family_phone,
        preferred_contact=(
            ContactMethod.EMAIL if online_request.family_email else ContactMethod.PHONE
        ),
    )


def _tell_the_family(case: Case, online_request: OnlineRequest, *, by: User) -> None:
    """The family is the party; the person who asked supports them (accord.family records the
    consent given through them and invites the family to sign in with their own address)."""
    if online_request.requester_role != RequesterRole.ON_BEHALF or not online_request.family_name:
        return
    parties = list(case.parties.all())
    family = next(p for p in parties if p.role != PartyRole.SUPPORTER)
    supporter = next(p for p in parties if p.is_enquirer)
    asked_on_behalf(
        AskedOnBehalf(
            case=case,
            family=family,
            supporter=supporter,
            supporter_kind=online_request.supporter_kind or SupporterKind.OTHER,
            family_consented=online_request.family_consents_to_supporter,
            how_consent_was_given=(
                f"{supporter.name} said so in online request {online_request.reference}, "
                f"sent on {date_in_england(online_request.submitted_at):%-d %B %Y}"
            ),
        ),
        by=by,
    )


def accept_request(online_request: OnlineRequest, *, by: User) -> Case:
    """Create the case (a new enquiry received online) and file the request as accepted."""
    with transaction.atomic():
        locked = _locked_new(online_request)
        try:
            case = create_enquiry(locked.provider, enquiry_data(locked), by=by)
        except CaseError as error:
            raise RequestError(str(error)) from error
        record_event(
            case,
            EventKind.ONLINE_REQUEST,
            f"Created from online request {locked.reference}",
            {
                "online_request": locked.reference,
                "consent_to_share_with_la": locked.consent_to_share_with_la,
            },
            by=by,
        )
        _tell_the_family(case, locked, by=by)
        locked.status = RequestStatus.ACCEPTED
        locked.case = case
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "case", "decided_by", "decided_at"])
    online_request.refresh_from_db()
    return case


def reject_request(online_request: OnlineRequest, reason: str, *, by: User) -> OnlineRequest:
    reason = reason.strip()
    if not reason:
        raise RequestError("Enter the reason. The family will be told it.")
    if _names_the_child(reason, online_request):
        # The reason is emailed, and an email never carries a child's name (product.md).
        raise RequestError(
            "Do not use the child's or young person's name in the reason: it is sent by email."
        )
    with transaction.atomic():
        locked = _locked_new(online_request)
        locked.status = RequestStatus.REJECTED
        locked.reject_reason = reason
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "reject_reason", "decided_by", "decided_at"])
    online_request.refresh_from_db()
    emails.send_request_rejected(online_request)
    return online_request


def _names_the_child(text: str, online_request: OnlineRequest) -> bool:
    names = {online_request.child_first_name.strip(), online_request.child_last_name.strip()}
    return any(
        re.search(rf"\b{re.escape(name)}\b", text, flags=re.IGNORECASE)
        for name in names
        if len(name) > 1
    )
