"""Erasure on request (UK GDPR art. 17): a person's details removed from a case, unless the
service must keep them; either way the decision is recorded (an `Erasure` row).

Refused where the record must be kept (art. 17(3)(b) and (e): a legal obligation, or legal
claims): an issued certificate names them (the family's evidence for an appeal to the SEND
Tribunal, Children and Families Act 2014 s.55; SEND Regs 2014 regs 33-34), an issued agreement
records them (followed up under reg 42), the case is under a legal hold, or the case is open and
they made the enquiry (the service needs them to run it).

Erased, their name and contact details leave the person's record, the case's history (which is
append-only: erasure, like retention, changes it inside `retention_window()`) and the messages
sent to them (the words, and their address among the recipients).
"""

from __future__ import annotations

from django.db import transaction

from accord.cases.append_only import retention_window
from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Party
from accord.cases.timeline import EventKind, record_event
from accord.documents.models import Agreement, Certificate
from accord.notifications.models import OutboxMessage
from accord.organisations.models import User
from accord.privacy.models import Erasure
from accord.privacy.retention import scrub_history

ERASED_NAME = "Details erased"
CLEARED = (
    "organisation",
    "email",
    "phone",
    "address",
    "interpreter_language",
    "access_needs",
    "on_behalf_of",
)


class ErasureRefused(Exception):
    """The person's details must be kept: the message says why."""


def why_not_erasable(party: Party) -> str:
    """Empty if the person's details may be erased; otherwise why they are kept."""
    case = party.case
    if party.name == ERASED_NAME:
        return "Their details have already been erased."
    if case.legal_hold:
        return f"The case is under a legal hold: {case.legal_hold_reason or 'no reason given'}."
    certificates = Certificate.objects.filter(case=case)
    if certificates.filter(family_names__icontains=party.name).exists() or (
        party.role in FAMILY_ROLES and certificates.exists()
    ):
        return (
            "An issued certificate names them. It is the family's evidence for an appeal to the "
            "SEND Tribunal and must be kept (Children and Families Act 2014 s.55)."
        )
    if (
        party.role in FAMILY_ROLES
        and Agreement.objects.filter(case=case, issued_at__isnull=False).exists()
    ):
        return (
            "An issued agreement records them, and its agreed actions are followed up "
            "(SEND Regs 2014 reg 42). It is kept for the retention period of the case."
        )
    if case.is_open and party.is_enquirer:
        return "They made the enquiry and the case is open: the service needs them to run it."
    return ""


def _erase(party: Party) -> None:
    """The person's details off the case, its history and the messages sent to them."""
    known = sorted({v for v in (party.name, party.email, party.phone) if len(v) > 1}, key=len)
    address = party.email.lower()
    with retention_window():
        scrub_history(party.case, known[::-1], every_change=False)
    for message in OutboxMessage.objects.filter(case=party.case):
        if address and address in {str(to).lower() for to in message.to}:
            others = [to for to in message.to if str(to).lower() != address]
            OutboxMessage.objects.filter(pk=message.pk).update(body="", to=others)
    party.name = ERASED_NAME
    for name in CLEARED:
        setattr(party, name, "")
    party.save()


def erase_party(party: Party, *, reason: str, by: User) -> Erasure:
    """Erases the person's details, or records the refusal and raises ErasureRefused."""
    refusal = why_not_erasable(party)
    with transaction.atomic():
        erasure = Erasure.objects.create(
            case=party.case,
            party_id_erased=party.pk,
            party_role=party.role,
            reason=reason,
            outcome=Erasure.Outcome.REFUSED if refusal else Erasure.Outcome.ERASED,
            explanation=refusal,
            decided_by=by,
        )
        if not refusal:
            _erase(party)
            record_event(
                party.case,
                EventKind.PARTY_ERASED,
                f"A person's details were erased on request ({party.get_role_display()})",
                {"reason": reason},
                by=by,
            )
    if refusal:
        raise ErasureRefused(refusal)
    return erasure
