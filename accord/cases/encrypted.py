"""Special-category free text encrypted at rest (UK GDPR art. 9; docs/data-protection.md).

`EncryptedTextField` stores a Fernet token (AES-128-CBC with an HMAC-SHA256, from the
`cryptography` package) in place of the text. The keys come from the setting
`ACCORD_ENCRYPTION_KEYS` (the environment variable of that name, comma-separated; locally a key
kept under var/): the first key encrypts, every key in the list decrypts, so a new key is put
first, `manage.py rotate_keys` re-encrypts every row with it, and the old key is then dropped.

Empty text stays empty (nothing to hide, and "has notes" stays a plain query). A value stored
before the field was encrypted has no prefix and is read as it is, until the data migration or
`rotate_keys` encrypts it. Encrypted text cannot be searched: names are never encrypted.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@cache
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("ACCORD_ENCRYPTION_KEYS must name at least one key")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each of ACCORD_ENCRYPTION_KEYS must be a Fernet key (32 url-safe base64 bytes)"
        ) from error


def keyring() -> MultiFernet:
    keys: Sequence[str] = settings.ACCORD_ENCRYPTION_KEYS
    return _keyring(tuple(keys))


def encrypt(text: str) -> str:
    return PREFIX + keyring().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return keyring().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Encrypted text cannot be read with any of ACCORD_ENCRYPTION_KEYS: "
            "was a key removed before `manage.py rotate_keys` ran?"
        ) from error


def is_encrypted(stored: str | None) -> bool:
    return bool(stored) and str(stored).startswith(PREFIX)


class EncryptedTextField(models.TextField):
    """A TextField whose non-empty values are stored encrypted (see the module's docstring)."""

    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "" or is_encrypted(value):
            return value
        return encrypt(str(value))


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and their names (for rotate_keys and backups)."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found
