"""The needs of a meeting: interpreters booked, access arrangements, and what is still to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord.cases import selectors as case_selectors
from accord.cases.forms import show_refusal
from accord.cases.services import CaseError
from accord.govuk.forms import GovukForm
from accord.meetings import arrangements, needs, selectors
from accord.meetings.models import Attendee, Meeting
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


class _AttendeeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.party.name} ({obj.party.get_role_display()})"


class InterpreterForm(GovukForm):
    attendee = _AttendeeChoice(
        label="For whom",
        error_messages={"required": "Select who it is for"},
        queryset=Attendee.objects.none(),
    )
    language = forms.CharField(
        label="Language", max_length=100, help_text="For example Polish, or British Sign Language."
    )
    interpreter = forms.CharField(label="Interpreter or agency", max_length=200)
    confirmed = forms.BooleanField(label="The interpreter has confirmed", required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = meeting.attendees.select_related("party")  # type: ignore[attr-defined]


class ArrangementsForm(GovukForm):
    attendee = _AttendeeChoice(
        label="For whom",
        error_messages={"required": "Select who it is for"},
        queryset=Attendee.objects.none(),
    )
    arrangements = forms.CharField(
        label="How their access needs are met",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For staff only: never sent in a message.",
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = meeting.attendees.select_related("party")  # type: ignore[attr-defined]


@roles(STAFF)
@require_http_methods(["GET", "POST"])
def meeting_needs(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    case = case_selectors.case_for(membership, reference)
    meeting = selectors.meeting_for(membership, case, meeting_id)
    action = request.POST.get("action") if request.method == "POST" else None
    interpreter = InterpreterForm(
        request.POST if action == "interpreter" else None, meeting=meeting
    )
    arranged = ArrangementsForm(request.POST if action == "access" else None, meeting=meeting)
    form = interpreter if action == "interpreter" else arranged
    if action and form.is_valid():
        d = form.cleaned_data
        try:
            if action == "interpreter":
                arrangements.book_interpreter(
                    meeting,
                    d["attendee"].party,
                    language=d["language"],
                    interpreter=d["interpreter"],
                    confirmed=d["confirmed"],
                    by=membership.user,
                )
            else:
                arrangements.record_access_arrangements(
                    d["attendee"], d["arrangements"], by=membership.user
                )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(reverse("meetings:needs", args=[case.reference, meeting.pk]))
    context = {
        "case": case,
        "meeting": meeting,
        "needs": needs.needs_for(meeting),
        "bookings": meeting.interpreters.select_related("party"),
        "interpreter_form": interpreter,
        "arrangements_form": arranged,
        "form": form,
    }
    status = 400 if form.errors else 200  # an action the page does not offer is not an error
    return render(request, "meetings/needs.html", context, status=status)
