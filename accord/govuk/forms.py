"""Forms for GOV.UK Design System pages, staff and public alike.

A form only validates; how it looks is decided when it is drawn. Every field of every form is
drawn by one template, `{% include "includes/field.html" with field=form.x %}`, which takes its
markup (classes, hint and error ids, aria-describedby) from accord.govuk.fields. A page that is
one form extends `form_page.html`, which puts the error summary, the fields and the button in the
same places on every such page (see that template).

`GovukForm` adds what the Design System asks of the form itself: no colon after labels, and a
date picker for plain `DateField`s (staff forms; public forms ask for day, month and year in
three boxes with `accord.govuk.widgets.GovukDateField`).
"""

from __future__ import annotations

from typing import Any

from django import forms

from accord.govuk.date_range import InSensibleRange


class GovukDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = dict(attrs or {})
        if "govuk-input--width-" not in attrs.get("class", ""):
            attrs["class"] = f"{attrs.get('class', '')} govuk-input--width-10".strip()
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovukFormMixin:
    """Labels without a colon, date pickers for dates; subclasses adjust their fields in
    ``prepare()``, which runs before any validation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.prepare()
        use_date_inputs(self)  # type: ignore[arg-type]

    def prepare(self) -> None:
        """Set choices and querysets that depend on the request."""


class GovukForm(GovukFormMixin, forms.Form):
    """A form drawn with the GOV.UK Design System's markup and error patterns."""


def use_date_inputs(form: forms.BaseForm) -> None:
    """Date pickers for plain date fields, each held to a sensible range (date_range.py)."""
    for field in form.fields.values():
        if not isinstance(field, forms.DateField):
            continue
        if not isinstance(field.widget, GovukDateInput):
            field.widget = GovukDateInput(attrs=field.widget.attrs)
        if not any(isinstance(v, InSensibleRange) for v in field.validators):
            field.validators.append(InSensibleRange(field))
