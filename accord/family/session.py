"""The family's signed-in session: which addresses they proved, and when they were last active.

A family session ends after 30 minutes without activity, when the browser closes, or when they
sign out. It is kept apart from a staff sign-in in the same browser.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from accord.family.identity import Address, FamilyIdentity
from accord.organisations.access import declare_family

SESSION_KEY = "accord_family"
PENDING_KEY = "accord_family_pending"
IDLE_LIMIT_SECONDS = 30 * 60

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def start_family_session(request: HttpRequest, proved: FamilyIdentity) -> None:
    """Signs the family in with the addresses just proved (kept with any proved earlier in the
    same session). A new session key stops a planted session id being reused."""
    identity = current_family(request) or FamilyIdentity()
    for email in proved.emails:
        identity = identity.with_address(Address("email", email))
    for phone in proved.phones:
        identity = identity.with_address(Address("text", phone))
    request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    request.session[SESSION_KEY] = {**identity.to_session(), "last_seen": int(time.time())}
    # Ends when the browser closes, whatever the staff session settings.
    request.session.set_expiry(0)


def end_family_session(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PENDING_KEY, None)
    if request.user.is_authenticated:
        request.session.cycle_key()
    else:
        request.session.flush()


def current_family(request: HttpRequest) -> FamilyIdentity | None:
    """The signed-in family's identity, or None (never signed in, or idle too long)."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    idle_for = int(time.time()) - int(data.get("last_seen", 0))
    identity = FamilyIdentity.from_session(data)
    if idle_for > IDLE_LIMIT_SECONDS or identity.is_empty:
        return None
    return identity


def remember_pending_address(request: HttpRequest, address: Address) -> None:
    request.session[PENDING_KEY] = {"channel": address.channel, "value": address.value}


def pending_address(request: HttpRequest) -> Address | None:
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or data.get("channel") not in {"email", "text"}:
        return None
    return Address(str(data["channel"]), str(data.get("value", "")))


def family_signed_in(view: View) -> View:
    """Only a signed-in family may use this view; `request.family` is then their identity.

    Declared as a family view for the URLconf check (accord.organisations.access)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        identity = current_family(request)
        if identity is None:
            if SESSION_KEY in request.session:
                end_family_session(request)
                messages.info(request, "You were signed out because you had been inactive.")
            return redirect("family:sign_in")
        request.session[SESSION_KEY] = {**identity.to_session(), "last_seen": int(time.time())}
        request.family = identity  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return declare_family(never_cache(wrapper))  # type: ignore[return-value]


def family_of(request: HttpRequest) -> FamilyIdentity:
    identity: FamilyIdentity = request.family  # type: ignore[attr-defined]
    return identity
