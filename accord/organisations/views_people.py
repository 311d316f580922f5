"""The service manager's pages for people: who works for the service, inviting, roles,
deactivation; and the page an invited person opens from their email."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.organisations import invitations, people, selectors
from accord.organisations.access import public, roles
from accord.organisations.changes import SetupError
from accord.organisations.independence import accreditation_warnings
from accord.organisations.models import Membership, Provider, User
from accord.organisations.roles import Role
from accord.organisations.setup_forms import (
    AcceptInvitationForm,
    AddRoleForm,
    ConfirmForm,
    InviteForm,
    show_refusal,
)
from accord.rules import today_in_england

MANAGERS = Role.SERVICE_MANAGER


def provider_of(request: HttpRequest) -> Provider:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership.provider


def actor_of(request: HttpRequest) -> User:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership.user


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one, as a confirmation button sends), or None."""
    return request.POST if request.method == "POST" else None


def setup_form(
    request: HttpRequest,
    form: forms.Form,
    title: str,
    back: str,
    *,
    caption: str = "",
    hint: str = "",
    button: str = "Save",
) -> HttpResponse:
    return render(
        request,
        "organisations/setup/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "caption": caption,
            "hint": hint,
            "button": button,
        },
    )


@roles(MANAGERS)
def people_list(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    return render(
        request,
        "organisations/setup/people.html",
        {
            "people": selectors.people_of(provider),
            "invitations": selectors.open_invitations(provider),
            "warnings": accreditation_warnings(provider, today_in_england()),
        },
    )


@roles(MANAGERS)
def invite(request: HttpRequest) -> HttpResponse:
    provider = provider_of(request)
    # "Invite an officer" on the bodies page names the role and body in the address.
    initial = {
        k: request.GET[k] for k in ("role", "local_authority", "health_body") if k in request.GET
    }
    form = InviteForm(posted(request), provider=provider, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            invitations.invite(
                provider,
                email=d["email"],
                full_name=d["full_name"],
                role=Role(d["role"]),
                local_authority=d["local_authority"],
                health_body=d["health_body"],
                by=actor_of(request),
            )
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Invitation sent to {d['email']}.")
            return redirect("setup:people")
    return setup_form(
        request,
        form,
        "Invite someone",
        reverse("setup:people"),
        hint="They get an email with a link to set their own password. The link works once, "
        "for 72 hours. Someone who already uses Accord for another service keeps their password.",
        button="Send invitation",
    )


@roles(MANAGERS)
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    provider = provider_of(request)
    found = selectors.person_in(provider, user_id)
    is_mediator = any(m.role == Role.MEDIATOR for m in found.memberships)
    return render(
        request,
        "organisations/setup/person.html",
        {
            "person": found,
            "is_mediator": is_mediator,
            "accreditations": selectors.accreditations_of(provider, found.user),
            "conflicts": selectors.conflicts_of(provider, found.user),
            "warnings": accreditation_warnings(provider, today_in_england(), found.user),
            "can_remove_roles": len([m for m in found.memberships if m.is_active]) > 1,
        },
    )


@roles(MANAGERS)
def add_role(request: HttpRequest, user_id: int) -> HttpResponse:
    provider = provider_of(request)
    found = selectors.person_in(provider, user_id)
    form = AddRoleForm(posted(request), provider=provider)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            people.grant_role(
                provider,
                found.user,
                Role(d["role"]),
                local_authority=d["local_authority"],
                health_body=d["health_body"],
                by=actor_of(request),
            )
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Role given to {found.user}.")
            return redirect("setup:person", user_id=user_id)
    back = reverse("setup:person", args=[user_id])
    return setup_form(request, form, "Give a role", back, caption=str(found.user))


@roles(MANAGERS)
@require_POST
def remove_role(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    membership = selectors.membership_in(provider_of(request), user_id, membership_id)
    try:
        people.remove_role(membership, by=actor_of(request))
    except SetupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.get_role_display()} role taken away.")
    return redirect("setup:person", user_id=user_id)


def _switch(request: HttpRequest, user_id: int, *, on: bool) -> HttpResponse:
    provider = provider_of(request)
    found = selectors.person_in(provider, user_id)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        change = people.reactivate if on else people.deactivate
        try:
            change(provider, found.user, by=actor_of(request))
        except SetupError as error:
            show_refusal(form, error)
        else:
            done = "reactivated" if on else "deactivated"
            messages.success(request, f"{found.user} {done}.")
            return redirect("setup:person", user_id=user_id)
    title = f"{'Reactivate' if on else 'Deactivate'} {found.user}"
    hint = (
        "They get back the roles they had here and can sign in again."
        if on
        else "They are signed out at once and cannot use this service until reactivated. "
        "Their history on cases stays."
    )
    back = reverse("setup:person", args=[user_id])
    button = "Reactivate" if on else "Deactivate"
    return setup_form(request, form, title, back, hint=hint, button=button)


@roles(MANAGERS)
def deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _switch(request, user_id, on=False)


@roles(MANAGERS)
def reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _switch(request, user_id, on=True)


@roles(MANAGERS)
@require_POST
def withdraw_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_in(provider_of(request), invitation_id)
    try:
        invitations.withdraw_invitation(invitation, by=actor_of(request))
    except SetupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Invitation to {invitation.email} withdrawn.")
    return redirect("setup:people")


@public
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Opened from the invitation email: sets a password (new accounts) and takes the role."""
    invitation = invitations.open_invitation(token)
    if invitation is None:
        return render(request, "organisations/setup/invitation_not_valid.html", status=404)
    account = invitations.existing_account(invitation)
    form: forms.Form
    if account is None:
        someone = User(email=invitation.email, full_name=invitation.full_name)
        form = AcceptInvitationForm(someone, posted(request))
    else:
        form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        password: Any = form.cleaned_data.get("new_password1")
        try:
            invitations.accept_invitation(invitation, password=password)
        except SetupError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"You are now {invitation.get_role_display().lower()} at {invitation.provider}. "
                "Sign in to start.",
            )
            return redirect("login")
    return render(
        request,
        "organisations/setup/accept_invitation.html",
        {"form": form, "invitation": invitation, "account": account},
    )
