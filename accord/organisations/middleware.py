"""Staff sessions end after a period without activity (product.md: 'staff sessions time out
when idle')."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_SEEN_KEY = "accord_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle_for = now - int(last_seen) if last_seen is not None else 0
            if idle_for > settings.ACCORD_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(request, "You were signed out because you had been inactive.")
            elif idle_for >= 60 or last_seen is None:
                # Written at most once a minute: a session write on every page costs a query.
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
