"""Input for diaries and venues."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms

from accord.govuk.forms import GovukForm
from accord.meetings.forms import TimeInput

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


class DiaryForm(GovukForm):
    most_per_day = forms.IntegerField(label="Most meetings a day", min_value=1, max_value=5)
    most_per_week = forms.IntegerField(label="Most meetings a week", min_value=1, max_value=25)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, day in enumerate(DAYS):
            self.fields[f"starts_{i}"] = forms.TimeField(
                label=f"{day}: from", required=False, widget=TimeInput()
            )
            self.fields[f"ends_{i}"] = forms.TimeField(
                label=f"{day}: to", required=False, widget=TimeInput()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i, day in enumerate(DAYS):
            starts, ends = data.get(f"starts_{i}"), data.get(f"ends_{i}")
            if (starts is None) != (ends is None):
                self.add_error(f"ends_{i}", f"Enter both times for {day}, or neither.")
            elif starts and ends and ends <= starts:
                self.add_error(f"ends_{i}", f"{day}: the end must be after the start.")
        return data

    def hours(self) -> list[tuple[int, time, time]]:
        d = self.cleaned_data
        return [
            (i, d[f"starts_{i}"], d[f"ends_{i}"])
            for i in range(len(DAYS))
            if d.get(f"starts_{i}") and d.get(f"ends_{i}")
        ]


class LeaveForm(GovukForm):
    first_day = forms.DateField(label="First day of leave")
    last_day = forms.DateField(label="Last day of leave")
    note = forms.CharField(label="Note", required=False, max_length=200)


class VenueForm(GovukForm):
    name = forms.CharField(label="Venue name", max_length=200)
    address = forms.CharField(label="Address", widget=forms.Textarea(attrs={"rows": 3}))
    step_free = forms.BooleanField(label="Step-free access", required=False)
    room_name = forms.CharField(label="Room", max_length=100, initial="Main room")
    capacity = forms.IntegerField(
        label="How many people the room holds", min_value=2, max_value=100
    )
