"""The report figures, each computed by the database (aggregations), never by loading cases.

Every public function takes a `Scope` (whose cases) and usually a `Period`, returns plain data
(already evaluated, so its queries run on the report database: see accord.reports.routing), and
groups by the stored values, so a new category (a new meeting format, a new outcome) appears in
the figures without a change here ("report categories can grow", product.md).

One module per report: `volumes` (open cases by state and route, cases per body, enquiries
received by), `outcome_counts` (outcomes and the agreement rate), `clocks` (timeliness and the late
clocks), `time_taken` (enquiry to information, to the meeting), `national` (appeals in the
commissioner report), `sen2` (the person-level SEN2 return: `selectors.sen2.person_rows`),
`complaints` (complaints about the service), `activity` (certificates issued, meetings by
format) and `monthly` (the charts); `shared` holds the period filter and the percentage.
Callers read the figures from this package (`selectors.outcomes(scope, period)`); the modules
are named apart from the functions they hold, so each name here means one thing.

Most figures are read from the summary tables (`kept`, accord.reports.summary): the functions
of the same name in the modules above are their definition, aggregated fresh from the cases,
and the tests hold every kept figure equal to its fresh one.
"""

from accord.reports.selectors import sen2
from accord.reports.selectors.clocks import LateClock, Timeliness, late_clocks
from accord.reports.selectors.complaints import ComplaintCounts, complaint_counts
from accord.reports.selectors.kept import (
    appeals,
    by_month,
    cases_per_body,
    certificates_issued,
    enquiry_to_information,
    enquiry_to_meeting,
    feedback_scores,
    meetings_by_format,
    open_by_state_and_route,
    outcomes,
    received_by,
    timeliness,
)
from accord.reports.selectors.monthly import Month
from accord.reports.selectors.outcome_counts import Outcomes
from accord.reports.selectors.time_taken import TimeTaken

__all__ = [
    "ComplaintCounts",
    "LateClock",
    "Month",
    "Outcomes",
    "TimeTaken",
    "Timeliness",
    "appeals",
    "by_month",
    "cases_per_body",
    "certificates_issued",
    "complaint_counts",
    "enquiry_to_information",
    "enquiry_to_meeting",
    "feedback_scores",
    "late_clocks",
    "meetings_by_format",
    "open_by_state_and_route",
    "outcomes",
    "received_by",
    "sen2",
    "timeliness",
]
