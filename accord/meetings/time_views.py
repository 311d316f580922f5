"""The scheduling assistant's screens. Thin: parse, call a selector or a service, render.

Staff ask for times and send 2-5 of them; every required party picks from the link they are
sent (no account needed; accord.meetings.time_links).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.meetings import proposals as services
from accord.meetings import selectors, time_links
from accord.meetings.models import Meeting, MeetingFormat, MeetingKind, SchedulingPreference
from accord.meetings.scheduling import Ask, proposals_for, suggest_mediators
from accord.meetings.time_forms import PickTimesForm, PreferenceForm, SendTimesForm
from accord.organisations.access import public, roles
from accord.organisations.models import Membership
from accord.organisations.roles import OFFICERS, STAFF, Role
from accord.rules import today_in_england


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _main_kind(case: Case) -> str:
    if case.route == "disagreement_resolution":
        return MeetingKind.DISAGREEMENT_RESOLUTION
    return MeetingKind.MEDIATION


def _ask(request: HttpRequest, moves: Meeting | None) -> Ask:
    data = request.POST if request.method == "POST" else request.GET
    chosen = data.get("format", moves.format if moves else MeetingFormat.ONLINE)
    return Ask(
        format=chosen if chosen in MeetingFormat.values else MeetingFormat.ONLINE,
        step_free=data.get("step_free") == "1",
        any_mediator=data.get("any_mediator") == "1",
        moves=moves.pk if moves else None,
    )


def _moves(request: HttpRequest, membership: Membership, case: Case) -> Meeting | None:
    """The meeting being moved (?moves=<id>), if any: an active main meeting of this case."""
    raw = request.GET.get("moves", "")
    if not raw.isdigit():
        return None
    meeting = selectors.meeting_for(membership, case, int(raw))
    if not (meeting.is_active and meeting.is_main):
        raise Http404("No such meeting to move")
    return meeting


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def propose_times(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    moves = _moves(request, membership, case)
    ask = _ask(request, moves)
    found = proposals_for(case, today_in_england(), ask)
    form = SendTimesForm(
        request.POST or None,
        proposals=found,
        initial={"version": case.version, "format": ask.format},
    )
    if request.method == "POST" and form.is_valid():
        chosen = [form.slots[key] for key in form.cleaned_data["times"]]
        place = services.RoundPlace(
            kind=moves.kind if moves else _main_kind(case),
            format=ask.format,
            online_link=form.cleaned_data["online_link"],
            online_meeting_id=form.cleaned_data["online_meeting_id"].strip(),
            online_passcode=form.cleaned_data["online_passcode"].strip(),
        )
        times = [
            services.TimeChoice(
                s.starts_at,
                s.ends_at,
                found.mediators[s.mediator_id],
                found.rooms.get(s.room_id) if s.room_id else None,
            )
            for s in chosen
        ]
        try:
            services.send_proposals(
                case,
                place,
                times,
                by=membership.user,
                moves=moves,
                expected_version=form.cleaned_data["version"],
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Times sent. Each party has been emailed a link to choose.")
            return redirect(f"{case.get_absolute_url()}#meetings")
    context = {
        "case": case,
        "form": form,
        "found": found,
        "ask": ask,
        "moves": moves,
        "formats": MeetingFormat.choices,
        "rounds": selectors.rounds_for(case)[:3],
        "standby": case.standby_entries.filter(removed_at__isnull=True).first(),
        "suggestions": suggest_mediators(case, today_in_england()) if not case.mediator else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/times.html", context, status=status)


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def time_preferences(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    pref = SchedulingPreference.objects.filter(case=case).first()
    initial = {}
    if pref is not None:
        initial = {
            "weekdays": [d for d in pref.weekdays.split(",") if d],
            "part_of_day": pref.part_of_day,
            "agreed_shorter_notice": pref.agreed_shorter_notice,
            "note": pref.note,
        }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_time_preference(
                case,
                weekdays=[int(d) for d in form.cleaned_data["weekdays"]],
                part_of_day=form.cleaned_data["part_of_day"],
                agreed_shorter_notice=form.cleaned_data["agreed_shorter_notice"],
                note=form.cleaned_data["note"],
                by=membership.user,
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The family's preferred times are saved.")
            return redirect(reverse("meetings:times", args=[case.reference]))
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form, "title": "Times that suit the family"}
    return render(request, "meetings/step.html", context, status=status)


@roles(STAFF)
@require_POST
def standby(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    entry = case.standby_entries.filter(removed_at__isnull=True).first()
    try:
        if entry is None:
            services.add_to_standby(case, request.POST.get("note", ""), by=membership.user)
            messages.success(request, "Added to the standby list.")
        else:
            services.remove_from_standby(entry, by=membership.user)
            messages.success(request, "Taken off the standby list.")
    except CaseError as error:
        messages.error(request, str(error))
    return redirect(reverse("meetings:times", args=[case.reference]))


@roles(OFFICERS | {Role.MEDIATOR})
@require_http_methods(["GET", "POST"])
def answer_times(request: HttpRequest, reference: str) -> HttpResponse:
    """An officer or the mediator picks times from their own page (signed in)."""
    membership = _membership(request)
    case = case_selectors.case_for(membership, reference)
    responder = selectors.responder_for(membership, case)
    if responder is None:
        raise Http404("No times for you to answer")
    form = PickTimesForm(request.POST or None, responder=responder)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_times(responder, form.cleaned_data["picks"], by=membership.user)
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Your answer is saved.")
            return redirect(f"{case.get_absolute_url()}#meetings")
    context = {
        "form": form,
        "reference": case.reference,
        "round": responder.round,
        "responder": responder,
        "case": case,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/pick.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def pick_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """A party picks every time that suits them, from the link they were emailed."""
    try:
        responder = time_links.open_token(token)
    except CaseError as error:
        return render(request, "meetings/pick_problem.html", {"problem": str(error)}, status=404)
    round_ = responder.round
    case = round_.case
    form = PickTimesForm(request.POST or None, responder=responder)
    if request.method == "GET":
        record_case_read(
            case, by=None, what=f"times to choose opened by link (responder {responder.pk})"
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_times(responder, form.cleaned_data["picks"], by=None)
        except CaseError as error:
            show_refusal(form, error)
        else:
            return render(request, "meetings/pick_done.html", {"reference": case.reference})
    context = {"form": form, "reference": case.reference, "round": round_, "responder": responder}
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/pick.html", context, status=status)
