"""Email backends for tests: like Django's locmem backend (mail.outbox), but failing on demand."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FailFirstBackend(LocmemBackend):
    """Fails the first `failures_left` sends (as an SMTP server that drops the connection),
    then delivers to django.core.mail.outbox."""

    failures_left = 1

    def send_messages(self, email_messages):
        if FailFirstBackend.failures_left > 0:
            FailFirstBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


class AlwaysFailBackend(LocmemBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class FailForAddressBackend(LocmemBackend):
    """Delivers to everyone except `refused` (as a provider that rejects one address)."""

    refused = "refused@example.org"

    def send_messages(self, email_messages):
        for message in email_messages:
            if FailForAddressBackend.refused in message.to:
                raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)
