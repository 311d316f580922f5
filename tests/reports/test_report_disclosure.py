"""The commissioner report as its reader gets it: the page, the CSV, the spreadsheet and the
printable page show the same figures, and nothing hidden can be worked out from them.

The sums a reader can check are read from the exported tables themselves (not from the code's
own list of them), and tests/reports/reader.py looks for a hidden figure they pin down.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from accord.cases.clock_rows import store_case_clocks
from accord.organisations.roles import Role
from accord.reports import suppression, tables
from accord.reports.scope import Scope
from accord.rules import today_in_england
from tests.factories import CaseFactory
from tests.reports.fixture import YEAR_2025, build
from tests.reports.reader import Hidden, Reading

YEAR = "start=2025-01-01&end=2025-12-31"
ENQUIRIES = ("Enquiries received, by route", "Total", "Cases")
AGREEMENTS = ("Full agreement", "Partial agreement")


def busier(world) -> None:
    """Kent in 2025: 10 mediation enquiries (5 in February, 5 in March; 5 reach full agreement
    and 1 partial on 10 April, 2 no agreement on 20 May, 2 still being arranged) and 4
    disagreement resolution enquiries in May, declined (3 came by email). The route table is
    the issue's example: Mediation 10, Disagreement resolution 4, Total 14."""
    cases = []
    for n in range(10):
        received = date(2025, 2 if n < 5 else 3, 3 + n)
        fields = {"route": "mediation", "received_on": received, "state": "arranging"}
        fields["la_notified_on"] = received + timedelta(days=3)
        if n < 8:
            concluded = date(2025, 4, 10) if n < 6 else date(2025, 5, 20)
            outcome = "full" if n < 5 else "partial" if n == 5 else "none"
            fields |= {"mediation_concluded_on": concluded, "outcome": outcome}
            fields |= {"state": "closed", "closed_on": concluded + timedelta(days=10)}
        cases.append(_case(world, **fields))
    for n in range(4):
        received = date(2025, 5, 5 + n)
        cases.append(
            _case(
                world,
                route="disagreement_resolution",
                received_on=received,
                channel="email" if n < 3 else "phone",
                outcome="declined",
                state="closed",
                closed_on=date(2025, 6, 1),
            )
        )
    for case in cases:
        store_case_clocks(case)


def _case(world, **fields):
    return CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        decision_notice_sent_on=None,
        **fields,
    )


@pytest.fixture(params=["hand-counted", "busier"])
def service(request, world):
    if request.param == "hand-counted":
        build(world)
    else:
        busier(world)
    return request.param


# --- the report as each export shows it ---------------------------------------------------------


def tables_in_csv(text: str) -> dict[str, list[list[str]]]:
    """Each table of the CSV by its title: its headings, then its rows (notes left out)."""
    found: dict[str, list[list[str]]] = {}
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    for block in blocks[1:]:
        (title,), *rows = block
        found[title] = [row for row in rows if len(row) > 1 or row == rows[0]]
    return found


