"""The staff outbox page: staff roles only, one provider's messages only, retry for failed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.notifications.services import queue_email
from accord.organisations.roles import Role


def queue(case, key):
    return queue_email(
        case=case,
        to=["parent@example.com"],
        subject=f"{case.reference}: meeting booked ({key})",
        body="What to do next: tell us whether you can come.",
        idempotency_key=key,
    )


@pytest.fixture
def failed_message(make_case, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.AlwaysFailBackend"
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 1
    message = queue(make_case(), "will-fail")
    deliver_due_messages()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    return message


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SERVICE_MANAGER, 200),
        (Role.COORDINATOR, 200),
        (Role.ADVISER, 200),
        (Role.MEDIATOR, 403),
        (Role.LA_OFFICER, 403),
        (Role.ICB_OFFICER, 403),
        (Role.COMMISSIONER, 403),
    ],
)
def test_the_outbox_is_for_staff(client_for, role, status):
    assert client_for(role).get(reverse("notifications:outbox")).status_code == status


def test_the_outbox_lists_this_providers_messages_only(client_for, make_case, world):
    ours = queue(make_case(), "ours")
    theirs = queue(make_case(provider=world.stranger_provider), "theirs")
    page = client_for(Role.COORDINATOR).get(reverse("notifications:outbox"))
    assert ours.subject in page.content.decode()
    assert theirs.subject not in page.content.decode()
    other = client_for(Role.COORDINATOR).get(reverse("notifications:message", args=[theirs.pk]))
    assert other.status_code == 404


def test_the_outbox_filters_by_status(client_for, make_case, failed_message):
    waiting = queue(make_case(), "waiting")
    client = client_for(Role.COORDINATOR)
    failed_page = client.get(reverse("notifications:outbox"), {"status": "failed"}).content
    assert failed_message.subject.encode() in failed_page
    assert waiting.subject.encode() not in failed_page
    assert b"Send again" in failed_page
    queued_page = client.get(reverse("notifications:outbox"), {"status": "queued"}).content
    assert waiting.subject.encode() in queued_page
    assert failed_message.subject.encode() not in queued_page


def test_a_failed_message_shows_why_and_can_be_sent_again(client_for, failed_message):
    client = client_for(Role.ADVISER)
    detail = client.get(reverse("notifications:message", args=[failed_message.pk]))
    assert detail.status_code == 200
    assert b"SMTPServerDisconnected" in detail.content
    response = client.post(reverse("notifications:retry", args=[failed_message.pk]))
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == MessageStatus.QUEUED
    assert failed_message.attempts == 0


def test_retry_is_a_post_for_staff_of_the_same_provider(client_for, world, failed_message):
    url = reverse("notifications:retry", args=[failed_message.pk])
    assert client_for(Role.COORDINATOR).get(url).status_code == 405
    assert client_for(Role.MEDIATOR).post(url).status_code == 403
    from django.test import Client

    stranger = Client()
    stranger.force_login(world.stranger.user)
    assert stranger.post(url).status_code == 404
    failed_message.refresh_from_db()
    assert failed_message.status == MessageStatus.FAILED


def test_a_sent_message_cannot_be_sent_again(client_for, make_case):
    message = queue(make_case(), "sent")
    deliver_due_messages()
    client_for(Role.COORDINATOR).post(reverse("notifications:retry", args=[message.pk]))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert OutboxMessage.objects.count() == 1


def test_the_case_page_shows_its_messages_and_their_history(client_for, make_case):
    case = make_case()
    message = queue(case, "case-page")
    deliver_due_messages()
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert 'id="messages"' in page
    assert message.subject in page
    assert f"Email queued: {message.subject}" in page
    assert f"Email sent: {message.subject}" in page

    officer_page = client_for(Role.LA_OFFICER).get(case.get_absolute_url()).content.decode()
    assert 'id="messages"' not in officer_page
    assert f"Email sent: {message.subject}" not in officer_page
