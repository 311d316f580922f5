"""Input validation for MIAS calls and meetings; the services decide everything else."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from accord import rules
from accord.cases.choices import FamilyChoice
from accord.cases.forms import VersionedForm
from accord.cases.models import Case, Party
from accord.govuk.forms import GovukForm
from accord.meetings.details import MeetingDetails
from accord.meetings.models import Attendee, Meeting, MeetingFormat, MeetingKind
from accord.organisations.models import User
from accord.organisations.roles import Role
from accord.rules import today_in_england

LONDON = rules.ENGLAND


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(attrs={"class": "govuk-input govuk-input--width-5"}, format="%H:%M")


def _say(required: str) -> dict[str, str]:
    """GOV.UK error messages say what to do: one for a missing answer, one for a bad one."""
    return {"required": required + ".", "invalid": required + " in the right format."}


def _people(provider_id: int, role: Role) -> Any:
    return User.objects.filter(
        memberships__provider_id=provider_id, memberships__role=role, memberships__is_active=True
    ).distinct()


def london(day: date, at: time) -> datetime:
    """A wall-clock time in England as an aware datetime (the law's dates are England's)."""
    return timezone.make_aware(datetime.combine(day, at), LONDON)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class MiasBookingForm(VersionedForm):
    call_on = forms.DateField(
        label="Date of the call", error_messages=_say("Enter the date of the call")
    )
    call_at = forms.TimeField(
        label="Time of the call",
        widget=TimeInput(),
        error_messages=_say("Enter the time of the call, like 14:30"),
    )
    adviser = PersonChoice(
        label="Mediation adviser",
        queryset=User.objects.none(),
        error_messages=_say("Choose the mediation adviser"),
    )
    phone_number = forms.CharField(
        label="Phone number to call",
        max_length=40,
        error_messages=_say("Enter the phone number the adviser will call"),
        help_text="Book a time that suits the family. The call usually takes about 20 minutes.",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = _people(case.provider_id, Role.ADVISER)  # type: ignore[attr-defined]

    def scheduled_for(self) -> datetime:
        return london(self.cleaned_data["call_on"], self.cleaned_data["call_at"])


class MiasHeldForm(VersionedForm):
    held_on = forms.DateField(
        label="Date the information and advice was given",
        error_messages=_say("Enter the date the information and advice was given"),
    )
    notes = forms.CharField(
        label="Notes (staff only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # The family often decides on the same call: record it here rather than on a second form.
    choice = forms.ChoiceField(
        label="What did the family decide?",
        choices=[("", "They have not decided yet"), *FamilyChoice.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    la_notified_on = forms.DateField(
        label="If they chose mediation: date the LA received their notice that they want it",
        required=False,
        help_text="The 30-day clock to hold mediation starts on this date (SEND Regs reg 37).",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held_on = data.get("held_on")
        if held_on is not None and held_on > today_in_england():
            self.add_error(
                "held_on",
                "The date the information and advice was given must be today or in the past.",
            )
        told = data.get("la_notified_on")
        if told is not None and data.get("choice") != FamilyChoice.MEDIATION:
            self.add_error(
                "la_notified_on",
                "Leave the date the LA received the notice empty unless the family chose mediation",
            )
        elif told is not None and told > today_in_england():
            self.add_error(
                "la_notified_on", "The date the LA received the notice must be today or earlier"
            )
        return data


class MeetingForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What kind of meeting?",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages=_say("Choose what kind of meeting it is"),
    )
    format = forms.ChoiceField(
        label="How is it held?",
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        error_messages=_say("Choose how the meeting is held"),
    )
    meeting_on = forms.DateField(label="Date", error_messages=_say("Enter the date of the meeting"))
    starts = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        error_messages=_say("Enter the start time, like 10:00"),
    )
    ends = forms.TimeField(
        label="End time",
        widget=TimeInput(),
        error_messages=_say("Enter the end time, like 15:00"),
        help_text="A mediation meeting usually lasts 4 to 5 hours.",
    )
    mediator = PersonChoice(
        label="Mediator",
        queryset=User.objects.none(),
        required=False,
        help_text="Needed for the mediation or disagreement resolution meeting itself.",
    )
    co_mediator = PersonChoice(
        label="Co-mediator (optional)", queryset=User.objects.none(), required=False
    )
    observer = PersonChoice(
        label="Observer (optional)",
        queryset=User.objects.none(),
        required=False,
        help_text="For example a mediator in training. They are invited like the mediator.",
    )
    venue = forms.CharField(
        label="Venue address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a meeting in person.",
    )
    online_link = forms.URLField(label="Link to join online", required=False, assume_scheme="https")
    online_meeting_id = forms.CharField(label="Meeting ID", required=False, max_length=100)
    online_passcode = forms.CharField(label="Passcode", required=False, max_length=100)
    test_run_offered = forms.BooleanField(
        label="Offer the family a test run of the online meeting", required=False
    )
    confirm_after_deadline = forms.BooleanField(
        label=(
            "I confirm this date is after the last day for mediation, and the LA has been "
            "asked to say that it cannot be held in time"
        ),
        required=False,
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("mediator", "co_mediator", "observer"):
            self.fields[name].queryset = _people(case.provider_id, Role.MEDIATOR)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The end time must be after the start time.")
        return data

    def details(self) -> MeetingDetails:
        d = self.cleaned_data
        return MeetingDetails(
            kind=d["kind"],
            format=d["format"],
            starts_at=london(d["meeting_on"], d["starts"]),
            ends_at=london(d["meeting_on"], d["ends"]),
            mediator=d["mediator"],
            venue=d["venue"].strip(),
            online_link=d["online_link"],
            online_meeting_id=d["online_meeting_id"].strip(),
            online_passcode=d["online_passcode"].strip(),
            test_run_offered=d["test_run_offered"],
            co_mediator=d["co_mediator"],
            observer=d["observer"],
        )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at, LONDON)
        end = timezone.localtime(meeting.ends_at, LONDON)
        return {
            "kind": meeting.kind,
            "format": meeting.format,
            "meeting_on": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "mediator": meeting.mediator_id,
            "venue": meeting.venue,
            "online_link": meeting.online_link,
            "online_meeting_id": meeting.online_meeting_id,
            "online_passcode": meeting.online_passcode,
            "test_run_offered": meeting.test_run_offered,
            "co_mediator": meeting.co_mediator_id,
            "observer": meeting.observer_id,
        }


def _attendees_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Who is invited?",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "The family; someone from the LA (and ICB) with authority to settle; supporters; "
            "the child or young person if they consent (add them as a person first)."
        ),
    )


def _limit_to_case(field: forms.Field, case: Case) -> None:
    field.queryset = case.parties.all()  # type: ignore[attr-defined]
    field.label_from_instance = _party_label  # type: ignore[attr-defined]


class NewMeetingForm(MeetingForm):
    attendees = _attendees_field()
    notice_sent_on = forms.DateField(
        label="Date notice of the date and place was sent to the family",
        required=False,
        help_text="Leave empty if it has not been sent yet.",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        _limit_to_case(self.fields["attendees"], case)


def _party_label(party: Party) -> str:
    label = f"{party.name} — {party.get_role_display()}"
    if party.has_authority_to_settle:
        label += " (authority to settle)"
    if not party.email:
        label += " (no email address: invite them another way)"
    return label


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_say("Say why the meeting is cancelled"),
    )


class NoticeForm(VersionedForm):
    notice_sent_on = forms.DateField(
        label="Date notice of the date and place was sent",
        error_messages=_say("Enter the date notice was sent"),
    )
    family_agreed_shorter = forms.BooleanField(
        label="The family agreed to less than 5 working days' notice", required=False
    )
    note = forms.CharField(
        label="How and when did they agree?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("family_agreed_shorter") and not (data.get("note") or "").strip():
            self.add_error("note", "Say how and when the family agreed to shorter notice.")
        return data


class AttendeesForm(VersionedForm):
    attendees = _attendees_field()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_to_case(self.fields["attendees"], case)


REPLY_CHOICES = [
    ("awaiting", "No reply yet"),
    ("confirmed", "Confirmed"),
    ("declined", "Declined"),
]
ATTENDED_CHOICES = [("", "Not recorded"), ("yes", "Attended"), ("no", "Did not attend")]


class RepliesForm(GovukForm):
    """One reply per attendee and, once the meeting has started, whether they attended."""

    def __init__(
        self, *args: Any, attendees: list[Attendee], with_attendance: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[Attendee, str, str | None]] = []
        for attendee in attendees:
            label = f"{attendee.party.name} ({attendee.party.get_role_display()})"
            reply_name = f"reply_{attendee.pk}"
            self.fields[reply_name] = forms.ChoiceField(
                label=f"Reply from {label}",
                choices=REPLY_CHOICES,
                initial=attendee.reply,
            )
            attended_name = None
            if with_attendance:
                attended_name = f"attended_{attendee.pk}"
                self.fields[attended_name] = forms.ChoiceField(
                    label=f"Did {label} attend?",
                    choices=ATTENDED_CHOICES,
                    initial={None: "", True: "yes", False: "no"}[attendee.attended],
                    required=False,
                )
            self.rows.append((attendee, reply_name, attended_name))

    def bound_rows(self) -> list[tuple[Attendee, forms.BoundField, forms.BoundField | None]]:
        return [
            (a, self[reply], self[attended] if attended else None)
            for a, reply, attended in self.rows
        ]

    def replies(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[reply] for a, reply, _ in self.rows}

    def attended(self) -> dict[int, bool | None]:
        meaning = {"": None, "yes": True, "no": False}
        return {a.pk: meaning[self.cleaned_data[name] or ""] for a, _, name in self.rows if name}


def default_times() -> tuple[time, time]:
    """A usual mediation day: 10:00 to 15:00 (about 5 hours, product.md)."""
    start = time(10, 0)
    end = (datetime.combine(today_in_england(), start) + timedelta(hours=5)).time()
    return start, end
