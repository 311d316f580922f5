"""The staff pages of the API: the service manager's clients (made, shown, revoked) and the
webhook deliveries staff can check. Thin: services to write, selectors to read."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.api import clients
from accord.api.forms import NewClientForm
from accord.api.models import ApiClient, DeliveryStatus
from accord.api.webhooks import recent_deliveries
from accord.cases.forms import show_refusal
from accord.cases.services import CaseError
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import STAFF, Role


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@roles(Role.SERVICE_MANAGER)
def client_list(request: HttpRequest) -> HttpResponse:
    provider = _membership(request).provider
    return render(
        request,
        "api/clients.html",
        {"clients": clients.clients_for(provider), "provider": provider},
    )


@never_cache
@roles(Role.SERVICE_MANAGER)
def new_client(request: HttpRequest) -> HttpResponse:
    provider = _membership(request).provider
    form = NewClientForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = clients.create_client(provider, form.new_client(), by=_user(request))
        except CaseError as error:
            show_refusal(form, error)
        else:
            # Shown once, in this answer only: it is stored as a digest.
            return render(request, "api/client_created.html", {"client": client, "token": token})
    return render(request, "api/new_client.html", {"form": form})


@roles(Role.SERVICE_MANAGER)
@require_POST
def revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    client = ApiClient.objects.filter(
        provider_id=_membership(request).provider_id, pk=client_id
    ).first()
    if client is None:
        raise Http404("No such client")
    clients.revoke_client(client, by=_user(request))
    messages.success(request, f"{client.name} can no longer use the API.")
    return redirect("api_pages:clients")


@roles(STAFF)
def deliveries(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    return render(
        request,
        "api/deliveries.html",
        {
            "deliveries": recent_deliveries(_membership(request).provider_id, status),
            "status": status,
            "filters": [("", "All"), *DeliveryStatus.choices],
        },
    )
