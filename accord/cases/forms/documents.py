"""Adding a document to a case: the same questions for staff, officers and the family."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from accord.cases.models import CaseDocumentKind, DocumentVisibility, Party
from accord.cases.uploads import DOCUMENT_TYPES, MAX_UPLOAD_LABEL
from accord.govuk.forms import GovukForm

_TYPES = ", ".join(sorted(t.label for t in DOCUMENT_TYPES))


class CaseDocumentForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=CaseDocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of document it is"},
    )
    title = forms.CharField(
        label="What is it?",
        max_length=200,
        help_text="For example, ‘Decision letter of 2 March 2026’ or ‘Speech and language report’.",
        error_messages={"required": "Enter what the document is"},
    )
    upload = forms.FileField(
        label="Upload the file",
        help_text=f"A {_TYPES}, smaller than {MAX_UPLOAD_LABEL}.",
        error_messages={"required": "Select the file to upload"},
    )
    visibility = forms.ChoiceField(
        label="Who may see it?",
        choices=DocumentVisibility.choices,
        widget=forms.RadioSelect,
        help_text="The mediation service always sees it, and so do you.",
        error_messages={"required": "Select who may see the document"},
    )
    shared_with = forms.ModelMultipleChoiceField(
        label="If only some people: who may see it?",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, parties: Sequence[Party] = (), **kwargs: Any) -> None:
        self._parties = list(parties)
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        field = self.fields["shared_with"]
        field.queryset = Party.objects.filter(pk__in=[p.pk for p in self._parties])  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.name} ({p.get_role_display()})"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("visibility") == DocumentVisibility.NAMED_PARTIES and not data.get(
            "shared_with"
        ):
            self.add_error("shared_with", "Select the people who may see the document")
        return data
