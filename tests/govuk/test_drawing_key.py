"""A form's drawing key (accord.govuk.forms.drawing_key) changes with everything its markup
shows — a value, a choice, a message — and with nothing else."""

from __future__ import annotations

import pytest
from django import forms

from accord.govuk.forms import GovukForm, drawing_key


class Filter(GovukForm):
    q = forms.CharField(label="Search", required=False)
    council = forms.ChoiceField(label="Council", required=False)
    due = forms.ChoiceField(label="Deadline", choices=[("", "Any"), ("now", "Due now")])

    def __init__(self, *args, councils=(("1", "Kent"),), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [("", "All"), *councils]


def key(data=None, **kwargs) -> str:
    return drawing_key(Filter(data, **kwargs))


def test_the_same_values_and_choices_give_the_same_key():
    assert key({"q": "smith", "due": "now"}) == key({"q": "smith", "due": "now"})
    assert key() == key()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"q": "smith", "due": "now"}, {"q": "smyth", "due": "now"}),  # a value
        ({"due": "now"}, {"due": ""}),  # a value, and a message (Deadline is required)
        ({"due": "now", "council": "1"}, {"due": "now", "council": ""}),
        ({"due": "now", "council": "9"}, {"due": "now", "council": "8"}),  # two messages
    ],
)
def test_a_different_value_or_message_gives_another_key(first, second):
    assert key(first) != key(second)


def test_a_different_choice_gives_another_key():
    assert key({"due": "now"}) != key({"due": "now"}, councils=(("1", "Kent"), ("2", "Medway")))
    assert key({"due": "now"}) != key({"due": "now"}, councils=(("1", "Kent County"),))


def test_an_unbound_form_and_a_bound_one_differ():
    assert key() != key({"due": ""})


def test_a_model_choice_field_is_refused(db):
    from accord.organisations.models import LocalAuthority

    class WithModel(GovukForm):
        council = forms.ModelChoiceField(queryset=LocalAuthority.objects.all())

    with pytest.raises(TypeError, match="council"):
        drawing_key(WithModel())
