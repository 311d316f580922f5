"""`manage.py run_mail_receiver`: Accord's SMTP receiver, until stopped (Ctrl-C or SIGTERM)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.inbound.receiver import MailReceiver


def wait_for_a_stop_signal() -> None:
    """Returns on Ctrl-C (SIGINT) or SIGTERM (`make run` stops the receiver so)."""
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()


class Command(BaseCommand):
    help = "Receive replies and referrals by SMTP and file them (accord.inbound)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", help="address to listen on (ACCORD_MAIL_RECEIVER_HOST)")
        parser.add_argument("--port", type=int, help="port (ACCORD_MAIL_RECEIVER_PORT)")

    def handle(self, *args: Any, **options: Any) -> None:
        receiver = MailReceiver(hostname=options["host"], port=options["port"])
        receiver.start()
        self.stdout.write(f"Receiving mail on {receiver.hostname}:{receiver.port}")
        try:
            wait_for_a_stop_signal()
        finally:
            receiver.stop()
            self.stdout.write("Mail receiver stopped")
