"""The service manager's pages for the service itself: its details, the bodies it works for,
mediators' accreditations and conflicts, and the record of every change; and a mediator's own
page of their accreditations."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.organisations import bodies, details, independence, selectors
from accord.organisations.access import roles
from accord.organisations.changes import SetupError
from accord.organisations.models import AccreditationKind, HealthBody, LocalAuthority
from accord.organisations.roles import Role
from accord.organisations.setup_forms import (
    AccreditationForm,
    BodyForm,
    ConflictForm,
    DetailsForm,
    NoticesForm,
    RenewAccreditationForm,
    show_refusal,
)
from accord.organisations.views_people import (
    MANAGERS,
    actor_of,
    posted,
    provider_of,
    setup_form,
)
from accord.rules import today_in_england

BODY_KINDS = {"la": "local authority", "icb": "ICB"}


@roles(MANAGERS)
def service_details(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    initial = {name: getattr(provider, name) for name in details.DETAIL_FIELDS}
    form = DetailsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            details.update_details(provider, by=actor_of(request), **form.cleaned_data)
        except SetupError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, "The service's details are saved.")
            return redirect("setup:details")
    return setup_form(
        request,
        form,
        "The service's details",
        reverse("setup:people"),
        hint="How the service is named and reached on its pages, emails and documents.",
    )


@roles(MANAGERS)
def body_list(request: HttpRequest) -> HttpResponse:
    las, icbs = selectors.bodies_of(provider_of(request))
    return render(request, "organisations/setup/bodies.html", {"las": las, "icbs": icbs})


@roles(MANAGERS)
def add_body(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in BODY_KINDS:
        raise Http404("No such kind of body.")
    provider = provider_of(request)
    form = BodyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        found = bodies.BodyDetails(**form.cleaned_data)
        add = bodies.add_local_authority if kind == "la" else bodies.add_health_body
        try:
            body = add(provider, found, by=actor_of(request))
        except SetupError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"{body} added.")
            return redirect("setup:bodies")
    return setup_form(
        request, form, f"Add a {BODY_KINDS[kind]}", reverse("setup:bodies"), button="Add"
    )


@roles(MANAGERS)
def edit_body(request: HttpRequest, kind: str, body_id: int) -> HttpResponse:
    provider = provider_of(request)
    body: LocalAuthority | HealthBody
    if kind == "la":
        body = selectors.local_authority_of(provider, body_id)
    elif kind == "icb":
        body = selectors.health_body_of(provider, body_id)
    else:
        raise Http404("No such kind of body.")
    contact = bodies.contact_for(provider, body)
    initial = {"notices_email": contact.notices_email, "notices_address": contact.notices_address}
    form = NoticesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        bodies.update_notices_address(provider, body, by=actor_of(request), **form.cleaned_data)
        messages.success(request, f"Where notices to {body} go is saved.")
        return redirect("setup:bodies")
    return setup_form(
        request,
        form,
        f"Where notices to {body} go",
        reverse("setup:bodies"),
        caption=f"Code {body.code}",
    )


@roles(MANAGERS)
def changes(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.changes_of(provider_of(request)), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "organisations/setup/changes.html", {"page": page})


@roles(MANAGERS)
def add_accreditation(request: HttpRequest, user_id: int) -> HttpResponse:
    provider = provider_of(request)
    found = selectors.person_in(provider, user_id)
    form = AccreditationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            independence.record_accreditation(
                provider,
                found.user,
                kind=AccreditationKind(d["kind"]),
                reference=d["reference"],
                expires_on=d["expires_on"],
                by=actor_of(request),
            )
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Accreditation recorded.")
            return redirect("setup:person", user_id=user_id)
    back = reverse("setup:person", args=[user_id])
    return setup_form(request, form, "Record an accreditation", back, caption=str(found.user))


@roles(MANAGERS)
def renew_accreditation(request: HttpRequest, accreditation_id: int) -> HttpResponse:
    accreditation = selectors.accreditation_in(provider_of(request), accreditation_id)
    initial = {"reference": accreditation.reference, "expires_on": accreditation.expires_on}
    form = RenewAccreditationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        independence.renew_accreditation(accreditation, by=actor_of(request), **form.cleaned_data)
        messages.success(request, "Accreditation saved.")
        return redirect("setup:person", user_id=accreditation.user_id)
    back = reverse("setup:person", args=[accreditation.user_id])
    return setup_form(
        request, form, accreditation.get_kind_display(), back, caption=str(accreditation.user)
    )


@roles(MANAGERS)
def declare_conflict(request: HttpRequest, user_id: int) -> HttpResponse:
    provider = provider_of(request)
    found = selectors.person_in(provider, user_id)
    form = ConflictForm(posted(request), provider=provider)
    if request.method == "POST" and form.is_valid():
        try:
            independence.declare_conflict(
                provider, found.user, by=actor_of(request), **form.cleaned_data
            )
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Conflict of interest recorded.")
            return redirect("setup:person", user_id=user_id)
    back = reverse("setup:person", args=[user_id])
    return setup_form(
        request,
        form,
        "Record a conflict of interest",
        back,
        caption=str(found.user),
        hint="They will not be able to mediate a case with this local authority, ICB or school.",
    )


@roles(MANAGERS)
@require_POST
def withdraw_conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    conflict = selectors.conflict_in(provider_of(request), conflict_id)
    independence.withdraw_conflict(conflict, by=actor_of(request))
    messages.success(request, "Conflict of interest removed.")
    return redirect("setup:person", user_id=conflict.user_id)


@roles(Role.MEDIATOR)
def my_accreditations(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    me = actor_of(request)
    return render(
        request,
        "organisations/setup/my_accreditations.html",
        {
            "accreditations": selectors.accreditations_of(provider, me),
            "warnings": independence.accreditation_warnings(provider, today_in_england(), me),
            "conflicts": selectors.conflicts_of(provider, me),
        },
    )
