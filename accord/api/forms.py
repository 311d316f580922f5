"""The service manager's form for a new API client."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms

from accord.api.clients import NewClient
from accord.api.models import Scope
from accord.govuk.forms import GovukForm
from accord.organisations.models import Provider
from accord.rules import today_in_england


class NewClientForm(GovukForm):
    name = forms.CharField(
        label="Name of the client",
        max_length=200,
        help_text="Say whose system it is, for example 'Kent SEN team case system'.",
    )
    body = forms.ChoiceField(label="Council or ICB it acts for")
    scopes = forms.MultipleChoiceField(
        label="What it may do",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the client may do"},
    )
    expires_on = forms.DateField(
        label="Stops working on",
        error_messages={"required": "Enter the date the client stops working"},
        help_text="At most a year from today. Make a new one before.",
    )

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        self.provider = provider
        kwargs.setdefault("initial", {"expires_on": today_in_england() + timedelta(days=365)})
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        self.las = {f"la-{la.pk}": la for la in self.provider.local_authorities.all()}
        self.icbs = {f"icb-{icb.pk}": icb for icb in self.provider.health_bodies.all()}
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [
            ("", "Choose"),
            *((key, la.name) for key, la in self.las.items()),
            *((key, icb.name) for key, icb in self.icbs.items()),
        ]

    def new_client(self) -> NewClient:
        data = self.cleaned_data
        return NewClient(
            name=data["name"].strip(),
            scopes=list(data["scopes"]),
            expires_on=data["expires_on"],
            local_authority=self.las.get(data["body"]),
            health_body=self.icbs.get(data["body"]),
        )
