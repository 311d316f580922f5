"""`manage.py rotate_keys`: re-encrypts every encrypted field with the first key of
ACCORD_ENCRYPTION_KEYS, row by row, and every stored file (accord.cases.encrypted_storage), while
the service runs (every key in the list still decrypts). Then the old key can be dropped from
the list (docs/data-protection.md)."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import transaction

from accord.cases.encrypted import encrypted_fields, keyring
from accord.cases.encrypted_storage import EncryptedFileSystemStorage


class Command(BaseCommand):
    help = "Re-encrypts special-category text with the first of ACCORD_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        keyring()  # fails at once, before any row, if a key is malformed
        for model, names in encrypted_fields():
            changed = 0
            for row in model._base_manager.values_list("pk", *names).iterator():
                pk, values = row[0], row[1:]
                updates = {name: value for name, value in zip(names, values, strict=True) if value}
                if updates:
                    with transaction.atomic():
                        model._base_manager.filter(pk=pk).update(**updates)
                    changed += 1
            label = model._meta.label
            self.stdout.write(f"{label}: {changed} row(s) re-encrypted ({', '.join(names)})")
        storage = storages["default"]
        if isinstance(storage, EncryptedFileSystemStorage):
            names = storage.every_file()
            for name in names:
                storage.reencrypt(name)
            self.stdout.write(f"files: {len(names)} re-encrypted")
