"""A small service whose every figure was counted by hand (the expected values in the tests).

Period: calendar year 2025; "today" is 15 January 2026. Kent is `world.la`, Medway
`world.other_la`. Cases (provider KM unless said):

  A Kent  mediation  received 3 Feb   LA told 10 Feb  meeting 10 Mar  full     closed
  B Kent  mediation  received 3 Mar   LA told 5 Mar   meeting 15 Apr  partial  closed  appeal 1 May
  C Kent  mediation  received 1 Apr   LA told 2 Apr   meeting 30 Apr  none  follow-up  appeal 1 Jun
  D Medway mediation received 5 May   withdrawn, closed 1 Jun
  E Kent  DR         received 2 Jun   declined, closed 20 Jun
  F Kent  mediation  received 1 Jul   LA told 2 Jul   no meeting yet (arranging)
  G Kent  no route   received 1 Dec   enquiry
  H Kent  mediation  received 1 Nov 2024, meeting 1 Dec 2024 full, closed (outside the period)
  I Medway mediation received 1 Sep   LA told 3 Sep   meeting 1 Oct   full  closed  appeal 20 Sep
  X another provider: Kent, mediation, received 1 Feb, meeting 1 Mar, full (never counted)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from accord.cases.clock_rows import store_case_clocks
from accord.cases.models import Appeal, Case
from accord.meetings.models import Meeting, MiasCall
from accord.reports.scope import Period
from tests.factories import CaseFactory, ChildFactory

LONDON = ZoneInfo("Europe/London")
YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))
TODAY = date(2026, 1, 15)


def d(month: int, day: int, year: int = 2025) -> date:
    return date(year, month, day)


@dataclass
class Service:
    cases: dict[str, Case]


def _case(world, name: str, provider=None, la=None, **fields) -> Case:
    provider = provider or world.provider
    appeal_registered_on = fields.pop("appeal_lodged_on", None)
    case = CaseFactory(
        provider=provider,
        reference=f"{provider.case_prefix}-2025-{name}",
        # Distinctive names, so "no personal data in the export" cannot pass or fail by chance
        # (a random surname such as "Kent" or "Total" would appear in any report).
        child=ChildFactory(
            provider=provider, first_name=f"Kidfirst{name}", last_name=f"Kidlast{name}"
        ),
        local_authority=la or world.la,
        decision_notice_sent_on=fields.pop("decision_notice_sent_on", None),
        **fields,
    )
    if appeal_registered_on is not None:
        # An appeal against the case's own decision (accord.cases.models.Appeal).
        Appeal.objects.create(
            case=case, registered_on=appeal_registered_on, decision_kind=case.decision_kind
        )
        Case.objects.filter(pk=case.pk).update(appeals_recorded=1)
    return case


def _meeting(case: Case, day: date, notice: date, fmt: str, agreed_shorter: bool = False) -> None:
    start = datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)
    Meeting.objects.create(
        case=case,
        kind="mediation",
        format=fmt,
        starts_at=start,
        ends_at=start.replace(hour=15),
        notice_sent_on=notice,
        family_agreed_shorter_notice=agreed_shorter,
        held=True,
    )


def build(world) -> Service:
    med = "mediation"
    cases = {
        "A": _case(
            world,
            "A",
            route=med,
            received_on=d(2, 3),
            la_notified_on=d(2, 10),
            mediation_concluded_on=d(3, 10),
            outcome="full",
            state="closed",
            closed_on=d(3, 20),
        ),
        "B": _case(
            world,
            "B",
            route=med,
            received_on=d(3, 3),
            la_notified_on=d(3, 5),
            mediation_concluded_on=d(4, 15),
            outcome="partial",
            state="closed",
            closed_on=d(5, 20),
            appeal_lodged_on=d(5, 1),
        ),
        "C": _case(
            world,
            "C",
            route=med,
            received_on=d(4, 1),
            la_notified_on=d(4, 2),
            mediation_concluded_on=d(4, 30),
            outcome="none",
            state="follow_up",
            appeal_lodged_on=d(6, 1),
        ),
        "D": _case(
            world,
            "D",
            la=world.other_la,
            route=med,
            received_on=d(5, 5),
            outcome="withdrawn",
            state="closed",
            closed_on=d(6, 1),
        ),
        "E": _case(
            world,
            "E",
            route="disagreement_resolution",
            received_on=d(6, 2),
            outcome="declined",
            state="closed",
            closed_on=d(6, 20),
        ),
        "F": _case(
            world, "F", route=med, received_on=d(7, 1), la_notified_on=d(7, 2), state="arranging"
        ),
        "G": _case(world, "G", route="", received_on=d(12, 1), state="enquiry"),
        "H": _case(
            world,
            "H",
            route=med,
            received_on=d(11, 1, 2024),
            la_notified_on=d(11, 4, 2024),
            mediation_concluded_on=d(12, 1, 2024),
            outcome="full",
            state="closed",
            closed_on=d(12, 10, 2024),
        ),
        "I": _case(
            world,
            "I",
            la=world.other_la,
            route=med,
            received_on=d(9, 1),
            la_notified_on=d(9, 3),
            mediation_concluded_on=d(10, 1),
            outcome="full",
            state="closed",
            closed_on=d(10, 10),
            appeal_lodged_on=d(9, 20),
        ),
        "X": _case(
            world,
            "X",
            provider=world.stranger_provider,
            route=med,
            received_on=d(2, 1),
            la_notified_on=d(2, 3),
            mediation_concluded_on=d(3, 1),
            outcome="full",
            state="closed",
            closed_on=d(3, 5),
            appeal_lodged_on=d(3, 20),
        ),
    }
    MiasCall.objects.create(case=cases["A"], held_on=d(2, 6))
    MiasCall.objects.create(case=cases["B"], held_on=d(3, 13))
    MiasCall.objects.create(case=cases["C"], held_on=d(4, 3))
    MiasCall.objects.create(case=cases["C"], held_on=d(4, 10))
    MiasCall.objects.create(case=cases["F"])  # booked, not held
    MiasCall.objects.create(case=cases["X"], held_on=d(2, 2))
    # Notice: at least 5 working days before, unless the family agreed to less.
    _meeting(cases["A"], d(3, 10), notice=d(2, 28), fmt="in_person")  # in time (by 3 Mar)
    _meeting(cases["B"], d(4, 15), notice=d(4, 14), fmt="online", agreed_shorter=True)
    _meeting(cases["C"], d(4, 30), notice=d(4, 28), fmt="online")  # late: due by 23 Apr
    _meeting(cases["X"], d(3, 1), notice=d(2, 1), fmt="in_person")
    for case in cases.values():
        store_case_clocks(case)
    return Service(cases)
