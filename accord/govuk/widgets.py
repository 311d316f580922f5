"""GOV.UK Design System inputs Django does not have, for staff and public forms alike.

- `GovukDateField`: the date input pattern (day, month and year boxes) with the Design System's
  error messages, highlighting only the boxes that are wrong.
- `HintedRadios` / `HintedCheckboxes`: options with a hint under each. (No conditional reveals:
  GOV.UK Frontend puts aria-expanded on the radio, which ARIA does not allow and axe-core
  reports, alphagov/govuk-frontend#979; a follow-up question gets its own page instead.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from accord.govuk.date_range import check_in_range
from accord.rules import today_in_england

PARTS = ("day", "month", "year")


@dataclass(frozen=True)
class DateParts:
    """What the person typed, kept as text so it can be shown back exactly."""

    day: str = ""
    month: str = ""
    year: str = ""

    def missing(self) -> list[str]:
        return [part for part in PARTS if not getattr(self, part)]


class GovukDateWidget(forms.Widget):
    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        # The boxes to highlight after a failed check; all three when empty.
        self.error_parts: tuple[str, ...] = ()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> DateParts:
        parts = DateParts(*(str(data.get(f"{name}-{part}", "")).strip() for part in PARTS))
        if not any(getattr(parts, part) for part in PARTS) and data.get(name):
            # A whole date under the field's own name (2026-03-07): a link that carries a
            # period, a client posting ISO dates. It is checked like three typed boxes.
            return iso_parts(str(data.get(name)))
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}-{part}" not in data for part in PARTS)

    def format_value(self, value: Any) -> DateParts:  # type: ignore[override]
        if isinstance(value, date):
            return DateParts(str(value.day), str(value.month), str(value.year))
        if isinstance(value, str) and value:
            try:
                return self.format_value(date.fromisoformat(value))
            except ValueError:
                return DateParts()
        if isinstance(value, DateParts):
            return value
        return DateParts()

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the first box that needs fixing.
        first = self.error_parts[0] if self.error_parts else "day"
        return f"{id_}-{first}" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        parts = self.format_value(value)
        context["widget"]["parts"] = [
            {
                "name": part,
                "label": part.capitalize(),
                "value": getattr(parts, part),
                "width": 4 if part == "year" else 2,
                "error": part in self.error_parts,
            }
            for part in PARTS
        ]
        return context


class GovukDateField(forms.Field):
    """A date typed as day, month and year. ``what`` names it in messages ("Date of birth")."""

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        what: str,
        past_or_today: bool = True,
        missing_message: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.what = what
        self.past_or_today = past_or_today
        self.missing_message = missing_message or f"Enter the {what[0].lower()}{what[1:]}"
        super().__init__(**kwargs)

    def clean(self, value: Any) -> date | None:
        parts = value if isinstance(value, DateParts) else DateParts()
        widget: GovukDateWidget = self.widget  # type: ignore[assignment]
        missing = parts.missing()
        if len(missing) == len(PARTS):
            if self.required:
                widget.error_parts = PARTS
                raise forms.ValidationError(self.missing_message, code="required")
            return None
        if missing:
            widget.error_parts = tuple(missing)
            raise forms.ValidationError(
                f"{self.what} must include a {' and '.join(missing)}", code="incomplete"
            )
        not_numbers = tuple(p for p in PARTS if not getattr(parts, p).isdigit())
        if not_numbers:
            widget.error_parts = not_numbers
            raise forms.ValidationError(f"{self.what} must be a real date", code="invalid")
        if len(parts.year) != 4:
            widget.error_parts = ("year",)
            raise forms.ValidationError("Year must include 4 numbers", code="year")
        try:
            value = date(int(parts.year), int(parts.month), int(parts.day))
        except ValueError:
            widget.error_parts = _impossible_parts(parts)
            raise forms.ValidationError(
                f"{self.what} must be a real date", code="invalid"
            ) from None
        if self.past_or_today and value > today_in_england():
            widget.error_parts = PARTS
            raise forms.ValidationError(f"{self.what} must be today or in the past", code="future")
        try:
            check_in_range(value, self.what, self)
        except forms.ValidationError:
            widget.error_parts = ("year",)
            raise
        widget.error_parts = ()
        try:
            self.run_validators(value)
        except forms.ValidationError:
            widget.error_parts = PARTS
            raise
        return value


def iso_parts(text: str) -> DateParts:
    """'2026-03-07' as the boxes a person would have typed; anything else as typed, in the day
    box, so that it is refused as not a real date."""
    bits = text.strip().split("-")
    if len(bits) == 3 and all(bits):
        year, month, day = bits
        return DateParts(day.lstrip("0") or day, month.lstrip("0") or month, year)
    return DateParts(text.strip(), "?", "?")


def _impossible_parts(parts: DateParts) -> tuple[str, ...]:
    if not 1 <= int(parts.month) <= 12:
        return ("month",)
    return ("day",)


class HintedRadios(forms.RadioSelect):
    """Radios with a hint under each option."""

    def __init__(
        self, hints: dict[str, str] | None = None, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.hints = hints or {}

    def id_for_label(self, id_: str, index: str = "0") -> str:
        # The error summary links to the first option (GOV.UK error summary pattern).
        return super().id_for_label(id_, index)

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        return _with_hint(option, self.hints)


class HintedCheckboxes(forms.CheckboxSelectMultiple):
    def __init__(self, hints: dict[str, str] | None = None, attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.hints = hints or {}

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        return _with_hint(option, self.hints)


def _with_hint(option: dict[str, Any], hints: dict[str, str]) -> dict[str, Any]:
    option_id = option["attrs"].get("id", "")
    hint = hints.get(str(option["value"]), "")
    option["hint"] = hint
    option["hint_id"] = f"{option_id}-hint" if hint else ""
    if hint:
        option["attrs"] = {**option["attrs"], "aria-describedby": option["hint_id"]}
    return option
