from __future__ import annotations

from django import forms, template

from accord.govuk.forms import widget_kind

register = template.Library()


@register.filter
def field_kind(field: forms.BoundField) -> str:
    return widget_kind(field.field.widget)
