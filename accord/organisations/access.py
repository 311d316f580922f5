"""Who may use each view: declared next to the view, checked on every request.

Every view in the URLconf carries an `AccessRule` (a test walks the URLconf and fails on any view
without one). Staff views use `roles(...)`: the user must be signed in and hold one of the roles in
the provider they are working in; `request.membership` is then set for selectors to scope queries.
Pages open to anyone use `public`; the family portal declares its own rule.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from accord.organisations.backends import MEMBERSHIPS_ATTRIBUTE, memberships_query
from accord.organisations.models import Membership
from accord.organisations.roles import Role

ACCESS_ATTRIBUTE = "accord_access"
SESSION_PROVIDER_KEY = "accord_provider_id"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class AccessRule:
    kind: str  # "public", "roles", "family", "signed-in"
    roles: frozenset[Role] = frozenset()


def _declare(view: Any, rule: AccessRule) -> None:
    setattr(view, ACCESS_ATTRIBUTE, rule)


def public(view: View) -> View:
    """Anyone, signed in or not, may use this view."""
    _declare(view, AccessRule("public"))
    return view


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their role (e.g. choosing which provider to work in)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    _declare(wrapper, AccessRule("signed-in"))
    return wrapper  # type: ignore[return-value]


def declare_family(view: View) -> View:
    """Marks a portal view guarded by the family's one-time sign-in (see accord.portal)."""
    _declare(view, AccessRule("family"))
    return view


def memberships_of(request: HttpRequest) -> list[Membership]:
    """Every membership of the signed-in user, read once per request, in a stable order."""
    cached: list[Membership] | None = getattr(request, MEMBERSHIPS_ATTRIBUTE, None)
    if cached is None:
        # Read with the person by the sign-in backend (accord.organisations.backends), or here.
        cached = getattr(request.user, MEMBERSHIPS_ATTRIBUTE, None)
        if cached is None:
            cached = list(memberships_query(int(request.user.pk or 0)))
        setattr(request, MEMBERSHIPS_ATTRIBUTE, cached)
        # Other checks in this request (e.g. who may issue a certificate) read the same roles.
        held: dict[int, set[Role]] = {}
        for m in cached:
            held.setdefault(m.provider_id, set()).add(m.role_enum)
        for user in [request.user, *(m.user for m in cached)]:
            user.__dict__["_accord_roles_held"] = held
    return cached


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership the signed-in user works under: the provider chosen in the session, or
    their first membership."""
    if not request.user.is_authenticated:
        return None
    memberships = memberships_of(request)
    chosen = request.session.get(SESSION_PROVIDER_KEY)
    for membership in memberships:
        if membership.provider_id == chosen:
            return membership
    return memberships[0] if memberships else None


def membership_allowed(request: HttpRequest, rule: AccessRule) -> Membership | None:
    """The membership a signed-in user would use a view declared with `rule` under, or None if
    none of their roles in the provider they work in is allowed.

    The check `roles(...)` makes before the view runs, and the question the navigation asks
    before offering a page (accord.organisations.navigation): one answer for both."""
    if rule.kind != "roles":
        return None
    membership = current_membership(request)
    if membership is None:
        return None
    if membership.role_enum in rule.roles:
        return membership
    # A person may hold several roles in one provider: use the one this view allows.
    return next(
        (
            m
            for m in memberships_of(request)
            if m.provider_id == membership.provider_id and m.role_enum in rule.roles
        ),
        None,
    )


def roles(*allowed: Role | Iterable[Role]) -> Callable[[View], View]:
    """The signed-in user must hold one of these roles in the provider they are working in."""
    flat: set[Role] = set()
    for item in allowed:
        if isinstance(item, Role):
            flat.add(item)
        else:
            flat.update(item)
    rule = AccessRule("roles", frozenset(flat))

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if current_membership(request) is None:
                raise PermissionDenied("You do not have a role in any service.")
            membership = membership_allowed(request, rule)
            if membership is None:
                raise PermissionDenied("Your role does not allow this.")
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        _declare(wrapper, rule)
        return wrapper  # type: ignore[return-value]

    return decorator


def access_rule_of(view: Any) -> AccessRule | None:
    """The rule declared on a view function or class-based view (as_view() keeps attributes of
    the class through `view_class`)."""
    rule = getattr(view, ACCESS_ATTRIBUTE, None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, ACCESS_ATTRIBUTE, None)
    return rule
