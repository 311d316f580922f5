"""The service manager's pages for the service's contracts with the LAs and ICBs it works for
(accord.organisations.contracts). The monthly activity statement is in accord.reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accord.organisations import contracts
from accord.organisations.access import roles
from accord.organisations.changes import SetupError
from accord.organisations.models import Contract
from accord.organisations.setup_forms import ContractForm, show_refusal
from accord.organisations.views_people import (
    MANAGERS,
    actor_of,
    posted,
    provider_of,
    setup_form,
)


@roles(MANAGERS)
def contract_list(request: HttpRequest) -> HttpResponse:
    found = Contract.objects.filter(provider=provider_of(request)).select_related(
        "local_authority", "health_body"
    )
    return render(request, "organisations/setup/contracts.html", {"contracts": found})


def _terms(form: ContractForm) -> contracts.Terms:
    data = form.cleaned_data
    return contracts.Terms(**{name: data[name] for name in contracts.TERMS})


@roles(MANAGERS)
def add_contract(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    form = ContractForm(posted(request), provider=provider)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.add_contract(provider, form.chosen_body(), _terms(form), by=actor_of(request))
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Contract added.")
            return redirect("setup:contracts")
    return setup_form(request, form, "Add a contract", reverse("setup:contracts"), button="Add")


@roles(MANAGERS)
def edit_contract(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=contract_id, provider=provider_of(request))
    initial = {name: getattr(contract, name) for name in contracts.TERMS}
    form = ContractForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.change_contract(contract, _terms(form), by=actor_of(request))
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Contract saved.")
            return redirect("setup:contracts")
    return setup_form(
        request,
        form,
        f"Contract with {contract.body}",
        reverse("setup:contracts"),
        caption=contract.reference,
    )
