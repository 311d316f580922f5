"""The one form that corrects any recorded fact (`accord.cases.corrections`): the new value (a
date or a choice, as the fact is) and the reason."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.corrections import Correctable, Fact
from accord.cases.forms import VersionedForm


class CorrectionForm(VersionedForm):
    reason = forms.CharField(
        label="Why is it being corrected?",
        help_text="For example, the date was typed wrongly. This is shown in the case's history.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter why it is being corrected"},
    )
    field_order = ["value", "reason"]

    def __init__(self, *args: Any, correctable: Correctable, fact: Fact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label = f"Correct {fact.label[0].lower()}{fact.label[1:]}"
        if correctable.kind == "date":
            self.fields["value"] = forms.DateField(
                label=label,
                help_text=correctable.hint,
                error_messages={"required": f"Enter the {fact.label[0].lower()}{fact.label[1:]}"},
            )
        else:
            self.fields["value"] = forms.ChoiceField(
                label=label,
                choices=list(correctable.choices),
                widget=forms.RadioSelect,
                help_text=correctable.hint,
            )
        self.order_fields(self.field_order)
