from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.demo.cases import load_demo_data


class Command(BaseCommand):
    help = "Loads demo data (only with ACCORD_DEMO=1) and prints fresh demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ACCORD_DEMO:
            raise CommandError("Demo data is only loaded with ACCORD_DEMO=1.")
        logins = load_demo_data()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins (new passwords):"))
        for email, password, role in logins:
            self.stdout.write(f"  {role:<28} {email:<36} {password}")
        self.stdout.write("Open http://127.0.0.1:8000/sign-in/")
