"""Creates a provider (a mediation service, the tenant) and invites its first service manager.

    manage.py create_provider --name "Kent Mediation" --prefix KM --manager-email a@b.org

Run again with the same name and prefix it creates nothing new: if the manager has not yet
accepted, it sends a fresh invitation (the old link stops working); if they have, it says so.
A name or prefix that belongs to another provider is refused. Outside production the link is
printed too, for local use without a mail server.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from accord.organisations.changes import SetupError, record_change
from accord.organisations.invitations import invite
from accord.organisations.models import Membership, Provider, normalised_email
from accord.organisations.roles import Role


class Command(BaseCommand):
    help = "Create a provider and send its first service manager an invitation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The service's name, as people see it")
        parser.add_argument(
            "--prefix", required=True, help="Case reference prefix, 1 to 6 letters (KM-2026-0001)"
        )
        parser.add_argument("--manager-email", required=True)
        parser.add_argument("--manager-name", default="", help="Defaults to the email address")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        prefix = options["prefix"].strip().upper()
        email = normalised_email(options["manager_email"])
        if not name:
            raise CommandError("Give the provider a name (--name).")
        if not (prefix.isalpha() and 1 <= len(prefix) <= 6):
            raise CommandError("The prefix must be 1 to 6 letters, for example KM.")
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        with transaction.atomic():
            provider = self._provider(name, prefix)
            if Membership.objects.filter(
                provider=provider, role=Role.SERVICE_MANAGER, user__email=email
            ).exists():
                self.stdout.write(f"{email} is already a service manager of {provider}.")
                return
            try:
                sent = invite(
                    provider,
                    email=email,
                    full_name=options["manager_name"].strip() or email,
                    role=Role.SERVICE_MANAGER,
                    by=None,
                )
            except SetupError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Invitation sent to {email}."))
        if not settings.PRODUCTION:
            self.stdout.write(f"Invitation link (valid 72 hours, works once): {sent.link}")

    def _provider(self, name: str, prefix: str) -> Provider:
        by_prefix = Provider.objects.filter(case_prefix=prefix).first()
        by_name = Provider.objects.filter(name__iexact=name).first()
        if by_prefix is not None and by_prefix == by_name:
            self.stdout.write(f"{by_prefix} already exists, with the prefix {prefix}.")
            return by_prefix
        if by_prefix is not None:
            raise CommandError(f"The prefix {prefix} belongs to {by_prefix}: choose another.")
        if by_name is not None:
            raise CommandError(
                f"{by_name} already exists with the prefix {by_name.case_prefix}: "
                "choose another name, or give that prefix."
            )
        provider = Provider.objects.create(name=name, case_prefix=prefix)
        record_change(
            provider,
            f"Created the provider {provider}",
            by=None,
            subject=provider.name,
            after={"name": name, "case_prefix": prefix},
        )
        self.stdout.write(f"Created {provider} (case references {prefix}-YYYY-NNNN).")
        return provider
