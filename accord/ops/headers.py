"""Headers that keep pages about children out of caches and limit what a page may do.

- `Cache-Control: no-store` on every response to someone signed in (staff, or a family with
  their one-time code), to anyone whose session holds answers, and on every download, so a shared
  computer's browser cache or a proxy never keeps a copy. Public pages stay cacheable.
- `Permissions-Policy`: no camera, microphone, location, payment or other powerful features.

The Content-Security-Policy itself comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def keeps_no_copy(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return True
    return "attachment" in response.get("Content-Disposition", "") or bool(
        getattr(response, "streaming", False)
    )


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if keeps_no_copy(request, response):
            patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", settings.ACCORD_PERMISSIONS_POLICY)
        return response