def tables_in_xlsx(content: bytes) -> dict[str, list[list[str]]]:
    book = load_workbook(io.BytesIO(content))
    found = {}
    for sheet in book.worksheets[1:]:
        rows = [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
        found[rows[0][0]] = [row for row in rows[1:] if any(row[1:]) or row == rows[1]]
    return found


def as_rows(report) -> dict[str, list[list[str]]]:
    return {t.title: [t.headings, *t.rows] for t in report}


def test_the_page_and_every_export_show_the_same_figures(client_for, service):
    client = client_for(Role.COMMISSIONER)
    page = as_rows(client.get(f"/reports/commissioner/?{YEAR}").context["tables"])
    printed = as_rows(client.get(f"/reports/commissioner/print/?{YEAR}").context["tables"])
    in_csv = tables_in_csv(client.get(f"/reports/commissioner/report.csv?{YEAR}").content.decode())
    in_xlsx = tables_in_xlsx(client.get(f"/reports/commissioner/report.xlsx?{YEAR}").content)
    assert page == printed == in_csv == in_xlsx
    assert any(suppression.WITHHELD in row for rows in page.values() for row in rows)


def test_the_issues_example_has_its_complement_withheld(client_for, world):
    busier(world)
    text = client_for(Role.COMMISSIONER).get(f"/reports/commissioner/report.csv?{YEAR}")
    by_route = tables_in_csv(text.content.decode())["Enquiries received, by route"]
    assert by_route[1:] == [
        ["Mediation", suppression.WITHHELD, suppression.NOT_SHOWN],
        ["Disagreement resolution", "<5", suppression.NOT_SHOWN],
        ["Total", "14", ""],
    ]


# --- what a reader of the CSV can work out ------------------------------------------------------


def test_nothing_hidden_can_be_worked_out_from_the_report(world, client_for, service):
    response = client_for(Role.COMMISSIONER).get(f"/reports/commissioner/report.csv?{YEAR}")
    shown = tables_in_csv(response.content.decode())
    unsuppressed = Scope(provider_id=world.provider.pk, local_authority=world.la)
    truth = as_rows(tables.commissioner_report(unsuppressed, YEAR_2025, today_in_england()))
    reading = reading_of(shown, truth)
    assert reading.holds(), "the sums the reader checks are true of the figures"
    assert reading.hidden, "the fixture has small numbers"
    assert reading.lines_with_one_hidden() == []
    assert reading.worked_out() == []
    assert rates_over_hidden_figures(shown, reading) == []


def reading_of(shown: dict, truth: dict) -> Reading:
    """Every count in the report, shown or hidden, and the sums a reader can check."""
    reading = Reading()
    assert shown.keys() == truth.keys()
    for title, rows in truth.items():
        headings = rows[0]
        for true_row, shown_row in zip(rows[1:], shown[title][1:], strict=True):
            assert true_row[0] == shown_row[0]
            for heading, value, text in zip(headings, true_row, shown_row, strict=True):
                if value.isdigit():
                    _count(reading, (title, true_row[0], heading), int(value), text)
    _sums_within_tables(reading, truth)
    _sums_between_tables(reading, shown, truth)
    return reading


def _count(reading: Reading, key, value: int, text: str) -> None:
    if text == "<5":
        assert suppression.is_small(value)
        reading.hidden[key] = Hidden(value, 1, 4)
    elif text == suppression.WITHHELD:
        reading.hidden[key] = Hidden(value, 5 if value >= 5 else 1, None)
    else:
        assert text == str(value) and not suppression.is_small(value), key
        reading.known[key] = value


def _rows(truth: dict, title: str) -> list[str]:
    return [row[0] for row in truth[title][1:]]


def _sums_within_tables(reading: Reading, truth: dict) -> None:
    for title in truth:
        if title.startswith("Enquiries received"):
            labels = [label for label in _rows(truth, title) if label != "Total"]
            reading.add_sum(
                [(title, label, "Cases") for label in labels], [(title, "Total", "Cases")]
            )
            if title != ENQUIRIES[0]:
                reading.add_sum([(title, "Total", "Cases")], [ENQUIRIES])
    timeliness = next(t for t in truth if t.startswith("Timeliness"))
    for clock in _rows(truth, timeliness):
        reading.add_sum(
            [(timeliness, clock, h) for h in ("In time", "Late", "Overdue, not done")],
            [(timeliness, clock, "Due")],
        )


def _sums_between_tables(reading: Reading, shown: dict, truth: dict) -> None:
    """The months add up to the period: enquiries, outcomes and clocks due; and the clocks met
    in time, which a month's percentage and clocks due give away."""
    months, outcomes = _rows(truth, "Month by month"), _rows(truth, "Outcomes reached")
    outcomes = [o for o in outcomes if o != "Agreement rate"]
    timeliness = next(t for t in truth if t.startswith("Timeliness"))
    clocks = _rows(truth, timeliness)

    def column(what: str) -> list:
        return [("Month by month", month, what) for month in months]

    def outcome_rows(chosen: list[str]) -> list:
        return [("Outcomes reached", o, "Cases") for o in outcomes if o in chosen]

    reading.add_sum(column("Enquiries"), [ENQUIRIES])
    reading.add_sum(column("Full or partial agreement"), outcome_rows(list(AGREEMENTS)))
    reading.add_sum(column("No agreement"), outcome_rows(["No agreement"]))
    others = [o for o in outcomes if o not in (*AGREEMENTS, "No agreement")]
    reading.add_sum(column("Other outcomes"), outcome_rows(others))
    reading.add_sum(column("Clocks due"), [(timeliness, clock, "Due") for clock in clocks])
    for month, true_row, shown_row in zip(
        months, truth["Month by month"][1:], shown["Month by month"][1:], strict=True
    ):
        due, percent, shown_percent = int(true_row[5]), true_row[6], shown_row[6]
        in_time = round(float(percent.rstrip("%")) * due / 100) if due else 0
        in_time_key, late_key = ("month in time", month), ("month not in time", month)
        if shown_percent.endswith("%"):
            reading.known[in_time_key] = in_time
        else:
            reading.hidden[in_time_key] = Hidden(in_time, 0, None, suppression.is_small(in_time))
        # Never shown: what is left of the clocks due.
        late = due - in_time
        reading.hidden[late_key] = Hidden(late, 0, None, suppression.is_small(late))
        reading.add_sum([in_time_key, late_key], [("Month by month", month, "Clocks due")])
    reading.add_sum(
        [("month in time", month) for month in months],
        [(timeliness, clock, "In time") for clock in clocks],
    )


def rates_over_hidden_figures(shown: dict, reading: Reading) -> list:
    """Percentages, times and scores shown over a hidden count, which would give it back."""
    found = []

    def check(title: str, label: str, heading: str, over: list) -> None:
        rows = shown[title]
        text = rows[[row[0] for row in rows].index(label)][rows[0].index(heading)]
        if text not in (suppression.NOT_SHOWN, "–", "") and any(k in reading.hidden for k in over):
            found.append((title, label, heading, text))

    for title, rows in shown.items():
        for row in rows[1:]:
            label = row[0]
            if "Share" in rows[0]:
                check(title, label, "Share", [(title, label, "Cases"), (title, "Total", "Cases")])
            if "In time (%)" in rows[0] and title != "Month by month":
                check(
                    title, label, "In time (%)", [(title, label, "Due"), (title, label, "In time")]
                )
            for heading in ("Median", "90th percentile"):
                if heading in rows[0]:
                    check(title, label, heading, [(title, label, "Cases")])
    outcomes = [row[0] for row in shown["Outcomes reached"][1:]]
    meetings = [
        ("Outcomes reached", o, "Cases") for o in (*AGREEMENTS, "No agreement") if o in outcomes
    ]
    check("Outcomes reached", "Agreement rate", "Cases", meetings)
    return found


def test_every_sum_the_report_declares_holds(world, service):
    """withhold leaves out a sum that does not hold (figures read a moment apart), so a sum
    declared wrongly would quietly protect nothing: each must hold on real figures."""
    kent = Scope(provider_id=world.provider.pk, local_authority=world.la, aggregates_only=True)
    drafts = tables.commissioner_drafts(kent, YEAR_2025, today_in_england())
    declared = [r for draft in drafts for r in draft.relations] + tables.links(drafts)
    assert len(tables.links(drafts)) == 6
    assert [r for r in declared if not r.holds()] == []
