from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accord.organisations.access import SESSION_PROVIDER_KEY, current_membership, signed_in
from accord.organisations.backends import memberships_held
from accord.organisations.forms import ChooseProviderForm
from accord.organisations.models import User
from accord.organisations.navigation import navigation_for


@signed_in
def choose_provider(request: HttpRequest) -> HttpResponse:
    """A person who works for several providers (often a freelance mediator) picks one."""
    user: User = request.user  # type: ignore[assignment]
    # Read with the person on this request, by service and then role: a fixed order.
    memberships = memberships_held(user)
    form = ChooseProviderForm(
        request.POST if request.method == "POST" else None, memberships=memberships
    )
    if form.is_valid():
        request.session[SESSION_PROVIDER_KEY] = form.cleaned_data["provider"]
        return redirect("start")
    return render(
        request, "organisations/choose_provider.html", {"memberships": memberships, "form": form}
    )


@signed_in
def start(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: the first page of the menu their roles may open
    (the caseload for casework roles, reports for commissioners)."""
    if current_membership(request) is None:
        return redirect("choose_provider")
    links = navigation_for(request)
    return redirect(links[0].url if links else "choose_provider")
