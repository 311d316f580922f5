"""The outbox: written first, sent by the worker, retried with backoff, never sent twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.notifications.delivery import deliver_due_messages, retry_delay
from accord.notifications.messages import ChildDetailsInMessage
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.notifications.services import OutboxError, queue_email, retry_message
from accord.organisations.roles import Role


def queue(case, key="test:1", to=("parent@example.com",), **extra):
    return queue_email(
        case=case,
        to=list(to),
        subject=f"{case.reference}: your meeting has been booked",
        body="What to do next: tell us whether you can come.",
        idempotency_key=key,
        **extra,
    )


def timeline_kinds(case):
    return list(case.timeline.order_by("at", "id").values_list("kind", flat=True))


def test_queueing_writes_the_outbox_and_sends_nothing_until_the_worker_runs(make_case):
    case = make_case()
    message = queue(case)
    assert message.status == MessageStatus.QUEUED
    assert message.provider == case.provider
    assert mail.outbox == []
    assert timeline_kinds(case) == ["message_queued"]


def test_the_same_key_twice_makes_one_row_and_one_email(make_case):
    case = make_case()
    first = queue(case)
    second = queue(case)
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1

    deliver_due_messages()
    deliver_due_messages()
    queue(case)  # after sending too: still the same row, nothing more queued
    deliver_due_messages()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["parent@example.com"]
    assert timeline_kinds(case) == ["message_queued", "message_sent"]


def test_a_sent_email_carries_subject_body_reply_to_and_attachment(make_case):
    case = make_case()
    queue(
        case,
        reply_to="service@example.org",
        attachments=[("meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    report = deliver_due_messages()
    assert report.sent == 1
    email = mail.outbox[0]
    assert email.subject == f"{case.reference}: your meeting has been booked"
    # About a case, the Reply-To is the recipient's reply address for it (accord.inbound
    # registers it: accord.notifications.reply_to), which files the answer to the case.
    (reply_to,) = email.reply_to
    assert reply_to.startswith("reply+") and case.reference not in reply_to
    assert email.attachments[0][0] == "meeting.ics"
    assert email.extra_headers["Message-ID"].startswith("<")
    sent = OutboxMessage.objects.get()
    assert sent.status == MessageStatus.SENT and sent.sent_at is not None


def test_each_recipient_gets_a_separate_email(make_case):
    case = make_case()
    queue(case, to=["a@example.org", "b@example.org", "A@example.org"])
    deliver_due_messages()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_a_backend_failure_is_retried_after_a_delay_then_sent(make_case, fail_first):
    case = make_case()
    message = queue(case)
    now = timezone.now()

    first = deliver_due_messages(now=now)
    message.refresh_from_db()
    assert (first.sent, first.retrying) == (0, 1)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at == now + retry_delay(1)
    assert mail.outbox == []

    # Not due yet: the worker leaves it alone.
    assert deliver_due_messages(now=now + retry_delay(1) - timedelta(seconds=1)).sent == 0

    second = deliver_due_messages(now=now + retry_delay(1))
    message.refresh_from_db()
    assert second.sent == 1
    assert message.status == MessageStatus.SENT
    assert message.attempts == 2
    assert len(mail.outbox) == 1
    assert timeline_kinds(case) == ["message_queued", "message_sent"]


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (4, 480), (20, 6 * 60 * 60)]
)
def test_the_wait_between_attempts_doubles_up_to_a_ceiling(settings, attempts, seconds):
    settings.ACCORD_OUTBOX_RETRY_SECONDS = 60
    assert retry_delay(attempts) == timedelta(seconds=seconds)


def test_gives_up_after_the_maximum_attempts_and_shows_failed(make_case, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.AlwaysFailBackend"
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 3
    case = make_case()
    message = queue(case)
    moment = timezone.now()
    for _ in range(3):
        deliver_due_messages(now=moment)
        moment += timedelta(days=1)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    assert message.failed_at is not None
    # Failed rows are never picked up again by the worker.
    assert deliver_due_messages(now=moment + timedelta(days=30)).sent == 0
    message.refresh_from_db()
    assert message.attempts == 3
    assert timeline_kinds(case) == ["message_queued", "message_failed"]
    failed_event = case.timeline.get(kind="message_failed")
    assert "after 3 attempts" in failed_event.summary
    assert not failed_event.visible_to_officers


def test_staff_can_send_a_failed_message_again(make_case, settings, world):
    settings.EMAIL_BACKEND = "tests.notifications.backends.AlwaysFailBackend"
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 1
    case = make_case()
    message = queue(case)
    deliver_due_messages()
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry_message(message, by=world.user(Role.COORDINATOR))
    assert message.status == MessageStatus.QUEUED and message.attempts == 0
    deliver_due_messages()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(mail.outbox) == 1
    assert "message_retry" in timeline_kinds(case)


def test_only_a_failed_message_can_be_sent_again(make_case, world):
    message = queue(make_case())
    with pytest.raises(OutboxError):
        retry_message(message, by=world.user(Role.COORDINATOR))


def test_a_retry_after_a_partial_failure_never_resends_to_who_already_has_it(make_case, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailForAddressBackend"
    case = make_case()
    message = queue(case, to=["first@example.org", "refused@example.org"])
    now = timezone.now()
    deliver_due_messages(now=now)
    deliver_due_messages(now=now + timedelta(days=1))
    message.refresh_from_db()
    assert message.delivered_to == ["first@example.org"]
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert message.pending_recipients == ["refused@example.org"]


def test_a_message_abandoned_mid_send_is_marked_failed_not_sent_again(make_case):
    case = make_case()
    message = queue(case)
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, attempts=1, claimed_until=now - timedelta(minutes=1)
    )
    report = deliver_due_messages(now=now)
    message.refresh_from_db()
    assert report.failed == 1
    assert message.status == MessageStatus.FAILED
    assert "may already have reached parent@example.com" in message.last_error
    assert mail.outbox == []


def test_a_message_naming_the_child_is_refused(make_case):
    case = make_case()
    with pytest.raises(ChildDetailsInMessage):
        queue_email(
            case=case,
            to=["parent@example.com"],
            subject="Meeting booked",
            body="The meeting about zebedee quartermaine is on Monday.",
            idempotency_key="names-child",
        )
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"to": []}, "at least one address"),
        ({"idempotency_key": " "}, "idempotency key"),
        ({"subject": ""}, "subject and a body"),
    ],
)
def test_incomplete_messages_are_refused(make_case, fields, problem):
    values = {
        "case": make_case(),
        "to": ["parent@example.com"],
        "subject": "Meeting booked",
        "body": "What to do next: nothing.",
        "idempotency_key": "k",
    } | fields
    with pytest.raises(OutboxError, match=problem):
        queue_email(**values)


def test_a_message_about_no_case_names_its_provider(world):
    with pytest.raises(OutboxError):
        queue_email(case=None, to="m@example.org", subject="s", body="b", idempotency_key="k")
    message = queue_email(
        case=None,
        provider=world.provider,
        to="m@example.org",
        subject="Daily digest",
        body="Nothing overdue.",
        idempotency_key="digest",
    )
    assert message.provider == world.provider and message.case is None
