"""A person who has given only a password reaches nothing but the second-factor pages.

With `ACCORD_REQUIRE_MFA` on, every view that needs a signed-in person (role pages, the account
pages, the Django admin) sends a signed-in person whose session has not been verified by a second
factor to the code page, or the first time to the set-up page. Public pages stay public and family
pages keep their own one-time email code (their access rule says so); the second-factor pages
themselves are marked with `before_second_factor`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accord.organisations.access import access_rule_of, signed_in
from accord.organisations.second_factor.devices import has_second_factor

BEFORE_SECOND_FACTOR = "accord_before_second_factor"
# Access rules whose pages never need a staff sign-in.
OPEN_KINDS = frozenset({"public", "family"})

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def before_second_factor(view: View) -> View:
    """A page for a signed-in person who has not yet given their second factor."""
    wrapped = signed_in(view)
    setattr(wrapped, BEFORE_SECOND_FACTOR, True)
    return wrapped


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    if not settings.ACCORD_REQUIRE_MFA or not user.is_authenticated:
        return False
    return not user.is_verified()  # type: ignore[attr-defined]


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        if getattr(view, BEFORE_SECOND_FACTOR, False):
            return None
        rule = access_rule_of(view)
        if rule is not None and rule.kind in OPEN_KINDS:
            return None
        if not needs_second_factor(request):
            return None
        step = "second_factor" if has_second_factor(request.user) else "second_factor_set_up"  # type: ignore[arg-type]
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
