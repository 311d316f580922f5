"""Error messages in the GOV.UK Design System's words, naming the field they are about.

Django's own messages ("This field is required.", "Enter a valid email address.") do not say
which answer is wrong, and an error summary of seven "This field is required." is no help. Every
form built on `GovukFormMixin` has each of Django's default messages replaced by one written from
the field's label ("Enter the child's first name", "Select the local authority", "Name must be
200 characters or fewer"). A message a form sets itself (`error_messages={"required": ...}`) is
kept: when a label does not make a good sentence, say it in the form.

The words follow the Design System's error message guidance: "Enter …" for a box, "Select …"
for a choice, the limit stated plainly, no "valid", no "please", no full stop.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils.html import strip_tags

# Words that already start a noun phrase: no "the" before them.
_DETERMINERS = {"the", "a", "an", "your", "their", "his", "her", "its", "our", "my", "which"}
# A label starting with one of these and no question mark is a clause: "Enter what was decided".
_CLAUSE_WORDS = {"what", "who", "how", "why", "when", "where", "whether", "which"}


def label_text(field: forms.Field, name: str = "") -> str:
    """The label as plain text, or the field's name made readable when it has none."""
    text = strip_tags(str(field.label or "")).strip()
    if not text:
        text = name.replace("_", " ").strip().capitalize() or "This answer"
    return " ".join(text.split())


def is_question(label: str) -> bool:
    return label.endswith("?")


def _lower_first(word: str) -> str:
    return word if _keeps_capital(word) else word[0].lower() + word[1:]


def _keeps_capital(word: str) -> bool:
    """An acronym (LA, ICB, EHC) or a word with a capital inside keeps its case."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def noun_phrase(label: str) -> str:
    """'Local authority' → 'the local authority'; 'Your email address' → 'your email address'."""
    words = label.rstrip(":").split()
    if not words:
        return "an answer"
    first = _lower_first(words[0])
    rest = " ".join([first, *words[1:]])
    if first.lower().strip(",") in _DETERMINERS | _CLAUSE_WORDS:
        return rest
    return f"the {rest}"


def subject(label: str) -> str:
    """The label as the subject of a sentence: 'Name must be …', 'The answer to “Why?” must …'."""
    if is_question(label):
        return f"The answer to ‘{label}’"
    return label[0].upper() + label[1:] if label else "The answer"


def _chooses(field: forms.Field) -> bool:
    return isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField | forms.FileField
    ) or isinstance(field.widget, ChoiceWidget)


def required_message(field: forms.Field, name: str = "") -> str:
    label = label_text(field, name)
    choose = _chooses(field)
    if is_question(label):
        return f"{'Select' if choose else 'Enter'} an answer to ‘{label}’"
    if isinstance(field, forms.BooleanField):
        return f"Select ‘{label}’ to continue"
    if isinstance(field, forms.FileField):
        return f"Select {noun_phrase(label)}"
    return f"{'Select' if choose else 'Enter'} {noun_phrase(label)}"


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def govuk_messages(field: forms.Field, name: str = "") -> dict[str, str]:
    """The Design System's messages for the codes Django would otherwise answer itself."""
    label = label_text(field, name)
    said = _escaped(subject(label))
    what = _escaped(label if is_question(label) else noun_phrase(label))
    messages = {
        "required": required_message(field, name),
        "max_length": f"{said} must be %(limit_value)d characters or fewer",
        "min_length": f"{said} must be %(limit_value)d characters or more",
        "max_value": f"{said} must be %(limit_value)s or less",
        "min_value": f"{said} must be %(limit_value)s or more",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = (
            "Enter a web address in the correct format, like https://www.example.com"
        )
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{said} must be a whole number"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{said} must be a number"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"Enter {what} as a time, like 09:30 or 14:30"
    elif isinstance(field, forms.FileField):
        messages["invalid"] = f"{said} must be a file"
        messages["empty"] = f"{said} is empty"
        messages["missing"] = f"Select {what}"
        messages["contradiction"] = f"Select {what} or remove the one chosen, not both"
    return messages


def django_defaults(field: forms.Field) -> dict[str, str]:
    """Django's own messages for this kind of field (and its validators' codes)."""
    defaults: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(
            {k: str(v) for k, v in getattr(klass, "default_error_messages", {}).items()}
        )
    return defaults


def use_govuk_messages(field: forms.Field, name: str = "") -> None:
    """Replaces each of Django's default messages on `field` (a message the form chose stays).

    A code a validator raises (max_length, min_value) is only overridden where Django would show
    its own words; a field's own error_messages win."""
    defaults = django_defaults(field)
    ours = govuk_messages(field, name)
    current: dict[str, Any] = field.error_messages
    for code, message in ours.items():
        mine = current.get(code)
        if mine is None or str(mine) == defaults.get(code):
            current[code] = message
    # An answer that is not one of the options (a stale page, a hand-made request) is asked for
    # again in the words of the question: "Select the local authority".
    for code in ("invalid_choice", "invalid_list", "invalid_pk_value"):
        if code in defaults and str(current.get(code)) == defaults[code]:
            current[code] = str(current["required"]).rstrip(".")
