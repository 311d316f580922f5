"""The family front door: public pages that need no sign-in."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accord.organisations.access import public
from accord.portal.guide import GUIDE, guide_page


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@public
def guide(request: HttpRequest, slug: str = "overview") -> HttpResponse:
    previous, page, following = guide_page(slug)
    if page is None:
        raise Http404("No such page in the guide")
    return render(
        request,
        page.template,
        {"guide": GUIDE, "page": page, "previous": previous, "next": following},
    )


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")
