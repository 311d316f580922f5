"""Every change to how a provider is set up is recorded: who, when, what, before and after.

One writer (`record_change`) for the append-only `SetupChange` rows, read on the "Changes to the
service" page. The services of this app call it inside the transaction of the change, so the
record stands or falls with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import models

from accord.organisations.models import Provider, SetupChange, User


class SetupError(Exception):
    """A change to the service's set-up that cannot be made; the message says why, in words
    a service manager can act on. `field`, when given, names the form field it is about."""

    def __init__(self, message: str = "", *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def as_json(value: Any) -> Any:
    """A field value as plain JSON: a related object by its name, dates as ISO text."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(as_json(v) for v in value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: as_json(getattr(instance, name)) for name in fields}


def record_change(
    provider: Provider,
    what: str,
    *,
    by: User | None,
    subject: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> SetupChange:
    """Appends one change. Only the values that differ are kept when both sides are given."""
    before = dict(before or {})
    after = dict(after or {})
    if before and after:
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    return SetupChange.objects.create(
        provider=provider, by=by, what=what, subject=subject[:200], before=before, after=after
    )
