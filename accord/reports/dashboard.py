"""The service dashboard's figures, gathered for the page (service managers only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from accord.cases.choices import Route
from accord.cases.states import CaseState
from accord.reports import charts, labels, selectors, suppression, tables
from accord.reports.layout import Table, shown_as_is
from accord.reports.scope import Period, Scope


def open_cases_table(scope: Scope) -> Table:
    """Open cases now: a row per state, a column per route (stored values, so a new route
    gets its own column)."""
    rows = selectors.open_by_state_and_route(scope)
    routes = sorted({r["route"] for r in rows}, key=_route_order)
    table = Table(
        "open_cases",
        "Open cases now, by stage and route",
        ["Stage", *[labels.route_label(r) for r in routes], "Total"],
    )
    counts = {(r["state"], r["route"]): r["count"] for r in rows}
    states = [s.value for s in CaseState if s != CaseState.CLOSED]
    states += sorted({r["state"] for r in rows} - set(states))
    for state in states:
        line = [counts.get((state, route), 0) for route in routes]
        if any(line):
            table.rows.append([labels.state_label(state), *[str(n) for n in line], str(sum(line))])
    totals = [sum(counts.get((s, route), 0) for s in states) for route in routes]
    table.rows.append(["Total", *[str(n) for n in totals], str(sum(totals))])
    return table


def _route_order(value: str) -> tuple[int, str]:
    order = [r.value for r in Route]
    return (order.index(value) if value in order else len(order), value)


def per_body_table(scope: Scope, period: Period) -> Table:
    table = Table(
        "per_la",
        "Cases per local authority",
        ["Local authority", "Enquiries in the period", "Open now"],
    )
    for r in selectors.cases_per_body(scope, period):
        table.rows.append([r["name"], str(r["received"]), str(r["open"])])
    return table


@dataclass(frozen=True)
class Chart:
    svg: Any
    table: Table


def month_charts(scope: Scope, period: Period, today: date) -> list[Chart]:
    months = selectors.by_month(scope, period, today)
    names = [f"{m.month:%b %y}" for m in months]
    span = f"{months[0].month:%B %Y} to {months[-1].month:%B %Y}" if months else ""
    trend = charts.bar_chart(
        "chart-trend",
        "Enquiries and outcomes by month",
        f"Bar chart of enquiries received and outcomes reached each month, {span}. "
        "The same figures are in the table below the chart.",
        names,
        [
            charts.Series("Enquiries", [m.enquiries for m in months]),
            charts.Series("Full or partial agreement", [m.agreed for m in months]),
            charts.Series("No agreement", [m.not_agreed for m in months]),
        ],
    )
    trend_table = Table(
        "trend",
        "Enquiries and outcomes by month",
        ["Month", "Enquiries", "Full or partial agreement", "No agreement", "Other outcomes"],
        [
            [
                f"{m.month:%B %Y}",
                str(m.enquiries),
                str(m.agreed),
                str(m.not_agreed),
                str(m.other_outcomes),
            ]
            for m in months
        ],
    )
    timely = charts.bar_chart(
        "chart-timeliness",
        "Statutory clocks met in time, by month",
        f"Bar chart of the percentage of statutory clocks due each month that were met in time, "
        f"{span}. The same figures are in the table below the chart.",
        names,
        [charts.Series("In time (%)", [m.in_time_rate for m in months])],
        maximum=100,
        unit="%",
    )
    timely_table = Table(
        "timeliness_by_month",
        "Statutory clocks met in time, by month",
        ["Month", "Clocks due", "In time", "In time (%)"],
        [
            [
                f"{m.month:%B %Y}",
                str(m.clocks_due),
                str(m.clocks_in_time),
                suppression.plain_percentage(m.clocks_in_time, m.clocks_due),
            ]
            for m in months
        ],
    )
    return [Chart(trend, trend_table), Chart(timely, timely_table)]


def service_dashboard(scope: Scope, period: Period, today: date) -> dict[str, Any]:
    outcome_counts = selectors.outcomes(scope, period)
    late = selectors.late_clocks(scope, period, today)
    feedback = tables.feedback(scope, period)
    return {
        "open_cases": open_cases_table(scope),
        "per_la": per_body_table(scope, period),
        "volumes": [shown_as_is(t) for t in tables.volumes(scope, period)[:2]],
        "outcomes": shown_as_is(tables.outcomes(scope, period)),
        "agreement_rate": outcome_counts.agreement_rate,
        "meetings_with_outcome": outcome_counts.meetings,
        "timeliness": shown_as_is(tables.timeliness(scope, period, today)),
        "late": [(row, labels.clock_label(row.clock)) for row in late],
        "late_limit_reached": len(late) >= 200,
        "time_taken": shown_as_is(tables.time_taken(scope, period)),
        "appeals": shown_as_is(tables.appeals(scope, period)),
        "complaints": shown_as_is(tables.complaints(scope, period, today)),
        "feedback": None if feedback is None else shown_as_is(feedback),
        "documents": [shown_as_is(t) for t in tables.certificates_and_meetings(scope, period)],
        "charts": month_charts(scope, period, today),
    }
