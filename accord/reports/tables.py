"""The report's figures laid out as tables: one layout for the service dashboard, and for the
commissioner report's page, CSV, XLSX and printable page.

Each builder returns a `Draft` (accord.reports.layout) whose cells are figures, and declares the
sums its figures make (a table's rows add up to its total; a timeliness row's in time, late and
overdue add up to its due). `links` declares the sums between tables, and `commissioner_report`
writes the whole report out once, with small numbers suppressed and the figures withheld that
would give them away (accord.reports.suppression).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from accord.cases.choices import MEETING_OUTCOMES
from accord.reports import labels, layout, selectors
from accord.reports.disclosure import Figure, Relation
from accord.reports.layout import Days, Draft, Score, Share, Table
from accord.reports.scope import Period, Scope
from accord.reports.selectors.outcome_counts import AGREED

RECEIVED = ("received",)


def _grouped(
    key: str, title: str, rows: list[dict[str, Any]], label: Callable[[str], str]
) -> Draft:
    """Enquiries received by one of their fields; the rows add up to the enquiries received."""
    parts = [Figure(("received", key, str(r["value"])), int(r["count"])) for r in rows]
    total = Figure(RECEIVED, sum(f.value for f in parts))
    table = Draft(key, title, ["", "Cases", "Share"])
    for r, n in zip(rows, parts, strict=True):
        table.rows.append([label(str(r["value"])), n, Share((n,), (total,))])
    table.rows.append(["Total", total, ""])
    table.relations.append(Relation(tuple(parts), (total,)))
    return table


def volumes(scope: Scope, period: Period) -> list[Draft]:
    return [
        _grouped(
            "route",
            "Enquiries received, by route",
            selectors.received_by(scope, period, "route"),
            labels.route_label,
        ),
        _grouped(
            "decision",
            "Enquiries received, by the decision or disagreement",
            selectors.received_by(scope, period, "decision_kind"),
            labels.decision_label,
        ),
        _grouped(
            "channel",
            "Enquiries received, by how people came to us",
            selectors.received_by(scope, period, "channel"),
            labels.channel_label,
        ),
    ]


def outcomes(scope: Scope, period: Period) -> Draft:
    result = selectors.outcomes(scope, period)
    table = Draft(
        "outcomes",
        "Outcomes reached",
        ["Outcome", "Cases"],
        note="The agreement rate is full or partial agreement out of the meetings that reached "
        "an outcome (full, partial or no agreement).",
    )
    figures = {value: Figure(("outcome", value), n) for value, n in result.counts.items()}
    for value, _count in sorted(result.counts.items(), key=lambda item: -item[1]):
        table.rows.append([labels.outcome_label(value), figures[value]])
    agreed = tuple(figures[o] for o in AGREED if o in figures)
    meetings = tuple(figures[o] for o in sorted(MEETING_OUTCOMES) if o in figures)
    table.rows.append(["Agreement rate", Share(agreed, meetings)])
    return table


def timeliness(scope: Scope, period: Period, today: date) -> Draft:
    table = Draft(
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
        due, in_time, late, overdue, running = (
            Figure(("clock", t.clock, what), n)
            for what, n in (
                ("due", t.due),
                ("in_time", t.in_time),
                ("late", t.late),
                ("overdue", t.overdue),
                ("running", t.running),
            )
        )
        table.rows.append(
            [
                labels.clock_label(t.clock),
                due,
                in_time,
                late,
                overdue,
                Share((in_time,), (due,)),
                running,
            ]
        )
        table.relations.append(Relation((in_time, late, overdue), (due,)))
    return table


def time_taken(scope: Scope, period: Period) -> Draft:
    table = Draft(
        "time_taken",
        "Time taken from the enquiry",
        ["From the enquiry to", "Cases", "Median", "90th percentile"],
    )
    for key, what, result in (
        (
            "information",
            "Information and advice (first call held)",
            selectors.enquiry_to_information,
        ),
        ("meeting", "The meeting (day it concluded)", selectors.enquiry_to_meeting),
    ):
        taken = result(scope, period)
        cases = Figure(("time_taken", key, "cases"), taken.cases)
        table.rows.append(
            [what, cases, Days(taken.median_days, cases), Days(taken.p90_days, cases)]
        )
    return table


def certificates_and_meetings(scope: Scope, period: Period) -> list[Draft]:
    certificates = Draft("certificates", "Mediation certificates issued", ["Kind", "Certificates"])
    for r in selectors.certificates_issued(scope, period):
        kind = str(r["value"])
        certificates.rows.append(
            [labels.certificate_label(kind), Figure(("certificates", kind), int(r["count"]))]
        )
    meetings = Draft("meetings", "Meetings held, by kind and format", ["Meeting", "Meetings"])
    for r in selectors.meetings_by_format(scope, period):
        kind, how = str(r["kind"]), str(r["format"])
        meetings.rows.append(
            [labels.meeting_label(kind, how), Figure(("meetings", kind, how), int(r["count"]))]
        )
    return [certificates, meetings]


def appeals(scope: Scope, period: Period) -> Draft:
    result = selectors.appeals(scope, period)
    table = Draft(
        "appeals",
        "Appeals to the tribunal known to the service",
        ["", "Cases"],
        note="Only appeals the service has been told of are counted.",
    )
    for key, label in (
        ("lodged", "Appeals registered by the tribunal in the period"),
        ("mediations_held", "Mediations held in the period"),
        ("followed_by_appeal", "…of which followed by an appeal"),
    ):
        table.rows.append([label, Figure(("appeals", key), result[key])])
    return table


def feedback(scope: Scope, period: Period) -> Draft | None:
    scores = selectors.feedback_scores(scope, period)
    if scores is None:
        return None
    table = Draft(
        "feedback",
        "Feedback scores (1 to 5, 5 is best)",
        ["Who answered", "Responses", "Satisfied", "Felt listened to", "Would recommend"],
    )
    for row in scores:
        responses = Figure(("feedback", row.respondent_role, "responses"), row.responses)
        table.rows.append(
            [
                labels.role_label(row.respondent_role),
                responses,
                *[
                    Score(value, responses)
                    for value in (row.satisfied, row.listened_to, row.would_recommend)
                ],
            ]
        )
    return table


def complaints(scope: Scope, period: Period, today: date) -> Draft:
    """Complaints about the service: the answers in time and late add up to the answers, and
    so do the outcomes."""
    counts = selectors.complaint_counts(scope, period, today)
    table = Draft(
        "complaints",
        "Complaints about the service",
        ["", "Complaints"],
        note="Answered in time: by the number of working days the service sets itself.",
    )
    answered = Figure(("complaints", "answered"), counts.answered)
    in_time = Figure(("complaints", "answered_in_time"), counts.answered_in_time)
    late = Figure(("complaints", "answered_late"), counts.answered_late)
    table.rows.append(
        ["Received in the period", Figure(("complaints", "received"), counts.received)]
    )
    table.rows.append(["Answered in the period", answered])
    table.rows.append(["…of which in time", in_time])
    table.rows.append(["…of which late", late])
    outcomes = [
        Figure(("complaints", "outcome", outcome), n)
        for outcome, n in sorted(counts.by_outcome.items())
    ]
    for outcome, figure in zip(sorted(counts.by_outcome), outcomes, strict=True):
        table.rows.append([f"Answered: {labels.complaint_outcome_label(outcome)}", figure])
    table.rows.append(
        ["Not answered and past the date due", Figure(("complaints", "overdue"), counts.overdue)]
    )
    table.relations.append(Relation((in_time, late), (answered,)))
    if outcomes:
        table.relations.append(Relation(tuple(outcomes), (answered,)))
    return table


def by_month(scope: Scope, period: Period, today: date) -> Draft:
    table = Draft(
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
        month = f"{m.month:%Y-%m}"
        due = Figure(("month", month, "clocks_due"), m.clocks_due)
        in_time = Figure(("month", month, "clocks_in_time"), m.clocks_in_time)
        table.rows.append(
            [
                f"{m.month:%B %Y}",
                *(
                    Figure(("month", month, what), n)
                    for what, n in (
                        ("enquiries", m.enquiries),
                        ("agreed", m.agreed),
                        ("not_agreed", m.not_agreed),
                        ("other_outcomes", m.other_outcomes),
                    )
                ),
                due,
                Share((in_time,), (due,)),
            ]
        )
        # The clocks not met in time are never shown, but the percentage in time and the clocks
        # due give them away, so they are a figure of the sum too.
        late = Figure(("month", month, "clocks_not_in_time"), m.clocks_due - m.clocks_in_time)
        table.relations.append(Relation((in_time, late), (due,)))
    return table


def links(drafts: Iterable[Draft]) -> list[Relation]:
    """The sums between tables that a reader can check: the months add up to the period
    (accord.reports.selectors.monthly counts each figure as the period's own figure counts it).
    """
    figures = {f.key: f for draft in drafts for f in draft.figures()}

    def months(what: str) -> tuple[Figure, ...]:
        return tuple(f for k, f in figures.items() if k[0] == "month" and k[2] == what)

    def outcome_figures(wanted: Callable[[str], bool]) -> tuple[Figure, ...]:
        return tuple(f for k, f in figures.items() if k[0] == "outcome" and wanted(k[1]))

    def clocks(what: str) -> tuple[Figure, ...]:
        return tuple(f for k, f in figures.items() if k[0] == "clock" and k[2] == what)

    sums = [
        (months("agreed"), outcome_figures(lambda o: o in AGREED)),
        (
            months("not_agreed"),
            outcome_figures(lambda o: o not in AGREED and o in MEETING_OUTCOMES),
        ),
        (months("other_outcomes"), outcome_figures(lambda o: o not in MEETING_OUTCOMES)),
        (months("clocks_due"), clocks("due")),
        (months("clocks_in_time"), clocks("in_time")),
    ]
    if RECEIVED in figures:
        sums.append((months("enquiries"), (figures[RECEIVED],)))
    return [Relation(parts, whole) for parts, whole in sums if parts or whole]


def commissioner_drafts(scope: Scope, period: Period, today: date) -> list[Draft]:
    """Every table of the commissioner report, in the order a reader expects them."""
    drafts = [
        *volumes(scope, period),
        outcomes(scope, period),
        timeliness(scope, period, today),
        time_taken(scope, period),
        *certificates_and_meetings(scope, period),
        appeals(scope, period),
        complaints(scope, period, today),
    ]
    scores = feedback(scope, period)
    if scores is not None:
        drafts.append(scores)
    drafts.append(by_month(scope, period, today))
    return drafts


def commissioner_report(scope: Scope, period: Period, today: date) -> list[Table]:
    """The commissioner report as the page and every export show it: with small numbers
    suppressed whenever the scope is aggregates only (every report for one body, whoever asks:
    accord.reports.scope)."""
    drafts = commissioner_drafts(scope, period, today)
    if not scope.aggregates_only:
        return [layout.shown_as_is(draft) for draft in drafts]
    return layout.suppressed(drafts, links(drafts))
