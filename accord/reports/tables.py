"""The report's figures laid out as tables: one layout for the page, the CSV, the XLSX and the
printable page. A `Formatter` decides how each figure is shown: as it is for the service's own
staff, or with small numbers suppressed for commissioners (accord.reports.suppression)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from accord.reports import labels, selectors, suppression
from accord.reports.feedback import feedback_scores
from accord.reports.scope import Period, Scope


@dataclass(frozen=True)
class Formatter:
    count: Callable[[int], str]
    percentage: Callable[[int, int], str]
    days: Callable[[int | None, int], str]


STAFF = Formatter(
    count=str,
    percentage=suppression.plain_percentage,
    days=lambda value, _cases: suppression.plain_days(value),
)
COMMISSIONER = Formatter(
    count=suppression.count, percentage=suppression.percentage, days=suppression.days
)


def formatter_for(scope: Scope) -> Formatter:
    return COMMISSIONER if scope.aggregates_only else STAFF


@dataclass
class Table:
    key: str
    title: str
    headings: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def _grouped(
    key: str, title: str, rows: list[dict[str, object]], label: Callable[[str], str], f: Formatter
) -> Table:
    total = sum(int(str(r["count"])) for r in rows)
    table = Table(key, title, ["", "Cases", "Share"])
    for r in rows:
        n = int(str(r["count"]))
        table.rows.append([label(str(r["value"])), f.count(n), f.percentage(n, total)])
    table.rows.append(["Total", f.count(total), ""])
    return table


def volumes(scope: Scope, period: Period, f: Formatter) -> list[Table]:
    return [
        _grouped(
            "route",
            "Enquiries received, by route",
            selectors.received_by(scope, period, "route"),
            labels.route_label,
            f,
        ),
        _grouped(
            "decision",
            "Enquiries received, by the decision or disagreement",
            selectors.received_by(scope, period, "decision_kind"),
            labels.decision_label,
            f,
        ),
        _grouped(
            "channel",
            "Enquiries received, by how people came to us",
            selectors.received_by(scope, period, "channel"),
            labels.channel_label,
            f,
        ),
    ]


def outcomes(scope: Scope, period: Period, f: Formatter) -> Table:
    result = selectors.outcomes(scope, period)
    table = Table(
        "outcomes",
        "Outcomes reached",
        ["Outcome", "Cases"],
        note="The agreement rate is full or partial agreement out of the meetings that reached "
        "an outcome (full, partial or no agreement).",
    )
    for value, n in sorted(result.counts.items(), key=lambda item: -item[1]):
        table.rows.append([labels.outcome_label(value), f.count(n)])
    table.rows.append(["Agreement rate", f.percentage(result.agreed, result.meetings)])
    return table


def timeliness(scope: Scope, period: Period, today: date, f: Formatter) -> Table:
    table = Table(
        "timeliness",
        "Timeliness against the statutory clocks (clocks due in the period)",
        ["Clock", "Due", "In time", "Late", "Overdue, not done", "In time (%)", "Still running"],
        note="Due dates come from the statutory rules (SEND Regulations 2014 regs 34–42). "
        "Notice given late counts as in time when the family agreed to shorter notice.",
    )
    rows = sorted(
        selectors.timeliness(scope, period, today), key=lambda t: labels.clock_sort_key(t.clock)
    )
    for t in rows:
        table.rows.append(
            [
                labels.clock_label(t.clock),
                f.count(t.due),
                f.count(t.in_time),
                f.count(t.late),
                f.count(t.overdue),
                f.percentage(t.in_time, t.due),
                f.count(t.running),
            ]
        )
    return table


def time_taken(scope: Scope, period: Period, f: Formatter) -> Table:
    table = Table(
        "time_taken",
        "Time taken from the enquiry",
        ["From the enquiry to", "Cases", "Median", "90th percentile"],
    )
    for what, result in (
        ("Information and advice (first call held)", selectors.enquiry_to_information),
        ("The meeting (day it concluded)", selectors.enquiry_to_meeting),
    ):
        taken = result(scope, period)
        table.rows.append(
            [
                what,
                f.count(taken.cases),
                f.days(taken.median_days, taken.cases),
                f.days(taken.p90_days, taken.cases),
            ]
        )
    return table


def certificates_and_meetings(scope: Scope, period: Period, f: Formatter) -> list[Table]:
    certificates = Table("certificates", "Mediation certificates issued", ["Kind", "Certificates"])
    for r in selectors.certificates_issued(scope, period):
        certificates.rows.append([labels.certificate_label(str(r["value"])), f.count(r["count"])])
    meetings = Table("meetings", "Meetings held, by kind and format", ["Meeting", "Meetings"])
    for r in selectors.meetings_by_format(scope, period):
        meetings.rows.append(
            [labels.meeting_label(str(r["kind"]), str(r["format"])), f.count(r["count"])]
        )
    return [certificates, meetings]


def appeals(scope: Scope, period: Period, f: Formatter) -> Table:
    result = selectors.appeals(scope, period)
    table = Table(
        "appeals",
        "Appeals to the tribunal known to the service",
        ["", "Cases"],
        note="Only appeals the service has been told of are counted.",
    )
    table.rows.append(["Appeals lodged in the period", f.count(result["lodged"])])
    table.rows.append(["Mediations held in the period", f.count(result["mediations_held"])])
    table.rows.append(["…of which followed by an appeal", f.count(result["followed_by_appeal"])])
    return table


def feedback(scope: Scope, period: Period, f: Formatter) -> Table | None:

    scores = feedback_scores(scope, period)
    if scores is None:
        return None
    table = Table(
        "feedback",
        "Feedback scores (1 to 5, 5 is best)",
        ["Who answered", "Responses", "Satisfied", "Felt listened to", "Would recommend"],
    )
    for row in scores:
        few = f.count(row.responses) == suppression.SUPPRESSED
        table.rows.append(
            [
                labels.role_label(row.respondent_role),
                f.count(row.responses),
                *[
                    suppression.NOT_SHOWN if few else _score(value)
                    for value in (row.satisfied, row.listened_to, row.would_recommend)
                ],
            ]
        )
    return table


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def by_month(scope: Scope, period: Period, today: date, f: Formatter) -> Table:
    table = Table(
        "by_month",
        "Month by month",
        [
            "Month",
            "Enquiries",
            "Full or partial agreement",
            "No agreement",
            "Other outcomes",
            "Clocks due",
            "In time (%)",
        ],
    )
    for m in selectors.by_month(scope, period, today):
        table.rows.append(
            [
                f"{m.month:%B %Y}",
                f.count(m.enquiries),
                f.count(m.agreed),
                f.count(m.not_agreed),
                f.count(m.other_outcomes),
                f.count(m.clocks_due),
                f.percentage(m.clocks_in_time, m.clocks_due),
            ]
        )
    return table


def commissioner_report(scope: Scope, period: Period, today: date) -> list[Table]:
    """Every table of the commissioner report, in the order a reader expects them."""
    f = formatter_for(scope)
    tables = [
        *volumes(scope, period, f),
        outcomes(scope, period, f),
        timeliness(scope, period, today, f),
        time_taken(scope, period, f),
        *certificates_and_meetings(scope, period, f),
        appeals(scope, period, f),
    ]
    scores = feedback(scope, period, f)
    if scores is not None:
        tables.append(scores)
    tables.append(by_month(scope, period, today, f))
    return tables
