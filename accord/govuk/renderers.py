"""The form renderer: Django's own, except that a select is drawn in Python.

Django draws every option of a select through two template includes (the option, then its
attributes); on a filter form with a list of councils and of people that was most of the form's
time. `govuk/widgets/select.html` (what the kit gives a plain select, accord.govuk.forms) draws
the options in place; this renderer goes one step further and writes that same markup directly,
character for character (tests/govuk/test_select_markup.py compares it with Django's template).
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context

FAST_SELECT = "govuk/widgets/select.html"


class GovukFormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == FAST_SELECT:
            return draw_select(context["widget"])
        return super().render(template_name, context, request)


def draw_select(widget: dict[str, Any]) -> str:
    """What `govuk/widgets/select.html` (Django's select.html with its option template in
    place) gives for a widget's context."""
    context = Context(autoescape=True)

    def text(value: Any) -> str:
        return str(render_value_in_context(value, context))

    def attributes(attrs: dict[str, Any]) -> str:
        drawn = []
        for name, value in attrs.items():
            if value is False:
                continue
            shown = "" if value is True else f'="{text(str(value))}"'
            drawn.append(f" {text(name)}{shown}")
        return "".join(drawn)

    parts = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{text(str(option["value"]))}"{attributes(option["attrs"])}>'
                f"{text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts).strip()  # as Django's renderer strips a template's output
