"""Extension point: records of higher floors that the retention job (accord.privacy.retention)
removes when their time is up, such as rejected online requests (accord.portal) and family
sign-in codes (accord.family). Each app registers a source in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from accord.organisations.models import Provider

# (provider or None for records held for no one provider, everything older than this, remove?)
# -> how many records are (or would be) removed.
Remover = Callable[[Provider | None, datetime, bool], int]


@dataclass(frozen=True)
class RetentionSource:
    category: str  # the retention schedule's field that sets its period, e.g. "sign_in_code"
    remove: Remover
    per_provider: bool = True


_SOURCES: dict[str, RetentionSource] = {}


def register_retention_source(source: RetentionSource) -> None:
    _SOURCES[source.category] = source


def retention_sources() -> dict[str, RetentionSource]:
    return dict(_SOURCES)
