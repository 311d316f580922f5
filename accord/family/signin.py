"""Signing in without a password: a one-time code sent to an address held on the family's case.

- A supporter the family invited signs in the same way, while their consent is in force.
- The answer to "send me a code" is the same whether or not the address is on a case, so the
  page cannot be used to find out who has a case (no account enumeration).
- A code has 6 digits, lasts 15 minutes, works once, and is stored only as a keyed hash.
- 5 wrong tries revoke it; a new code revokes older ones for the same address.
- Requests and wrong tries are also limited per address and per IP address (ratelimit.py).
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accord.family import delivery
from accord.family.identity import Address, FamilyIdentity
from accord.family.models import SignInCode
from accord.family.ratelimit import Limit
from accord.family.selectors import has_family_case
from accord.family.supporters import has_supported_case

logger = logging.getLogger(__name__)

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=15)
WRONG_TRIES_PER_CODE = 5

# Sending codes: a few per address, more per IP address (a shared connection, a library).
CODES_PER_ADDRESS = Limit("codes-per-address", allowed=3, window_seconds=15 * 60)
CODES_PER_IP = Limit("codes-per-ip", allowed=10, window_seconds=60 * 60)
# Wrong codes, across every code sent: bounds guessing even if codes are requested again.
WRONG_CODES_PER_ADDRESS = Limit("wrong-codes-per-address", allowed=10, window_seconds=60 * 60)
WRONG_CODES_PER_IP = Limit("wrong-codes-per-ip", allowed=20, window_seconds=60 * 60)

_HASH_PURPOSE = "accord.family.sign-in-code"


class TooManyTries(Exception):
    """Too many codes asked for, or too many wrong codes: wait before trying again."""


def _digest(purpose: str, value: str) -> str:
    return salted_hmac(f"{_HASH_PURPOSE}.{purpose}", value, algorithm="sha256").hexdigest()


def address_digest(address: Address) -> str:
    return _digest("address", f"{address.channel}:{address.value}")


def _code_hash(salt: str, address: Address, code: str) -> str:
    return _digest("code", f"{salt}:{address.channel}:{address.value}:{code}")


def _identity_for(address: Address) -> FamilyIdentity:
    return FamilyIdentity().with_address(address)


def request_code(address: Address, ip_address: str) -> None:
    """Sends a code if the address belongs to a family party on an open or recent case; does
    nothing visible otherwise. Raises TooManyTries whatever the address, once over the limit."""
    if CODES_PER_IP.exceeded(ip_address) or CODES_PER_ADDRESS.exceeded(address.value):
        raise TooManyTries()
    CODES_PER_IP.hit(ip_address)
    CODES_PER_ADDRESS.hit(address.value)
    identity = _identity_for(address)
    # A family party on a case, or a supporter the family lets see one (accord.family.supporters).
    if not has_family_case(identity) and not has_supported_case(identity):
        logger.info("Family sign-in code asked for an address not on any case")
        return
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    digest = address_digest(address)
    now = timezone.now()
    with transaction.atomic():
        SignInCode.objects.filter(
            address_digest=digest, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        SignInCode.objects.create(
            address_digest=digest,
            channel=address.channel,
            salt=salt,
            code_hash=_code_hash(salt, address, code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    try:
        delivery.send_message(
            delivery.sign_in_code_message(address.channel, address.value, code, minutes)
        )
    except Exception:
        # The page must not reveal that this address is on a case, so the failure is logged
        # for the service to see rather than shown.
        logger.exception("Could not send a family sign-in code")


def check_code(address: Address, code: str, ip_address: str) -> FamilyIdentity | None:
    """The identity proved by a right code, or None. A right code is spent at once."""
    if WRONG_CODES_PER_IP.exceeded(ip_address) or WRONG_CODES_PER_ADDRESS.exceeded(address.value):
        raise TooManyTries()
    code = code.strip().replace(" ", "")
    now = timezone.now()
    with transaction.atomic():
        current = (
            SignInCode.objects.select_for_update()
            .filter(
                address_digest=address_digest(address),
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now,
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if current is not None and constant_time_compare(
            _code_hash(current.salt, address, code), current.code_hash
        ):
            current.used_at = now
            current.save(update_fields=["used_at"])
            WRONG_CODES_PER_ADDRESS.reset(address.value)
            return _identity_for(address)
        if current is not None:
            current.failed_attempts += 1
            if current.failed_attempts >= WRONG_TRIES_PER_CODE:
                current.revoked_at = now
            current.save(update_fields=["failed_attempts", "revoked_at"])
    WRONG_CODES_PER_IP.hit(ip_address)
    WRONG_CODES_PER_ADDRESS.hit(address.value)
    return None
