"""A family member, or a supporter with the family's consent, corrects their own details from
their pages: phone, postal address, how they prefer to be contacted, an interpreter, access
needs. Each change is on the case's timeline for staff (and the family) to see.

The email address is not changed here: it is what they sign in with, proved by a code sent to
it, so a new one is given to the service, who check it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction

from accord.cases.choices import ContactMethod
from accord.cases.models import Party
from accord.cases.services import CaseError
from accord.cases.timeline import EventKind, record_event

ONLINE_ACTOR_LABELS = {True: "Supporter (online)", False: "Family (online)"}


@dataclass(frozen=True)
class OwnDetails:
    phone: str
    address: str
    preferred_contact: str
    interpreter_language: str
    access_needs: str


def details_of(party: Party) -> OwnDetails:
    return OwnDetails(
        phone=party.phone,
        address=party.address,
        preferred_contact=party.preferred_contact,
        interpreter_language=party.interpreter_language,
        access_needs=party.access_needs,
    )


def _check(party: Party, details: OwnDetails) -> None:
    how = details.preferred_contact
    if how not in ContactMethod.values:
        raise CaseError("Choose how you prefer to be contacted.", field="preferred_contact")
    if how == ContactMethod.EMAIL and not party.email:
        raise CaseError(
            "We do not have an email address for you: choose another way.",
            field="preferred_contact",
        )
    if how in (ContactMethod.PHONE, ContactMethod.TEXT) and not details.phone.strip():
        raise CaseError(
            "Enter a phone number, or choose another way to contact you.", field="phone"
        )
    if how == ContactMethod.POST and not details.address.strip():
        raise CaseError(
            "Enter a postal address, or choose another way to contact you.", field="address"
        )


def correct_own_details(party: Party, details: OwnDetails, *, as_supporter: bool) -> Party:
    """Saves what changed and records it on the timeline (before and after)."""
    _check(party, details)
    cleaned = {name: value.strip() for name, value in asdict(details).items()}
    changes = {k: [getattr(party, k), v] for k, v in cleaned.items() if getattr(party, k) != v}
    if not changes:
        return party
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(party, name, value)
        party.save(update_fields=list(cleaned))
        record_event(
            party.case,
            EventKind.CONTACT_DETAILS_CORRECTED,
            f"{party.name} corrected their own details: "
            + ", ".join(name.replace("_", " ") for name in changes),
            changes,
            by=None,
            label=ONLINE_ACTOR_LABELS[as_supporter],
        )
    return party
