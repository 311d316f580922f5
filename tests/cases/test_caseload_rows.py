"""The caseload's rows are drawn in Python (accord.cases.caseload_rows): each must be the row the
template drew before, cell for cell, with every value escaped."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.template import Context, Template

from accord.cases.caseload_rows import CaseloadRow, case_url, caseload_row, drawn

# The row as the caseload template drew it until it was drawn in Python: the reference.
TEMPLATE_ROW = Template(
    """{% for row in rows %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link accord-nowrap" href="{{ row.url }}">{{ row.reference }}</a></td>
      <td class="govuk-table__cell">{{ row.child }}</td>
      <td class="govuk-table__cell">{{ row.local_authority }}</td>
      <td class="govuk-table__cell">{{ row.stage }}{% if row.closed_but_followed_up %}: agreed actions still to be done{% endif %}{% if row.route %}<br><span class="govuk-body-s">{{ row.route }}</span>{% endif %}</td>
      <td class="govuk-table__cell govuk-body-s">{% for line in row.assigned %}{% if not forloop.first %}<br>{% endif %}{{ line }}{% empty %}No one yet{% endfor %}</td>
      <td class="govuk-table__cell accord-nowrap">{% if row.next_deadline_on %}{{ row.next_deadline_on|date:"D j M Y" }}{% else %}—{% endif %}</td>
      <td class="govuk-table__cell">{% if row.tag_class %}<strong class="govuk-tag {{ row.tag_class }}">{{ row.tag_label }}</strong>{% else %}{{ row.tag_label }}{% endif %}</td>
      {% if confidential %}<td class="govuk-table__cell govuk-body-s">{% if row.open_concern %}<strong class="govuk-tag govuk-tag--red accord-open-concern">Safeguarding concern open</strong><br>{% endif %}{% if row.risk_level %}Risk: {{ row.risk_level }}{% else %}Risk not assessed{% endif %}</td>{% endif %}
    </tr>{% endfor %}"""  # noqa: E501
)

FULL = CaseloadRow(
    url="/cases/ACC-2026-0001/",
    reference="ACC-2026-0001",
    child="Sam O'Neill",
    local_authority="Leeds & Bradford",
    stage="Mediation arranged",
    closed_but_followed_up=False,
    route="Mediation",
    assigned=["Ann Lee (coordinator)", "Bo <b>Ray</b> (mediator)"],
    next_deadline_on=date(2026, 12, 4),
    tag_class="accord-tag--due-soon",
    tag_label="Due soon",
    open_concern=True,
    risk_level="high",
)
ROWS = [
    FULL,
    dataclasses.replace(
        FULL,
        child='<script>alert("x")</script>',
        stage="Closed",
        closed_but_followed_up=True,
        route="",
        assigned=[],
        next_deadline_on=None,
        tag_class="",
        tag_label="No deadline running",
        open_concern=False,
        risk_level="",
    ),
    dataclasses.replace(FULL, assigned=["Only One (adviser)"], open_concern=False),
]


def squeezed(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


@pytest.mark.parametrize("confidential", [True, False])
@pytest.mark.parametrize("row", ROWS, ids=["full", "bare-and-hostile", "one-person"])
def test_a_row_drawn_in_python_is_the_row_the_template_drew(row, confidential):
    expected = TEMPLATE_ROW.render(Context({"rows": [row], "confidential": confidential}))
    [html] = drawn([row], confidential)
    assert squeezed(html) == squeezed(expected)


def test_every_value_is_escaped_and_the_safeguarding_cell_is_only_for_confidential_readers():
    hostile = ROWS[1]
    html = hostile.html(confidential=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>" not in FULL.html(confidential=True)
    assert "Risk not assessed" in html
    assert "Safeguarding" not in FULL.html(confidential=False)
    assert "Risk:" not in FULL.html(confidential=False)
    assert FULL.html(confidential=True).count("<td") == 8
    assert FULL.html(confidential=False).count("<td") == 7


@pytest.mark.django_db
def test_a_row_is_built_from_the_case_values_with_the_names_of_the_people_assigned():
    values = {
        "reference": "ACC-2026-0042",
        "child__first_name": "Ria",
        "child__last_name": "",
        "local_authority__name": "Kent",
        "state": "closed",
        "still_followed_up": True,
        "route": "",
        "coordinator_id": 7,
        "adviser_id": None,
        "mediator_id": 9,
        "next_deadline_on": date(2026, 11, 30),
        "risk_level": "",
    }
    row = caseload_row(values, date(2026, 12, 2), case_url(), {7: "Ann Lee", 9: "bo@example.org"})
    assert row.url == "/cases/ACC-2026-0042/"
    assert row.child == "Ria"
    assert row.stage == "Closed"
    assert row.closed_but_followed_up is True
    assert row.assigned == ["Ann Lee (coordinator)", "bo@example.org (mediator)"]
    assert row.tag_class == "accord-tag--overdue"
    assert row.open_concern is False
    assert row.risk_level == ""


def test_every_day_of_a_leap_year_is_drawn_as_the_template_draws_it():
    from datetime import timedelta

    from django.utils.dateformat import format as format_date

    from accord.cases.caseload_rows import _day

    days = [date(2028, 1, 1) + timedelta(days=n) for n in range(366)]
    assert [_day(d) for d in days] == [format_date(d, "D j M Y") for d in days]
    assert _day(date(2026, 12, 4)) == "Fri 4 Dec 2026"
