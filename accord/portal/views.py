"""The family front door: public pages that need no sign-in."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accord.organisations.access import public
from accord.portal.guide import EASY_READ, GUIDE, easy_read_page, guide_page


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
def easy_read(request: HttpRequest, slug: str = "") -> HttpResponse:
    """The guide's key pages in easy read: the list of them, or one of them."""
    if not slug:
        return render(request, "portal/easy_read/index.html", {"pages": EASY_READ})
    page = easy_read_page(slug)
    if page is None:
        raise Http404("No such easy read page")
    return render(request, "portal/easy_read/page.html", {"page": page, "pages": EASY_READ})


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")
