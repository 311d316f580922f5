"""A limit on how many requests one address can send, against spam and abuse.

Counted in Django's cache, per client IP, in a window that starts at the first submission. In
production the cache must be shared by every web process (e.g. Redis or the database cache);
the default in-memory cache counts per process.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60 * 60


def limit_per_hour() -> int:
    return int(getattr(settings, "ACCORD_REQUESTS_PER_HOUR", 5))


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def allow_submission(request: HttpRequest) -> bool:
    """Count this submission; False once the address has used up its allowance."""
    key = f"portal:submissions:{client_ip(request)}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return True
    return count <= limit_per_hour()
