"""The caseload's filter: search, state, route, local authority, who is assigned."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import Route
from accord.cases.states import CaseState
from accord.govuk.forms import GovukForm
from accord.organisations.models import LocalAuthority, Provider


class CaseloadFilterForm(GovukForm):
    q = forms.CharField(label="Search by reference, child or parent name", required=False)
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "All open"), *CaseState.choices]
    )
    route = forms.ChoiceField(label="Route", required=False, choices=[("", "All"), *Route.choices])
    local_authority = forms.ModelChoiceField(
        label="Local authority",
        required=False,
        queryset=LocalAuthority.objects.none(),
        empty_label="All",
    )
    assignee = forms.ChoiceField(label="Assigned to", required=False)
    due = forms.ChoiceField(
        label="Deadline",
        required=False,
        choices=[("", "Any"), ("now", "Due today or overdue")],
    )

    def __init__(
        self, *args: Any, provider: Provider, people: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = provider.local_authorities.all()  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", "Anyone"), *people]  # type: ignore[attr-defined]
