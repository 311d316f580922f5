"""`manage.py check --deploy` fails on a signing key anyone could know."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

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
