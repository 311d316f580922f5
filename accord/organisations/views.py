from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accord.organisations.access import SESSION_PROVIDER_KEY, current_membership, signed_in
from accord.organisations.models import Membership, User
from accord.organisations.navigation import navigation_for


@signed_in
def choose_provider(request: HttpRequest) -> HttpResponse:
    """A person who works for several providers (often a freelance mediator) picks one."""
    user: User = request.user  # type: ignore[assignment]
    memberships = (
        Membership.objects.filter(user=user).select_related("provider").order_by("provider__name")
    )
    if request.method == "POST":
        chosen = memberships.filter(provider_id=request.POST.get("provider", "")).first()
        if chosen is not None:
            request.session[SESSION_PROVIDER_KEY] = chosen.provider_id
            return redirect("start")
    return render(request, "organisations/choose_provider.html", {"memberships": memberships})


@signed_in
def start(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: the first page of the menu their roles may open
    (the caseload for casework roles, reports for commissioners)."""
    if current_membership(request) is None:
        return redirect("choose_provider")
    links = navigation_for(request)
    return redirect(links[0].url if links else "choose_provider")
