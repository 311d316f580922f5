"""Input validation for casework forms; the services decide everything else.

This package holds what every casework form shares: the case version a form carries, a service's
refusal shown on the field it names, the check that a date is not in the future. The forms
themselves are in a module each for the page or group of steps they serve:

- `enquiry`: the new enquiry; `caseload`: the caseload's filter.
- `route`: the route, the family's choice, the LA told, mediation not held or not pursued.
- `closing`: the meeting's outcome, closing and reopening.
- `people`: staff assigned, parties and their consent, the child's views.
- `details`: the risk assessment, the decision letter's date, confidential notes.
"""

from __future__ import annotations

from datetime import date

from django import forms

from accord.govuk.forms import GovukForm
from accord.rules import today_in_england


def _not_in_future(value: date | None, what: str) -> None:
    if value is not None and value > today_in_england():
        raise forms.ValidationError(f"{what} must be today or in the past.")


def show_refusal(form: forms.Form, error: Exception) -> None:
    """Shows a service's refusal on the field it names (`CaseError.field`), so the error summary
    links to that field; on the form as a whole when it names none of the form's fields."""
    field = getattr(error, "field", "")
    form.add_error(field if field in form.fields else None, str(error))


class VersionedForm(GovukForm):
    """Carries the case version the form was shown with, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def check_not_in_future(form: forms.Form, name: str, what: str) -> None:
    """In a form's `clean`: an error on the date field `name` if it is after today."""
    try:
        _not_in_future(form.cleaned_data.get(name), what)
    except forms.ValidationError as error:
        form.add_error(name, error)
