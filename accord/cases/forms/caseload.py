"""The caseload's filter: search, state, route, local authority, who is assigned."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import Route
from accord.cases.states import CaseState
from accord.govuk.forms import GovukForm
from accord.organisations.models import Provider


class CaseloadFilterForm(GovukForm):
    q = forms.CharField(label="Search by reference, child or parent name", required=False)
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "All open"), *CaseState.choices]
    )
    route = forms.ChoiceField(label="Route", required=False, choices=[("", "All"), *Route.choices])
    # The provider's LAs as plain choices: read once, in one query, both to draw the list and
    # to check the one chosen (a model choice field would read them again to check it).
    local_authority = forms.TypedChoiceField(
        label="Local authority", required=False, coerce=int, empty_value=None
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
        authorities = provider.local_authorities.order_by("name").values_list("pk", "name")
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "All"),
            *((str(pk), name) for pk, name in authorities),
        ]
        self.fields["assignee"].choices = [("", "Anyone"), *people]  # type: ignore[attr-defined]
