"""Input for the scheduling assistant's pages; the services decide everything else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from accord.cases.forms import VersionedForm
from accord.govuk.forms import GovukForm
from accord.meetings.models import MeetingFormat, ProposedTime, Responder
from accord.meetings.scheduling import Proposals
from accord.meetings.slots import Slot


def slot_key(slot: Slot) -> str:
    return f"{slot.mediator_id}|{slot.room_id or ''}|{slot.starts_at.isoformat()}"


def slot_label(slot: Slot, proposals: Proposals) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    mediator = proposals.mediators[slot.mediator_id]
    label = f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M} with {mediator}"
    if slot.room_id is not None:
        label += f", {proposals.rooms[slot.room_id]}"
    if slot.preferred:
        label += " (suits the family's stated preference)"
    return label


class SendTimesForm(VersionedForm):
    format = forms.ChoiceField(choices=MeetingFormat.choices, widget=forms.HiddenInput)
    times = forms.MultipleChoiceField(
        label="Which times should we send?",
        help_text="Choose 2 to 5. Each party will tick every time they can make.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose 2 to 5 times to send."},
    )
    online_link = forms.URLField(label="Link to join online", required=False, assume_scheme="https")
    online_meeting_id = forms.CharField(label="Meeting ID", required=False, max_length=100)
    online_passcode = forms.CharField(label="Passcode", required=False, max_length=100)

    def __init__(self, *args: Any, proposals: Proposals, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = {slot_key(s): s for s in proposals.slots}
        self.fields["times"].choices = [  # type: ignore[attr-defined]
            (key, slot_label(s, proposals)) for key, s in self.slots.items()
        ]

    def clean_times(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["times"]
        if not 2 <= len(chosen) <= 5:
            raise forms.ValidationError("Choose 2 to 5 times to send.")
        return chosen


class PreferenceForm(GovukForm):
    weekdays = forms.MultipleChoiceField(
        label="Which days suit the family?",
        required=False,
        choices=[
            (str(i), d)
            for i, d in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    part_of_day = forms.ChoiceField(
        label="Which part of the day?",
        required=False,
        choices=[("", "Any time"), ("morning", "Mornings"), ("afternoon", "Afternoons")],
        widget=forms.RadioSelect,
    )
    agreed_shorter_notice = forms.BooleanField(
        label="The family agreed to less than 5 working days' notice", required=False
    )
    note = forms.CharField(
        label="Anything else they said", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PickTimesForm(GovukForm):
    picks = forms.ModelMultipleChoiceField(
        label="Tick every time you can make",
        help_text="Leave them all unticked if none of these times suits you: we send new ones.",
        queryset=ProposedTime.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, responder: Responder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        times = responder.round.times.all()
        if responder.person_id is not None:
            times = times.filter(mediator_id=responder.person_id)
        field = self.fields["picks"]
        field.queryset = times  # type: ignore[attr-defined]
        field.label_from_instance = _time_label  # type: ignore[attr-defined]


def _time_label(time: ProposedTime) -> str:
    start = timezone.localtime(time.starts_at)
    end = timezone.localtime(time.ends_at)
    return f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M}"
