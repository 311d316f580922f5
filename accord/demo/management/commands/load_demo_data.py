from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.cases.choices import PartyRole
from accord.cases.models import Party
from accord.demo.cases import DEMO_DOMAIN, load_demo_data


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
        supporter = (
            Party.objects.filter(role=PartyRole.SUPPORTER, email__endswith=f"@{DEMO_DOMAIN}")
            .select_related("case")
            .first()
        )
        parent = (
            supporter.case.parties.filter(role=PartyRole.PARENT_CARER).exclude(email="").first()
            if supporter is not None
            else None
        )
        if supporter is not None and parent is not None:
            self.stdout.write(
                "Families and supporters sign in at http://127.0.0.1:8000/my-case/sign-in/ "
                f"with their email: {parent.email} (the parent on {supporter.case.reference}) "
                f"or {supporter.email} (the SENDIASS adviser they invited). The one-time code "
                "is printed in this window."
            )
