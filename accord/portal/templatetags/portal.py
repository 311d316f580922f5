"""Template helpers for the portal's GOV.UK form markup and the staff navigation."""

from __future__ import annotations

from typing import Any

from django import forms, template

from accord.govuk.forms import widget_kind
from accord.organisations.roles import STAFF
from accord.portal.widgets import GovukDateWidget

register = template.Library()


@register.filter
def portal_field_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateWidget):
        return "date"
    return widget_kind(widget)


@register.filter
def can_use_inbox(membership: Any) -> bool:
    """Provider staff work the intake inbox of online requests."""
    return membership is not None and getattr(membership, "role", None) in STAFF
