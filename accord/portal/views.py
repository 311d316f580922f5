"""The family front door: public pages that need no sign-in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.organisations.access import public


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")
