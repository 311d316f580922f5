"""Filters `includes/field.html` and `includes/error_summary.html` draw fields with; the
markup itself is decided in accord.govuk.fields."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.utils.safestring import SafeString

from accord.govuk import fields

register = template.Library()


@register.filter
def field_kind(field: forms.BoundField) -> str:
    return fields.kind_of(field)


@register.filter
def hint_id(field: forms.BoundField) -> str:
    return fields.hint_id(field)


@register.filter
def error_id(field: forms.BoundField) -> str:
    return fields.error_id(field)


@register.filter
def count_id(field: forms.BoundField) -> str:
    return fields.count_id(field)


@register.filter
def counts_characters(field: forms.BoundField) -> bool:
    return fields.counts_characters(field)


@register.filter
def described_by(field: forms.BoundField) -> str:
    return fields.described_by(field)


@register.filter
def summary_target(field: forms.BoundField) -> str:
    return fields.summary_target(field)


@register.filter
def govuk_input(field: forms.BoundField) -> SafeString:
    return fields.draw_input(field)


@register.filter
def govuk_option(option: BoundWidget, kind: str) -> SafeString:
    return fields.draw_option(option, kind)
