"""`manage.py check --deploy` fails on a signing key anyone could know, and on a sealing
certificate or key (for signed statements and agreements) that is missing or cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from accord.documents.sealing import SealNotAvailable, SealPaths, check_seal_loads

# Keys that have been written down somewhere (Accord's old local key, Django's placeholders).
KNOWN_PREFIXES = ("local-development-only", "django-insecure", "changeme", "secret")
MIN_LENGTH = 50
MIN_DISTINCT = 10


def is_weak(key: str) -> bool:
    lowered = key.lower()
    return (
        len(key) < MIN_LENGTH or len(set(key)) < MIN_DISTINCT or lowered.startswith(KNOWN_PREFIXES)
    )


def check_signing_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not is_weak(str(settings.SECRET_KEY)):
        return []
    return [
        Error(
            "The signing key (DJANGO_SECRET_KEY) is known or weak: signed links could be forged.",
            hint="Set DJANGO_SECRET_KEY to at least 50 random characters, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
            id="accord.E001",
        )
    ]


def check_seal(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The provider's own sealing pair must be named and load (the self-signed local pair is
    for local use only: nobody else trusts it)."""
    cert, key = settings.ACCORD_SEAL_CERT, settings.ACCORD_SEAL_KEY
    if not (cert and key):
        return [
            Error(
                "No sealing certificate and key: signed documents would carry the local, "
                "self-signed seal.",
                hint="Set ACCORD_SEAL_CERT and ACCORD_SEAL_KEY to the provider's PEM files "
                "(and ACCORD_SEAL_KEY_PASSWORD if the key is encrypted).",
                id="accord.E002",
            )
        ]
    password = settings.ACCORD_SEAL_KEY_PASSWORD
    try:
        check_seal_loads(SealPaths(Path(cert), Path(key), password.encode() if password else None))
    except SealNotAvailable as error:
        return [
            Error(
                str(error),
                hint="ACCORD_SEAL_CERT and ACCORD_SEAL_KEY must name readable PEM files of "
                "one certificate and its private key.",
                id="accord.E003",
            )
        ]
    return []
