"""The kit draws a select in Python (accord.govuk.renderers): its markup must be Django's own,
character for character, whatever the select holds."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from accord.govuk.forms import GovukForm
from accord.govuk.renderers import FAST_SELECT, GovukFormRenderer

GROUPED = [
    ("", "All"),
    ("Councils", [("1", "Kent & Medway"), ("2", 'The "other" <council>')]),
    ("3", gettext_lazy("Lazy label")),
    (4, 5),
    ("6", mark_safe("<b>Safe</b>")),
]


class Everything(GovukForm):
    plain = forms.ChoiceField(choices=[("a", "A"), ("b", "B <b>")], required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y"), ("z", "Z")], widget=forms.SelectMultiple, required=False
    )
    yes_no = forms.NullBooleanField(required=False)
    extra = forms.ChoiceField(
        choices=[("a", "A")],
        widget=forms.Select(attrs={"data-module": "x", "disabled": True, "hidden": False}),
        required=False,
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"plain": "b", "grouped": "2", "many": ["x", "z"], "yes_no": "true", "extra": "a"},
        {"plain": "nope", "grouped": "4", "many": ["y"], "yes_no": "false"},
        {"grouped": "6"},
    ],
)
@pytest.mark.parametrize("name", ["plain", "grouped", "many", "yes_no", "extra"])
def test_a_select_is_drawn_as_djangos_own_template_draws_it(data, name):
    ours = Everything(data)
    assert ours[name].field.widget.template_name == FAST_SELECT
    assert isinstance(ours.renderer, GovukFormRenderer)
    drawn = ours[name].as_widget()

    django = Everything(data, renderer=DjangoTemplates())
    widget = django[name].field.widget
    widget.template_name = "django/forms/widgets/select.html"  # Django's, two includes per option
    expected = django[name].as_widget()
    # The kit's template (the fallback for another renderer) draws it the same way too.
    widget.template_name = FAST_SELECT
    assert django[name].as_widget() == expected
    assert drawn == expected
    assert "<option" in drawn
