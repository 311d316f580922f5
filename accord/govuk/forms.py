"""Forms for GOV.UK Design System pages, staff and public alike.

A form only validates; how it looks is decided when it is drawn. Every field of every form is
drawn by one template, `{% include "includes/field.html" with field=form.x %}`, which takes its
markup (classes, hint and error ids, aria-describedby) from accord.govuk.fields. A page that is
one form extends `form_page.html`, which puts the error summary, the fields and the button in the
same places on every such page (see that template).

`GovukFormMixin` (and `GovukForm`, built on it) brings every form up to the Design System without
the form asking, so a form added tomorrow gets it too (docs/architecture.md, "Forms"):

- labels without a colon;
- every message names its field in the Design System's words (accord.govuk.messages), and a
  field shows one message: the first problem found;
- a plain `forms.DateField` becomes the date input (day, month and year boxes,
  `accord.govuk.widgets.GovukDateField`), held to a sensible range (date_range.py); a date typed
  whole (2026-03-07) under the field's name is still read;
- a `forms.TimeField` is a text box for a time like 14:30 with a hint saying so (no browser
  time picker; GOV.UK has no time component);
- a select's empty choice says "Select …" instead of "---------";
- a required choice with only one option has it chosen already.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms

from accord.govuk.date_range import InSensibleRange
from accord.govuk.messages import label_text, noun_phrase, required_message, use_govuk_messages
from accord.govuk.renderers import FAST_SELECT
from accord.govuk.widgets import GovukDateField

DJANGO_BLANK = "---------"
_EMPTY: tuple[Any, ...] = (None, "", [], ())


class GovukTimeInput(forms.TimeInput):
    """A time as text (GOV.UK has no time picker): 24-hour, like 14:30."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        if "govuk-input--width-" not in attrs.get("class", ""):
            attrs["class"] = f"{attrs.get('class', '')} govuk-input--width-5".strip()
        super().__init__(attrs=attrs, format="%H:%M")


class GovukFormMixin:
    """Everything in the module docstring; subclasses adjust their fields in ``prepare()``,
    which runs before any validation."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.prepare()
        govuk_fields(self)  # type: ignore[arg-type]

    def prepare(self) -> None:
        """Set choices and querysets that depend on the request."""

    def full_clean(self) -> None:
        govuk_fields(self)  # type: ignore[arg-type]  # fields a subclass added after __init__
        super().full_clean()  # type: ignore[misc]
        one_error_per_field(self)  # type: ignore[arg-type]

    def get_initial_for_field(self, field: forms.Field, field_name: str) -> Any:
        value = super().get_initial_for_field(field, field_name)  # type: ignore[misc]
        if value in _EMPTY and field.required and not field.disabled:
            only = only_choice(field)
            if only is not None:
                return only
        return value


class GovukForm(GovukFormMixin, forms.Form):
    """A form drawn with the GOV.UK Design System's markup and error patterns."""


# Django draws each option of a select through two template includes: on a list of LAs or
# people that was most of a filter form's time. The kit's select draws them in place, with the
# same markup, and the kit's renderer writes it in Python (accord.govuk.renderers).
DJANGO_SELECT = "django/forms/widgets/select.html"
DJANGO_SELECT_OPTION = "django/forms/widgets/select_option.html"


def drawing_key(form: forms.BaseForm) -> str:
    """What a form's markup depends on, as a short digest: for each field its label, hint,
    whether it is required, its value as bound, its choices and its messages. Two forms with
    the same key draw the same markup, so a busy page may keep its form drawn, as the caseload
    keeps its filter (`{% cache … using="drawn_forms" %}`; docs/performance.md). Only plain
    choices: a model choice field would read its rows again to give them."""
    parts: list[Any] = [type(form).__module__, type(form).__qualname__, form.prefix]
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name}: a model choice field's drawing is not kept")
        messages = [str(message) for message in form.errors.get(name, [])] if form.is_bound else []
        parts.append(
            (
                name,
                str(field.label),
                str(field.help_text),
                field.required,
                form[name].value(),
                getattr(field, "choices", None),
                messages,
            )
        )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def govuk_fields(form: forms.BaseForm) -> None:
    """Brings each field of `form` to the Design System (idempotent)."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DateField):
            field = form.fields[name] = date_input_for(field, name)
            getattr(form, "_bound_fields_cache", {}).pop(name, None)
        if isinstance(field.widget, forms.TimeInput) and not isinstance(
            field.widget, GovukTimeInput
        ):
            field.widget = GovukTimeInput(attrs=_without_type(field.widget.attrs))
            if not field.help_text:
                field.help_text = "Use the 24-hour clock, for example 14:30"
        if (
            isinstance(field.widget, forms.Select)
            and field.widget.template_name == DJANGO_SELECT
            and field.widget.option_template_name == DJANGO_SELECT_OPTION
        ):
            field.widget.template_name = FAST_SELECT
        use_govuk_messages(field, name)
        prompt_for_choice(field, name)


def date_input_for(field: forms.DateField, name: str) -> GovukDateField:
    """The date input (three boxes) in place of a plain date field, keeping what the form said
    about it: label, hint, whether required, its first value, its own checks and messages."""
    label = label_text(field, name)
    what = label.rstrip("?")
    custom = field.error_messages.get("required")
    missing = (
        str(custom).rstrip(".")
        if custom and str(custom) != str(forms.Field.default_error_messages["required"])
        else required_message(field, name)
    )
    date_field = GovukDateField(
        what=what,
        past_or_today=False,  # staff forms check the future against their own facts
        missing_message=missing,
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        initial=field.initial,
        disabled=field.disabled,
        validators=[v for v in field.validators if not isinstance(v, InSensibleRange)],
    )
    for limit in ("earliest_years_ago", "latest_years_ahead"):
        if hasattr(field, limit):
            setattr(date_field, limit, getattr(field, limit))
    return date_field


def _without_type(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k != "type"}


def prompt_for_choice(field: forms.Field, name: str = "") -> None:
    """A select's empty choice reads "Select the …" (or "None" when the answer is optional),
    never Django's "---------"."""
    label = label_text(field, name)
    prompt = f"Select {noun_phrase(label.rstrip('?'))}" if field.required else "None"
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = prompt
        return
    if isinstance(field, forms.ChoiceField):
        choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
        if any(str(label) == DJANGO_BLANK for _, label in choices):
            field.choices = [
                (value, prompt if str(label) == DJANGO_BLANK else label) for value, label in choices
            ]


def only_choice(field: forms.Field) -> Any:
    """The one option of a required choice, when there is exactly one (it is chosen for you)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return None
    if isinstance(field, forms.ModelChoiceField):
        rows = list(field.queryset[:2]) if field.queryset is not None else []
        return field.prepare_value(rows[0]) if len(rows) == 1 else None
    if isinstance(field, forms.MultipleChoiceField) or not isinstance(field, forms.ChoiceField):
        return None
    values: list[Any] = []
    for value, label in field.choices:  # type: ignore[misc,union-attr]
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(v for v, _ in label if v not in _EMPTY)
        elif value not in _EMPTY:
            values.append(value)
    return values[0] if len(values) == 1 else None


def one_error_per_field(form: forms.BaseForm) -> None:
    """The first problem found with a field is the one shown (GOV.UK error message pattern: one
    message per field, the most important, which is the first check that failed)."""
    for errors in (getattr(form, "_errors", None) or {}).values():
        if len(errors) > 1:
            del errors.data[1:]


def use_date_inputs(form: forms.BaseForm) -> None:
    """Kept for forms that are not built on GovukFormMixin: the date input for every date."""
    govuk_fields(form)
