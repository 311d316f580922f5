"""Named case events: how a change to a case sets off work that belongs to a higher floor.

A service in accord.cases announces what happened (`announce(CaseEvent.ENQUIRY_CREATED, case,
by=user)`); an app above it (accord.notifications, say, to queue the family's confirmation)
subscribes a handler in its AppConfig.ready(). accord.cases never imports the apps that listen.

A handler runs either inside the announcing transaction (`after_commit=False`: for writes that
must stand or fall with the change, like an outbox row) or once it has committed
(`after_commit=True`: for work that must not see a change that is rolled back). A handler that
raises inside the transaction rolls the change back with it: nothing half-saved.
docs/decisions.md says why this is a small typed registry rather than Django signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Protocol

from django.db import transaction

from accord.cases.models import Case
from accord.organisations.models import User


class CaseEvent(StrEnum):
    # A new case was opened from an enquiry (by phone, email, online request or referral).
    ENQUIRY_CREATED = "enquiry_created"
    # An event was added to the case's timeline (by `accord.cases.timeline.record_event`; the
    # API's webhooks send it to the bodies its kind's audience includes).
    EVENT_RECORDED = "event_recorded"
    # The case's clock rows were stored afresh (accord.cases.clock_rows.store_case_clocks):
    # the reports' summary tables count them.
    CLOCKS_STORED = "clocks_stored"


class Handler(Protocol):
    def __call__(self, case: Case, *, by: User | None) -> object: ...


@dataclass(frozen=True)
class Subscription:
    name: str
    handler: Handler
    after_commit: bool


_subscriptions: dict[CaseEvent, dict[str, Subscription]] = {}


def subscribe(event: CaseEvent, name: str, handler: Handler, *, after_commit: bool) -> None:
    """Registers `handler` for `event` under a unique `name` (registering the same name again
    replaces it, so a second ready() adds nothing)."""
    _subscriptions.setdefault(event, {})[name] = Subscription(name, handler, after_commit)


def subscribers(event: CaseEvent) -> list[Subscription]:
    return list(_subscriptions.get(event, {}).values())


def announce(event: CaseEvent, case: Case, *, by: User | None) -> None:
    """Runs every handler subscribed to `event`, in the order they subscribed."""
    for subscription in subscribers(event):
        if subscription.after_commit:
            transaction.on_commit(partial(subscription.handler, case, by=by))
        else:
            subscription.handler(case, by=by)
