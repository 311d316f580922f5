"""Diaries and venues: the availability the scheduling assistant reads. Staff manage every
mediator's and adviser's diary and the venues; a mediator manages their own diary."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord.cases.forms import show_refusal
from accord.cases.services import CaseError
from accord.meetings import diaries
from accord.meetings.diary_forms import DAYS, DiaryForm, LeaveForm, VenueForm
from accord.meetings.models import Diary, DiaryKind, Venue
from accord.organisations.access import access_rule_of, roles
from accord.organisations.models import Membership, User
from accord.organisations.navigation import offered
from accord.organisations.roles import STAFF, Role

DIARY_ROLES = {DiaryKind.MEDIATOR: Role.MEDIATOR, DiaryKind.ADVISER: Role.ADVISER}


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _people(membership: Membership) -> list[tuple[str, User]]:
    """Whose diaries this person may open: staff every mediator's and adviser's; a mediator
    their own."""
    found = Membership.objects.filter(
        provider_id=membership.provider_id, role__in=list(DIARY_ROLES.values())
    ).select_related("user")
    if membership.role_enum == Role.MEDIATOR:
        found = found.filter(user_id=membership.user_id)
    kinds = {role: kind for kind, role in DIARY_ROLES.items()}
    return [(kinds[Role(m.role)], m.user) for m in found.order_by("role", "user__full_name")]


@roles(STAFF | {Role.MEDIATOR})
def diary_list(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    people = _people(membership)
    held = {
        (d.kind, d.person_id): d
        for d in Diary.objects.filter(provider_id=membership.provider_id).prefetch_related("hours")
    }
    rows = [
        (kind, DiaryKind(kind).label, person, held.get((kind, person.pk)))
        for kind, person in people
    ]
    # The venues are managed beside the diaries: offered to whoever may manage them.
    rule = access_rule_of(venue_list)
    venues = rule is not None and offered(request, rule)
    return render(
        request, "meetings/diaries.html", {"rows": rows, "days": DAYS, "venues_page": venues}
    )


@roles(STAFF | {Role.MEDIATOR})
@require_http_methods(["GET", "POST"])
def edit_diary(request: HttpRequest, kind: str, person_id: int) -> HttpResponse:
    membership = _membership(request)
    person = next((p for k, p in _people(membership) if k == kind and p.pk == person_id), None)
    if person is None:
        raise Http404("No such diary")
    diary = Diary.objects.filter(
        provider_id=membership.provider_id, person=person, kind=kind
    ).first()
    initial: dict[str, object] = {"most_per_day": 1, "most_per_week": 3}
    if diary is not None:
        initial = {"most_per_day": diary.most_per_day, "most_per_week": diary.most_per_week}
        for h in diary.hours.all():
            initial[f"starts_{h.weekday}"] = h.starts
            initial[f"ends_{h.weekday}"] = h.ends
    leave_post = request.method == "POST" and request.POST.get("action") == "leave"
    form = DiaryForm(
        request.POST if request.method == "POST" and not leave_post else None, initial=initial
    )
    leave_form = LeaveForm(request.POST if leave_post else None)
    here = reverse("diaries:edit", args=[kind, person.pk])
    try:
        if leave_post and leave_form.is_valid():
            if diary is None:
                raise CaseError("Set the working hours before adding leave.")
            d = leave_form.cleaned_data
            diaries.add_leave(diary, d["first_day"], d["last_day"], d["note"], by=membership.user)
            messages.success(request, "Leave added.")
            return redirect(here)
        if request.method == "POST" and not leave_post and form.is_valid():
            diaries.save_diary(
                membership.provider,
                person,
                kind,
                form.hours(),
                by=membership.user,
                most_per_day=form.cleaned_data["most_per_day"],
                most_per_week=form.cleaned_data["most_per_week"],
            )
            messages.success(request, "Diary saved.")
            return redirect(here)
    except CaseError as error:
        show_refusal(leave_form if leave_post else form, error)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "leave_form": leave_form,
        "person": person,
        "diary": diary,
        "kind": kind,
    }
    return render(request, "meetings/diary.html", context, status=status)


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def venue_list(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            diaries.add_venue(
                membership.provider,
                d["name"],
                d["address"],
                by=membership.user,
                step_free=d["step_free"],
                room_name=d["room_name"],
                capacity=d["capacity"],
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Venue added.")
            return redirect(reverse("diaries:venues"))
    venues = Venue.objects.filter(provider_id=membership.provider_id).prefetch_related("rooms")
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/venues.html", {"form": form, "venues": venues}, status=status)
