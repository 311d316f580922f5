"""Case events (accord.cases.events): handlers registered by higher floors run in the announcing
transaction or after it commits, as each subscription says."""

from __future__ import annotations

import pytest
from django.db import transaction

from accord.cases import events
from accord.cases.events import CaseEvent, announce, subscribe, subscribers
from accord.notifications.models import OutboxMessage
from tests.factories import CaseFactory


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(events, "_subscriptions", {})


def test_a_new_enquiry_is_confirmed_to_the_family_through_the_notifications_subscription():
    names = {s.name for s in subscribers(CaseEvent.ENQUIRY_CREATED)}
    assert "notifications.enquiry_confirmation" in names


@pytest.mark.django_db
def test_handlers_run_in_order_inside_the_transaction(clean_registry, world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    seen: list[tuple[str, int, object]] = []
    subscribe(
        CaseEvent.ENQUIRY_CREATED,
        "first",
        lambda c, *, by: seen.append(("first", c.pk, by)),
        after_commit=False,
    )
    subscribe(
        CaseEvent.ENQUIRY_CREATED,
        "second",
        lambda c, *, by: seen.append(("second", c.pk, by)),
        after_commit=False,
    )
    with transaction.atomic():
        announce(CaseEvent.ENQUIRY_CREATED, case, by=None)
        assert seen == [("first", case.pk, None), ("second", case.pk, None)]


@pytest.mark.django_db
def test_subscribing_the_same_name_twice_replaces_it(clean_registry):
    subscribe(CaseEvent.ENQUIRY_CREATED, "once", lambda c, *, by: None, after_commit=False)
    subscribe(CaseEvent.ENQUIRY_CREATED, "once", lambda c, *, by: None, after_commit=True)
    only = subscribers(CaseEvent.ENQUIRY_CREATED)
    assert [(s.name, s.after_commit) for s in only] == [("once", True)]


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_wait_for_the_commit_and_never_run_on_rollback(clean_registry, world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    seen: list[int] = []
    subscribe(
        CaseEvent.ENQUIRY_CREATED, "later", lambda c, *, by: seen.append(c.pk), after_commit=True
    )
    with transaction.atomic():
        announce(CaseEvent.ENQUIRY_CREATED, case, by=None)
        assert seen == []
    assert seen == [case.pk]

    seen.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        announce(CaseEvent.ENQUIRY_CREATED, case, by=None)
        raise RuntimeError("the change fails")
    assert seen == []


@pytest.mark.django_db
def test_a_failing_handler_inside_the_transaction_rolls_the_change_back(clean_registry, world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)

    def queue_then_fail(c, *, by):
        OutboxMessage.objects.create(
            provider_id=c.provider_id,
            case=c,
            to=["family@example.com"],
            subject="Half-saved",
            body="-",
            idempotency_key=f"half-saved:{c.pk}",
        )
        raise RuntimeError("handler failed")

    subscribe(CaseEvent.ENQUIRY_CREATED, "fails", queue_then_fail, after_commit=False)
    with pytest.raises(RuntimeError), transaction.atomic():
        announce(CaseEvent.ENQUIRY_CREATED, case, by=None)
    assert not OutboxMessage.objects.filter(idempotency_key=f"half-saved:{case.pk}").exists()
