"""Family sign-in codes are deleted a few days after they expire (registered with
accord.cases.retention_points). A code names no provider: it is held for the service as a whole."""

from __future__ import annotations

from datetime import datetime

from accord.cases.retention_points import RetentionSource
from accord.family.models import SignInCode
from accord.organisations.models import Provider


def remove_sign_in_codes(provider: Provider | None, before: datetime, apply: bool) -> int:
    old = SignInCode.objects.filter(expires_at__lt=before)
    count = old.count()
    if apply:
        old.delete()
    return count


SOURCE = RetentionSource("sign_in_code", remove_sign_in_codes, per_provider=False)
