from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.ACCORD_SERVICE_NAME,
        "service_phase": settings.ACCORD_PHASE,
        "demo_mode": settings.ACCORD_DEMO,
        "membership": getattr(request, "membership", None),
    }
