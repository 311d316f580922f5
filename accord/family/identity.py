"""Who a signed-in family member has proved to be: the email addresses and phone numbers they
received a one-time code at. Nothing else identifies them to Accord."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")


class NotAnAddress(ValueError):
    """The text entered is neither an email address nor a UK phone number."""


def normalise_email(text: str) -> str:
    return text.strip().lower()


def normalise_phone(text: str) -> str:
    """A UK number in national form, e.g. '+44 (0)7700 900 123' -> '07700900123'."""
    digits = _PHONE_PUNCTUATION.sub("", text.strip())
    for country_code in ("+44", "0044"):
        if digits.startswith(country_code):
            digits = "0" + digits.removeprefix(country_code).removeprefix("0")
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        raise NotAnAddress(text)
    return digits


def phone_spellings(national: str) -> list[str]:
    """The ways the same number may be written once spaces and brackets are removed."""
    rest = national[1:]
    return [national, f"+44{rest}", f"0044{rest}", f"44{rest}", f"+440{rest}"]


@dataclass(frozen=True)
class Address:
    """An address a code can be sent to."""

    channel: str  # "email" or "text" (SignInCode.Channel)
    value: str  # normalised

    @classmethod
    def parse(cls, text: str, *, phones_allowed: bool) -> Address:
        text = text.strip()
        if "@" in text:
            email = normalise_email(text)
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) or len(email) > 254:
                raise NotAnAddress(text)
            return cls("email", email)
        if not phones_allowed:
            raise NotAnAddress(text)
        return cls("text", normalise_phone(text))


@dataclass(frozen=True)
class FamilyIdentity:
    """The addresses a family member has proved in this browser session."""

    emails: frozenset[str] = field(default_factory=frozenset)
    phones: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.emails and not self.phones

    def with_address(self, address: Address) -> FamilyIdentity:
        if address.channel == "email":
            return FamilyIdentity(self.emails | {address.value}, self.phones)
        return FamilyIdentity(self.emails, self.phones | {address.value})

    def to_session(self) -> dict[str, list[str]]:
        return {"emails": sorted(self.emails), "phones": sorted(self.phones)}

    @classmethod
    def from_session(cls, data: object) -> FamilyIdentity:
        if not isinstance(data, dict):
            return cls()
        return cls(
            frozenset(str(e) for e in data.get("emails", [])),
            frozenset(str(p) for p in data.get("phones", [])),
        )
