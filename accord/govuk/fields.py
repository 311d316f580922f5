"""How a field is marked up: what `includes/field.html` asks of a bound field.

One place for the ids that tie a field to its hint, its error and its character count, and for
the classes its input carries, so that the `aria-describedby` of the input (or of the fieldset,
for a group) always names elements the template really draws (WCAG 2.2 1.3.1, 3.3.1). It works
on any Django form, including Django's own (signing in, changing a password).

- The hint and error ids are the ones Django itself uses (`id_x_helptext`, `id_x_error`).
- A group of radios or checkboxes, and a date typed in three boxes, is a fieldset: the legend
  names it and the fieldset carries the hint and error, not each input.
- The error summary links to the input, or to the first option of a group (GOV.UK error
  summary pattern), or to the first date box that is wrong.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.safestring import SafeString

from accord.govuk.widgets import GovukDateWidget

# Drawn as a fieldset with a legend.
GROUPS = frozenset({"radios", "checkboxes", "date"})

_INPUT_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}
_ERROR_CLASSES = {
    "input": "govuk-input--error",
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
    "file": "govuk-file-upload--error",
}
# The GOV.UK character count script finds the box by this class, and its message by this suffix.
_COUNTED_CLASS = "govuk-js-character-count"


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, GovukDateWidget):
        return "date"
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
    return "input"


def kind_of(field: forms.BoundField) -> str:
    return widget_kind(field.field.widget)


def hint_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}_helptext"


def error_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}_error"


def count_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}-info"


def counts_characters(field: forms.BoundField) -> bool:
    """A long answer with a limit shows how many characters are left (GOV.UK character count)."""
    return kind_of(field) == "textarea" and bool(getattr(field.field, "max_length", None))


def summary_target(field: forms.BoundField) -> str:
    """The id the error summary links to; none for a hidden field (nothing to go to)."""
    if field.is_hidden:
        return ""
    if kind_of(field) in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    return str(field.id_for_label)


def described_by(field: forms.BoundField) -> str:
    """What a screen reader reads after the label: the character count, the hint, the error."""
    ids = []
    if counts_characters(field):
        ids.append(count_id(field))
    if field.help_text:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


def input_attrs(field: forms.BoundField) -> dict[str, str | bool]:
    """The attributes of a single input (not a group): GOV.UK classes, red when wrong, and
    what describes it. Classes the form set (a width, say) are kept."""
    kind = kind_of(field)
    widget = field.field.widget
    classes = widget.attrs.get("class", "").split()
    wanted = [_INPUT_CLASSES.get(kind, "")]
    if field.errors:
        wanted.append(_ERROR_CLASSES.get(kind, ""))
    if counts_characters(field):
        wanted.append(_COUNTED_CLASS)
    classes += [css for css in wanted if css and css not in classes]
    attrs: dict[str, str | bool] = {"class": " ".join(classes)}
    described = described_by(field)
    if described:
        attrs["aria-describedby"] = described
    if isinstance(widget, forms.EmailInput) and "spellcheck" not in widget.attrs:
        # GOV.UK email address pattern: no red underline under a correct address.
        attrs["spellcheck"] = "false"
    return attrs


def draw_input(field: forms.BoundField) -> SafeString:
    return field.as_widget(attrs=input_attrs(field))


def draw_option(option: BoundWidget, kind: str) -> SafeString:
    """One radio or checkbox of a group, with the GOV.UK class (its own hint, if any, is
    already named by accord.govuk.widgets)."""
    attrs = option.data["attrs"]
    css = f"govuk-{kind}__input"
    classes = attrs.get("class", "").split()
    if css not in classes:
        attrs["class"] = " ".join([*classes, css])
    return option.tag()
