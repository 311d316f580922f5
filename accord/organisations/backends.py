"""Signing in with a password, and reading the signed-in person on every request.

Every staff page needs the person's memberships (which provider, which role: `access.roles`,
the navigation): they are read with the person, in one query, rather than the person first and
their memberships after (docs/performance.md, "Case page queries")."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from accord.organisations.models import Membership, User

# Where the memberships read with the person are kept for the request (`access.memberships_of`).
MEMBERSHIPS_ATTRIBUTE = "_accord_memberships"


def memberships_query(user_id: int) -> Any:
    """A person's memberships, each with its provider and body, in a stable order."""
    return (
        Membership.objects.select_related("provider", "local_authority", "health_body", "user")
        .filter(user_id=user_id)
        .order_by("provider__name", "role")
    )


class PasswordAndMemberships(ModelBackend):
    """Django's own password check; the signed-in person read with their memberships."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            memberships = list(memberships_query(int(user_id)))
        except (TypeError, ValueError):
            return None
        if memberships:
            user = memberships[0].user
            for membership in memberships:
                membership.user = user  # one object for the person, as the request sees it
        else:
            # No membership (an administrator): the person alone.
            user = User._default_manager.filter(pk=user_id).first()
            if user is None:
                return None
        if not self.user_can_authenticate(user):
            return None
        user.__dict__[MEMBERSHIPS_ATTRIBUTE] = memberships
        return user


def memberships_held(user: Any) -> list[Membership]:
    """The person's memberships: those read with them for this request by the sign-in backend
    (no query), or, for a person read another way (an API client's), read now."""
    memberships: list[Membership] | None = user.__dict__.get(MEMBERSHIPS_ATTRIBUTE)
    if memberships is None:
        memberships = list(memberships_query(int(user.pk or 0)))
    return memberships
