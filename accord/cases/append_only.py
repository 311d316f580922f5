"""Audit and history rows are append-only: the application never updates or deletes them.

Two guards hold the rule. In Python, the models below refuse `save()` of a stored row, `delete()`,
and a queryset's `update()` and `delete()`. In PostgreSQL, a trigger (accord.privacy migration
0002) refuses any UPDATE or DELETE of the rows, whoever connects.

One job may change them: the retention job (accord.privacy.retention), which anonymises closed
cases and removes access-log entries past their retention period. It does so inside
`retention_window()`, which, within the job's own transaction, lets Python through and sets the
PostgreSQL setting `accord.retention` to `on` with SET LOCAL, so that it ends with the transaction
(docs/data-protection.md, "Append-only").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db import connection, models, transaction

_retention_running: ContextVar[bool] = ContextVar("accord_retention_running", default=False)


class AppendOnlyError(Exception):
    """An attempt to change or remove a row of the audit or the history."""


def retention_running() -> bool:
    return _retention_running.get()


def _refuse(what: str, model: type[models.Model]) -> None:
    if not retention_running():
        raise AppendOnlyError(
            f"{model._meta.verbose_name_plural} are append-only: {what} is not allowed."
        )


@contextmanager
def retention_window() -> Iterator[None]:
    """Lets the retention job change audit and history rows, inside one transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL accord.retention = 'on'")
        token = _retention_running.set(True)
        try:
            yield
        finally:
            _retention_running.reset(token)
            if connection.vendor == "postgresql" and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL accord.retention = 'off'")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        _refuse("an update", self.model)
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse("a delete", self.model)
        return super().delete()


class AppendOnlyManager(models.Manager.from_queryset(AppendOnlyQuerySet)):  # type: ignore[misc]
    pass


class AppendOnly(models.Model):
    """A row that is written once and never changed (outside the retention job)."""

    objects: ClassVar[AppendOnlyManager] = AppendOnlyManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("changing a stored row", type(self))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse("a delete", type(self))
        return super().delete(*args, **kwargs)
