"""Which channel reaches a party: the contact method they chose, if we hold the details for it.

    route_for(party) -> Route(channel=Channel.TEXT, address="07700900123"), or None

A party who asked for texts gets texts, one who asked for post gets letters, one who asked for
email gets email. When the chosen method cannot be used (no mobile number for a text, no full
postal address for a letter) or is a phone call (Accord cannot make one), the message goes by the
first of email, text and letter that we hold the details for, so nobody is left untold; the case
page shows the channel used. No details at all: None, and the caller says so on the case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.cases.choices import ContactMethod, PartyRole
from accord.cases.models import Party
from accord.notifications.models import Channel

# A UK mobile number (07…, +447…, 00447…) or an international one (+ and 8 to 15 digits):
# what GOV.UK Notify accepts for a text message.
_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")
_INTERNATIONAL = re.compile(r"^(?:\+|00)[1-9]\d{7,14}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)

PREFERRED: dict[str, Channel | None] = {
    ContactMethod.EMAIL: Channel.EMAIL,
    ContactMethod.TEXT: Channel.TEXT,
    ContactMethod.POST: Channel.LETTER,
    ContactMethod.PHONE: None,
}
FALLBACK_ORDER = (Channel.EMAIL, Channel.TEXT, Channel.LETTER)


@dataclass(frozen=True)
class Route:
    channel: Channel
    address: str
    preferred: bool  # False when the chosen method could not be used

    @property
    def address_lines(self) -> list[str]:
        return self.address.split("\n")


def mobile_number(phone: str) -> str:
    """The number with spaces, dashes and brackets taken out, if it can take a text; else ''."""
    number = re.sub(r"[\s\-().]", "", phone)
    if _UK_MOBILE.match(number) or (
        _INTERNATIONAL.match(number) and not number.startswith(("+44", "0044"))
    ):
        return number
    return ""


def postal_address(party: Party) -> list[str]:
    """The lines of a letter's address block: who it is for, then the address. GOV.UK Notify
    needs 3 to 7 lines, the last a UK postcode (or a country). Empty when that cannot be made."""
    lines = [" ".join(line.split()) for line in party.address.replace(",", "\n").splitlines()]
    lines = [line for line in lines if line]
    if not lines or not _POSTCODE.match(lines[-1]):
        return []
    lines = [addressee(party), *lines]
    if not 3 <= len(lines) <= 7:
        return []
    return lines


def addressee(party: Party) -> str:
    """The first line of the address. A young person is the child of the case, so their name
    never goes on an envelope; anyone else's does, so the letter reaches them."""
    if party.role == PartyRole.YOUNG_PERSON:
        return "Private and confidential"
    name = " ".join(party.name.split())
    if party.organisation.strip():
        return f"{name}, {party.organisation.strip()}"[:80] if name else party.organisation
    return name or "Private and confidential"


def address_for(party: Party, channel: Channel) -> str:
    if channel == Channel.EMAIL:
        return party.email.strip()
    if channel == Channel.TEXT:
        return mobile_number(party.phone)
    return "\n".join(postal_address(party))


def route_for(party: Party) -> Route | None:
    """The channel and address for a message to `party`, by their preferred contact method."""
    preferred = PREFERRED.get(party.preferred_contact)
    if preferred is not None:
        address = address_for(party, preferred)
        if address:
            return Route(preferred, address, preferred=True)
    for channel in FALLBACK_ORDER:
        address = address_for(party, channel)
        if address:
            return Route(channel, address, preferred=False)
    return None
