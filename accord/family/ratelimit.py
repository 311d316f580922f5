"""Fixed-window counters in Django's cache, to slow down guessing and flooding.

The keys hold a hash of what is counted (an address or an IP address), never the value itself.
With the default local-memory cache each server process counts on its own; a deployment with
several processes should share one cache (ACCORD_CACHE_URL, docs/deploy.md). The per-code limit
of wrong tries is kept in the database and holds whatever the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    allowed: int
    window_seconds: int

    def _key(self, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"accord:family:limit:{self.name}:{digest}"

    def exceeded(self, value: str) -> bool:
        """True when `value` has already used up this window's allowance."""
        return int(cache.get(self._key(value), 0)) >= self.allowed

    def hit(self, value: str) -> int:
        """Counts one more use of `value` in this window; returns the count."""
        key = self._key(value)
        if cache.add(key, 1, timeout=self.window_seconds):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.window_seconds)
            return 1

    def reset(self, value: str) -> None:
        cache.delete(self._key(value))
