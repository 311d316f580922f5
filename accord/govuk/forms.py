"""Forms rendered with the GOV.UK Design System's markup and error patterns.

`GovukForm` adds the right classes to each widget; templates render a field with
`{% include "includes/field.html" with field=form.x %}` and the error summary with
`{% include "includes/error_summary.html" %}`.
"""

from __future__ import annotations

from typing import Any

from django import forms

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.ClearableFileInput, "govuk-file-upload"),
    (forms.DateInput, "govuk-input govuk-input--width-10"),
    (forms.widgets.Input, "govuk-input"),
]


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.DateInput):
        return "date"
    return "input"


class GovukDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovukFormMixin:
    """Widgets carry GOV.UK classes; after validation, invalid fields point at their message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        style_fields(self)  # type: ignore[arg-type]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        mark_errors(self)  # type: ignore[arg-type]


class GovukForm(GovukFormMixin, forms.Form):
    """A form whose widgets carry GOV.UK classes and whose errors name the field they are in."""


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    """The same for a model form."""


def style_fields(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(field, forms.DateField) and not isinstance(widget, GovukDateInput):
            field.widget = widget = GovukDateInput(attrs=widget.attrs)
        for widget_type, css in _WIDGET_CLASSES:
            if isinstance(widget, widget_type):
                existing = widget.attrs.get("class", "")
                if css not in existing:
                    widget.attrs["class"] = f"{existing} {css}".strip()
                break


_ERROR_CLASSES = {
    "input": "govuk-input--error",
    "date": "govuk-input--error",
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
}


def mark_errors(form: forms.BaseForm) -> None:
    """After validation: point each invalid field at its message and show it in red."""
    for name, field in form.fields.items():
        if name not in form.errors:
            continue
        widget = field.widget
        widget.attrs["aria-describedby"] = f"{name}-error"
        css = _ERROR_CLASSES.get(widget_kind(widget))
        if css and css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
