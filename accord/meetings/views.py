"""Screens for information and advice calls and meetings. Thin: parse, call a service, render.

Staff book and change; the case's mediator may record replies and attendance; LA and ICB
officers see their cases' meetings and download the calendar file, but change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.choices import AccessKind
from accord.cases.forms import show_refusal
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.cases.states import IllegalTransition
from accord.meetings import forms as meeting_forms
from accord.meetings import ics, mias, selectors, services
from accord.meetings.errors import NeedsConfirmation
from accord.meetings.models import Meeting, MeetingFormat, MeetingKind
from accord.meetings.notice import notice_status
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, STAFF, Role
from accord.rules import today_in_england

FORM = AccessKind.FORM


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _actor(request: HttpRequest) -> User:
    return _membership(request).user


def _case(request: HttpRequest, reference: str) -> Case:
    return case_selectors.case_for(_membership(request), reference)


def _form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    title: str,
    save: Callable[[], Any],
    *,
    template: str = "meetings/step.html",
    context: dict[str, Any] | None = None,
    done: str | Callable[[], str],
) -> HttpResponse:
    """Shows the form; on a valid POST runs `save` (one service call). A refusal from the
    service re-shows the form with the reason in the error summary, status 400."""
    extra = dict(context or {})
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except NeedsConfirmation as warning:
            form.add_error(warning.field or "confirm_after_deadline", str(warning))
            extra["needs_confirmation"] = True
        except (CaseError, IllegalTransition) as error:
            show_refusal(form, error)
        else:
            messages.success(request, done() if callable(done) else done)
            return redirect(f"{case.get_absolute_url()}#meetings")
    status = 400 if request.method == "POST" else 200
    return render(
        request, template, {"case": case, "form": form, "title": title, **extra}, status=status
    )


# --- information and advice ----------------------------------------------------------------------


@roles(STAFF)
def book_mias(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    family_phone = next((p.phone for p in case.parties.all() if p.is_enquirer and p.phone), "")
    form = meeting_forms.MiasBookingForm(
        request.POST or None,
        case=case,
        initial={
            "version": case.version,
            "adviser": case.adviser_id,
            "phone_number": family_phone,
            "call_at": "10:00",
        },
    )

    def save() -> None:
        mias.book_mias_call(
            case,
            scheduled_for=form.scheduled_for(),
            adviser=form.cleaned_data["adviser"],
            phone_number=form.cleaned_data["phone_number"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    return _form_page(
        request,
        case,
        form,
        "Book the information and advice call",
        save,
        done="Information and advice call booked",
    )


@roles(STAFF)
def mias_held(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = meeting_forms.MiasHeldForm(
        request.POST or None,
        initial={"version": case.version, "held_on": today_in_england()},
    )

    def save() -> None:
        data = form.cleaned_data
        mias.record_advice_and_choice(
            case,
            held_on=data["held_on"],
            notes=data["notes"],
            choice=data["choice"],
            la_notified_on=data["la_notified_on"],
            expected_version=data["version"],
            by=_actor(request),
        )

    chose = form.data.get("choice") if form.is_bound else ""
    return _form_page(
        request,
        case,
        form,
        "Record that information and advice was given",
        save,
        done={
            "mediation": "Information and advice recorded: the family chose mediation",
            "certificate": "Information and advice recorded: the family wants a certificate",
        }.get(chose or "", "Recorded that information and advice was given"),
        context={
            "hint": "If the family decided on the call, record what they chose: mediation, or "
            "a certificate so they can appeal (SEND Regs regs 33-34)."
        },
    )


# --- meetings ------------------------------------------------------------------------------------


def _meeting_context(case: Case) -> dict[str, Any]:
    return {"last_day": selectors.last_day_for_mediation(case)}


@roles(STAFF)
def book_meeting(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    start, end = meeting_forms.default_times()
    kind = request.GET.get("kind", "")
    if kind not in MeetingKind.values:
        kind = (
            MeetingKind.DISAGREEMENT_RESOLUTION
            if case.route == "disagreement_resolution"
            else MeetingKind.MEDIATION
        )
    form = meeting_forms.NewMeetingForm(
        request.POST or None,
        case=case,
        initial={
            "version": case.version,
            "kind": kind,
            "format": MeetingFormat.ONLINE,
            "starts": start,
            "ends": end,
            "mediator": case.mediator_id,
        },
    )

    def save() -> None:
        services.book_meeting(
            case,
            form.details(),
            attendees=form.cleaned_data["attendees"],
            notice_sent_on=form.cleaned_data["notice_sent_on"],
            confirm_after_deadline=form.cleaned_data["confirm_after_deadline"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    return _form_page(
        request,
        case,
        form,
        "Book a meeting",
        save,
        template="meetings/meeting_form.html",
        context=_meeting_context(case),
        done="Meeting booked. Invitations with a calendar file are being sent to the attendees.",
    )


def _meeting(request: HttpRequest, case: Case, meeting_id: int) -> Meeting:
    return selectors.meeting_for(_membership(request), case, meeting_id)


@roles(STAFF)
def change_meeting(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    form = meeting_forms.MeetingForm(
        request.POST or None,
        case=case,
        initial={"version": case.version, **meeting_forms.MeetingForm.initial_for(meeting)},
    )
    form.fields["kind"].disabled = True

    def save() -> None:
        services.change_meeting(
            meeting,
            form.details(),
            confirm_after_deadline=form.cleaned_data["confirm_after_deadline"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    return _form_page(
        request,
        case,
        form,
        f"Change the {meeting.get_kind_display().lower()}",
        save,
        template="meetings/meeting_form.html",
        context={**_meeting_context(case), "meeting": meeting},
        done="Meeting changed. Everyone invited is being sent the updated calendar file.",
    )


def _cancelled_words(case: Case) -> str:
    words = "Meeting cancelled. Everyone invited is being sent a cancellation."
    offered = selectors.standby_offered(case)
    if offered:
        return words + (
            f" The freed time suits {offered}, the first case on the standby list it fits: "
            "its coordinator has been told, to send its parties times."
        )
    standby = selectors.standby_references(case)
    if standby:
        words += (
            " The freed time could go to a case on the standby list: "
            + ", ".join(standby)
            + " (find a time from each case)."
        )
    return words


@roles(STAFF)
def cancel_meeting(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    form = meeting_forms.CancelForm(request.POST or None, initial={"version": case.version})

    def save() -> None:
        services.cancel_meeting(
            meeting,
            form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    return _form_page(
        request,
        case,
        form,
        f"Cancel the {meeting.get_kind_display().lower()}",
        save,
        context={"meeting": meeting, "hint": "Everyone invited is emailed a cancellation."},
        done=lambda: _cancelled_words(case),
    )


@roles(STAFF)
def record_notice(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    form = meeting_forms.NoticeForm(
        request.POST or None,
        initial={
            "version": case.version,
            "notice_sent_on": meeting.notice_sent_on or today_in_england(),
            "family_agreed_shorter": meeting.family_agreed_shorter_notice,
            "note": meeting.family_agreed_shorter_notice_note,
        },
    )

    def save() -> None:
        services.record_notice(
            meeting,
            notice_sent_on=form.cleaned_data["notice_sent_on"],
            family_agreed_shorter=form.cleaned_data["family_agreed_shorter"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    status = notice_status(meeting, today_in_england())
    return _form_page(
        request,
        case,
        form,
        "Record notice of the meeting",
        save,
        done="Notice of the meeting recorded",
        context={"meeting": meeting, "hint": status.message, "citation": status.citation},
    )


@roles(STAFF)
def attendees(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    record_case_read(
        case, by=_actor(request), what=f"opened attendees of meeting {meeting.pk}", kind=FORM
    )
    form = meeting_forms.AttendeesForm(
        request.POST or None,
        case=case,
        initial={
            "version": case.version,
            "attendees": [a.party_id for a in meeting.attendees.all()],
        },
    )

    def save() -> None:
        services.set_attendees(
            meeting,
            form.cleaned_data["attendees"],
            expected_version=form.cleaned_data["version"],
            by=_actor(request),
        )

    return _form_page(
        request,
        case,
        form,
        "Who is invited?",
        save,
        done="Invitation list changed",
        context={"meeting": meeting, "hint": "People added are emailed the invitation."},
    )


@roles(STAFF | {Role.MEDIATOR})
def replies(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    form = meeting_forms.RepliesForm(
        request.POST or None,
        attendees=list(meeting.attendees.select_related("party")),
        with_attendance=meeting.starts_at <= timezone.now(),
    )

    def save() -> None:
        services.record_replies(
            meeting, form.replies(), attended=form.attended(), by=_actor(request)
        )

    return _form_page(
        request,
        case,
        form,
        "Replies and attendance",
        save,
        done="Replies and attendance recorded",
        template="meetings/replies.html",
        context={"meeting": meeting},
    )


@roles(CASE_READERS)
def calendar_file(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, meeting_id)
    record_case_read(case, by=_actor(request), what=f"downloaded calendar file {meeting.pk}")
    response = HttpResponse(ics.meeting_ics(meeting), content_type=ics.ics_content_type(meeting))
    response["Content-Disposition"] = f'attachment; filename="{ics.ics_filename(meeting)}"'
    return response
