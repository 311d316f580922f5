from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accord.organisations.navigation import NavLink, navigation_for


def service(request: HttpRequest) -> dict[str, Any]:
    """The name at the top of every page: the provider's, once the page knows which provider
    it is for (a staff page, or a portal page of one provider); the service's otherwise."""
    membership = getattr(request, "membership", None)
    provider = membership.provider if membership is not None else None
    provider = provider or getattr(request, "provider", None)
    return {
        "service_name": provider.name if provider is not None else settings.ACCORD_SERVICE_NAME,
        "service_phase": settings.ACCORD_PHASE,
        "demo_mode": settings.ACCORD_DEMO,
        "membership": getattr(request, "membership", None),
    }


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The service navigation the signed-in user (or visitor) may use, worked out once per
    request however many templates the page renders (accord.organisations.navigation)."""
    links: list[NavLink] | None = getattr(request, "_accord_navigation", None)
    if links is None:
        links = navigation_for(request)
        request._accord_navigation = links  # type: ignore[attr-defined]
    return {"navigation": links}
