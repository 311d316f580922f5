"""How many failed sign-ins are allowed, per account and per address (django-axes).

Axes counts failures for two things (settings.AXES_LOCKOUT_PARAMETERS): one account from one
address (the lock staff already knew: 5 failures, 30 minutes) and one address across every account
(password spraying: a few guesses at many accounts). An office shares one address, so the address
gets a higher limit than the account. Axes compares the larger of the two counts with one limit;
`failure_limit` gives it the account's limit once the account itself has reached it, and the
address's limit otherwise.

Before the block, an address that keeps failing is slowed: each further failure from it waits a
little before the answer (`slow_down_sprayed_address`), which makes spraying slow while costing a
person who mistypes nothing.

On a correct sign-in only that account's failures from that address are cleared (axes's own reset
would clear the address's count too, and let one known password wipe a spraying record).
"""

from __future__ import annotations

import time
from typing import Any

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from accord.organisations.models import User


def _failures(**where: Any) -> int:
    total = AccessAttempt.objects.filter(**where).aggregate(n=Sum("failures_since_start"))["n"]
    return int(total or 0)


def _address(request: HttpRequest) -> str:
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request) or ""


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """AXES_FAILURE_LIMIT: the limit axes compares the larger count with."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or ""
    account_limit = int(settings.ACCORD_LOGIN_FAILURE_LIMIT)
    if username:
        on_account = _failures(username=username, ip_address=_address(request))
        if on_account >= account_limit:
            return account_limit
    return int(settings.ACCORD_LOGIN_ADDRESS_FAILURE_LIMIT)


def slow_down_sprayed_address(sender: Any, credentials: Any, request: Any = None, **_: Any) -> None:
    """Receiver of user_login_failed (after axes has counted the failure)."""
    if request is None or not settings.AXES_ENABLED:
        return
    if _failures(ip_address=_address(request)) >= settings.ACCORD_LOGIN_ADDRESS_SLOW_AFTER:
        time.sleep(settings.ACCORD_LOGIN_ADDRESS_SLOW_SECONDS)


def clear_account_failures(sender: Any, request: Any, user: User, **_: Any) -> None:
    """Receiver of user_logged_in: the account's failures from this address are forgiven."""
    if request is None:
        return
    AccessAttempt.objects.filter(
        username__iexact=user.get_username(), ip_address=_address(request)
    ).delete()
