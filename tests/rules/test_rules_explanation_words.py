"""The words of each explanation, in full: who must act, from which event, how the days were
counted and which rule says so. A family or a coordinator reads these steps as the reason for
a date, so a step that names the wrong body, start or rule is as wrong as a wrong date.

Dates worked by hand against the England bank holidays; the steps are the ones shown on the
case page, the deadline calculator and the certificate.
"""

from datetime import date

import pytest

from accord.rules import (
    Clock,
    PostAgreementAction,
    WorkingCalendar,
    compute,
    explain_adviser_contact,
    explain_certificate_due,
    explain_health_body_notice,
    explain_mediation_due,
    explain_post_agreement,
)
from accord.rules import deadlines as deadlines_module
from accord.rules.appeals import roll_tribunal_deadline

D = date


def test_certificate_count_names_each_group_of_days_skipped() -> None:
    # SEND Regs reg 34: Tue 24 Dec 2024; Wed 25 and Thu 26 Dec are Christmas and Boxing Day,
    # Fri 27 is working day 1, the weekend 28-29 Dec is skipped, then Mon 30 and Tue 31 Dec.
    deadline = explain_certificate_due(D(2024, 12, 24))
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.CERTIFICATE_NO_MEDIATION,
        D(2024, 12, 24),
        D(2024, 12, 31),
    )
    assert deadline.steps == (
        "The clock starts on Tuesday 24 December 2024, when the adviser was told the family "
        "does not want mediation.",
        "Count 3 working days after Tuesday 24 December 2024; that day itself is not counted.",
        "Skip Wednesday 25 December 2024 (Christmas Day); Thursday 26 December 2024 (Boxing "
        "Day bank holiday).",
        "Working day 1: Friday 27 December 2024.",
        "Skip Saturday 28 December 2024 (Saturday); Sunday 29 December 2024 (Sunday).",
        "Working day 2: Monday 30 December 2024.",
        "Working day 3: Tuesday 31 December 2024.",
        "The certificate must be issued by Tuesday 31 December 2024 (SEND Regs reg 34; CFA "
        "s.55(4)).",
    )


def test_certificate_after_mediation_stops_counting_at_the_third_day() -> None:
    # SEND Regs reg 39: Wed 23 Dec 2026 -> Wed 30 Dec 2026; Thu 31 Dec is not counted.
    deadline = explain_certificate_due(D(2026, 12, 23), Clock.CERTIFICATE_AFTER_MEDIATION)
    assert deadline.due == D(2026, 12, 30)
    assert deadline.steps == (
        "The clock starts on Wednesday 23 December 2026, when the mediation concluded.",
        "Count 3 working days after Wednesday 23 December 2026; that day itself is not counted.",
        "Working day 1: Thursday 24 December 2026.",
        "Skip Friday 25 December 2026 (Christmas Day); Saturday 26 December 2026 (Saturday and "
        "the Boxing Day bank holiday); Sunday 27 December 2026 (Sunday); Monday 28 December "
        "2026 (Boxing Day substitute bank holiday).",
        "Working day 2: Tuesday 29 December 2026.",
        "Working day 3: Wednesday 30 December 2026.",
        "The certificate must be issued by Wednesday 30 December 2026 (SEND Regs reg 39; CFA "
        "s.55(5)).",
    )


@pytest.mark.parametrize(
    ("clock", "event", "citation"),
    [
        pytest.param(
            Clock.CERTIFICATE_NO_MEDIATION,
            "the adviser was told the family does not want mediation",
            "SEND Regs reg 34; CFA s.55(4)",
            id="reg34: not wanted",
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_PURSUED,
            "the adviser learned the family is no longer pursuing the mediation they chose",
            "SEND Regs reg 34; CFA s.55(4)",
            id="reg34: fails to pursue",
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_HELD_IN_TIME,
            "the adviser was told the mediation cannot be held within 30 days",
            "SEND Regs reg 37",
            id="reg37: cannot be held in time",
        ),
        pytest.param(
            Clock.CERTIFICATE_AFTER_MEDIATION,
            "the mediation concluded",
            "SEND Regs reg 39; CFA s.55(5)",
            id="reg39: after mediation",
        ),
    ],
)
def test_each_certificate_clock_names_its_start_and_rule(
    clock: Clock, event: str, citation: str
) -> None:
    # Mon 2 Mar 2026 + 3 working days = Thu 5 Mar 2026, nothing skipped.
    expected = (
        f"The clock starts on Monday 2 March 2026, when {event}.",
        "Count 3 working days after Monday 2 March 2026; that day itself is not counted.",
        "Working day 1: Tuesday 3 March 2026.",
        "Working day 2: Wednesday 4 March 2026.",
        "Working day 3: Thursday 5 March 2026.",
        f"The certificate must be issued by Thursday 5 March 2026 ({citation}).",
    )
    for deadline in (explain_certificate_due(D(2026, 3, 2), clock), compute(clock, D(2026, 3, 2))):
        assert (deadline.clock, deadline.due) == (clock, D(2026, 3, 5))
        assert deadline.steps == expected


def test_health_body_notice_names_the_local_authority_and_the_icb() -> None:
    # SEND Regs reg 36: Wed 1 Apr 2026 -> Wed 8 Apr 2026 (Good Friday 3 Apr, Easter Monday 6 Apr).
    deadline = explain_health_body_notice(D(2026, 4, 1))
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.HEALTH_BODIES_NOTICE,
        D(2026, 4, 1),
        D(2026, 4, 8),
    )
    assert deadline.steps == (
        "The local authority was told on Wednesday 1 April 2026 that the family wants mediation "
        "on issues that include health care.",
        "Count 3 working days after Wednesday 1 April 2026; that day itself is not counted.",
        "Working day 1: Thursday 2 April 2026.",
        "Skip Friday 3 April 2026 (Good Friday); Saturday 4 April 2026 (Saturday); Sunday 5 "
        "April 2026 (Sunday); Monday 6 April 2026 (Easter Monday bank holiday).",
        "Working day 2: Tuesday 7 April 2026.",
        "Working day 3: Wednesday 8 April 2026.",
        "It must tell the health bodies (the ICB) the mediation issues by Wednesday 8 April 2026 "
        "(SEND Regs reg 36).",
    )


TOLD_IF_LATE = (
    "If it cannot, the mediation adviser must be told as soon as that is known, and then has 3 "
    "working days to issue a certificate."
)


def test_the_local_authority_arranges_a_mediation_unless_told_it_is_health_only() -> None:
    # SEND Regs regs 35-37: 30 calendar days from Wed 25 Nov 2026 = Fri 25 Dec 2026, not moved.
    deadline = explain_mediation_due(D(2026, 11, 25))
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.MEDIATION_HELD_LA,
        D(2026, 11, 25),
        D(2026, 12, 25),
    )
    assert deadline.steps == (
        "The local authority received the family's notice on Wednesday 25 November 2026.",
        "30 calendar days after 25 November 2026 is Friday 25 December 2026; weekends and bank "
        "holidays count.",
        "25 December 2026 is Christmas Day. Nothing in the SEND Regulations moves a due date off "
        "a non-working day, so it stays; act by the working day before to be safe.",
        "The mediation must take place by Friday 25 December 2026, arranged by the local "
        f"authority (SEND Regs regs 35-37). {TOLD_IF_LATE}",
    )
    assert explain_mediation_due(D(2026, 11, 25), health_only=False) == deadline


def test_the_icb_arranges_a_health_only_mediation() -> None:
    # SEND Regs reg 36: 30 calendar days from Tue 13 Jan 2026 = Thu 12 Feb 2026.
    deadline = explain_mediation_due(D(2026, 1, 13), health_only=True)
    assert (deadline.clock, deadline.due) == (Clock.MEDIATION_HELD_HEALTH_ONLY, D(2026, 2, 12))
    assert deadline.steps == (
        "The ICB was told the mediation issues on Tuesday 13 January 2026.",
        "30 calendar days after 13 January 2026 is Thursday 12 February 2026; weekends and bank "
        "holidays count.",
        "The mediation must take place by Thursday 12 February 2026, arranged by the ICB (SEND "
        f"Regs reg 36). {TOLD_IF_LATE}",
    )
    assert compute(Clock.MEDIATION_HELD_HEALTH_ONLY, D(2026, 1, 13)) == deadline


def test_adviser_contact_names_the_short_month_and_does_not_move_off_a_sunday() -> None:
    # SEND Regs reg 33, Dodds v Walker: 31 Dec 2026 + 2 months = Sun 28 Feb 2027, not moved.
    deadline = explain_adviser_contact(D(2026, 12, 31))
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.ADVISER_CONTACT,
        D(2026, 12, 31),
        D(2027, 2, 28),
    )
    assert deadline.steps == (
        "The decision notice was sent on Thursday 31 December 2026.",
        "2 months after 31 December 2026 is 28 February 2027 (February 2027 has no 31st day, so "
        "the period ends on its last day).",
        "28 February 2027 is a Sunday. Nothing in regulation 33 moves a due date off a "
        "non-working day, so it stays; act by the working day before to be safe.",
        "The family must contact the mediation adviser by Sunday 28 February 2027 (SEND Regs "
        "reg 33).",
    )


def test_a_weekly_period_is_counted_in_weeks() -> None:
    # SEND Regs reg 42(2), reg 44(2)(b): 2 weeks from Mon 1 Jun 2026 = Mon 15 Jun 2026.
    deadline = explain_post_agreement(D(2026, 6, 1), PostAgreementAction.START_ASSESSMENT)
    assert "2 weeks after 1 June 2026 is Monday 15 June 2026." in deadline.steps
    one_week = explain_post_agreement(D(2027, 2, 22), PostAgreementAction.ICB_TELLS_LA)
    assert "1 week after 22 February 2027 is Monday 1 March 2027." in one_week.steps


# --- Moving the appeal deadline (HESC Rules r.12(2) and r.12(3)(a)) ---------------------------

AUGUST = (
    "{nominal} is in August. In special educational needs appeals a time that ends in August "
    "runs to the first working day after 31 August (HESC Rules r.12(3)(a)): {due}."
)
CHRISTMAS = (
    "{nominal} falls between 25 December and 1 January. In special educational needs appeals "
    "such a time runs to the first working day after 1 January (HESC Rules r.12(3)(a)): {due}."
)
NEXT_WORKING_DAY = (
    "{nominal} is {reason}, so the deadline moves to the next working day, {due} (HESC Rules "
    "r.12(2))."
)
TWO_READINGS = (
    "{target} is {period}. One reading of the rules would treat the time as ending on that day "
    "and extend it again under HESC Rules r.12(3)(a), to {later}. But r.12(3)(a) applies only "
    "where the time itself ends {period}, and this time ended on {nominal}; r.12(2) does not "
    "move the end of the time, it makes an appeal that arrives on the next working day in time. "
    "The earlier date, {due}, is shown to be safe: an appeal that reaches the tribunal by then "
    "is in time on either reading."
)


@pytest.mark.parametrize(
    ("nominal", "calendar", "due", "steps"),
    [
        pytest.param(
            D(2026, 8, 10),
            WorkingCalendar(),
            D(2026, 9, 1),
            [AUGUST.format(nominal="10 August 2026", due="Tuesday 1 September 2026")],
            id="r12(3)(a): Mon 10 Aug 2026 -> Tue 1 Sep (31 Aug is the bank holiday itself)",
        ),
        pytest.param(
            D(2026, 8, 1),
            WorkingCalendar(),
            D(2026, 9, 1),
            [AUGUST.format(nominal="1 August 2026", due="Tuesday 1 September 2026")],
            id="r12(3)(a): the first day of August, Sat 1 Aug 2026",
        ),
        pytest.param(
            D(2026, 8, 31),
            WorkingCalendar(),
            D(2026, 9, 1),
            [AUGUST.format(nominal="31 August 2026", due="Tuesday 1 September 2026")],
            id="r12(3)(a): the last day of August, Mon 31 Aug 2026",
        ),
        pytest.param(
            D(2024, 8, 15),
            WorkingCalendar(),
            D(2024, 9, 2),
            [
                AUGUST.format(
                    nominal="15 August 2024",
                    due="Monday 2 September 2024 (1 September 2024 is a Sunday)",
                )
            ],
            id="r12(3)(a): Thu 15 Aug 2024 -> Mon 2 Sep, Sun 1 Sep named",
        ),
        pytest.param(
            D(2026, 12, 25),
            WorkingCalendar(),
            D(2027, 1, 4),
            [
                CHRISTMAS.format(
                    nominal="25 December 2026",
                    due="Monday 4 January 2027 (2 January 2027 and 3 January 2027 are a weekend)",
                )
            ],
            id="r12(3)(a): the first day of the period, Fri 25 Dec 2026 -> Mon 4 Jan 2027",
        ),
        pytest.param(
            D(2027, 1, 1),
            WorkingCalendar(),
            D(2027, 1, 4),
            [
                CHRISTMAS.format(
                    nominal="1 January 2027",
                    due="Monday 4 January 2027 (2 January 2027 and 3 January 2027 are a weekend)",
                )
            ],
            id="r12(3)(a): the last day of the period, Fri 1 Jan 2027 -> Mon 4 Jan 2027",
        ),
        pytest.param(
            D(2027, 12, 27),
            WorkingCalendar(),
            D(2028, 1, 4),
            [
                CHRISTMAS.format(
                    nominal="27 December 2027",
                    due="Tuesday 4 January 2028 (2 January 2028 is a Sunday; 3 January 2028 is "
                    "the New Year's Day substitute bank holiday)",
                )
            ],
            id="r12(3)(a): Mon 27 Dec 2027 -> Tue 4 Jan 2028 past the substitute day",
        ),
        pytest.param(
            D(2026, 3, 15),
            WorkingCalendar(),
            D(2026, 3, 16),
            [
                NEXT_WORKING_DAY.format(
                    nominal="15 March 2026", reason="a Sunday", due="Monday 16 March 2026"
                )
            ],
            id="r12(2): Sun 15 Mar 2026 -> Mon 16 Mar, nothing else skipped",
        ),
        pytest.param(
            D(2026, 6, 5),
            WorkingCalendar(),
            D(2026, 6, 5),
            [],
            id="r20: Fri 5 Jun 2026 is a working day outside the periods and stands",
        ),
        pytest.param(
            D(2027, 7, 31),
            WorkingCalendar(),
            D(2027, 8, 2),
            [
                NEXT_WORKING_DAY.format(
                    nominal="31 July 2027",
                    reason="a Saturday",
                    due="Monday 2 August 2027 (1 August 2027 is a Sunday)",
                ),
                TWO_READINGS.format(
                    target="2 August 2027",
                    period="in August",
                    later="Wednesday 1 September 2027",
                    nominal="31 July 2027",
                    due="Monday 2 August 2027",
                ),
            ],
            id="r12(2) only: Sat 31 Jul 2027 -> Mon 2 Aug, not Wed 1 Sep",
        ),
        pytest.param(
            D(2028, 12, 23),
            WorkingCalendar(),
            D(2028, 12, 27),
            [
                NEXT_WORKING_DAY.format(
                    nominal="23 December 2028",
                    reason="a Saturday",
                    due="Wednesday 27 December 2028 (24 December 2028 is a Sunday; 25 December "
                    "2028 is Christmas Day; 26 December 2028 is the Boxing Day bank holiday)",
                ),
                TWO_READINGS.format(
                    target="27 December 2028",
                    period="between 25 December and 1 January",
                    later="Tuesday 2 January 2029",
                    nominal="23 December 2028",
                    due="Wednesday 27 December 2028",
                ),
            ],
            id="r12(2) only: Sat 23 Dec 2028 -> Wed 27 Dec, not Tue 2 Jan 2029",
        ),
        pytest.param(
            # A hypothetical one-off bank holiday on Fri 23 Dec 2022: Sat 24 Dec is named on its
            # own, because the Sunday after it is Christmas Day.
            D(2022, 12, 23),
            WorkingCalendar([D(2022, 12, 23)]),
            D(2022, 12, 28),
            [
                NEXT_WORKING_DAY.format(
                    nominal="23 December 2022",
                    reason="the additional bank holiday",
                    due="Wednesday 28 December 2022 (24 December 2022 is a Saturday; 25 December "
                    "2022 is Christmas Day; 26 December 2022 is the Boxing Day bank holiday; 27 "
                    "December 2022 is the Christmas Day substitute bank holiday)",
                ),
                TWO_READINGS.format(
                    target="28 December 2022",
                    period="between 25 December and 1 January",
                    later="Tuesday 3 January 2023",
                    nominal="23 December 2022",
                    due="Wednesday 28 December 2022",
                ),
            ],
            id="r12(2) only: one-off Fri 23 Dec 2022 -> Wed 28 Dec, Saturday before Christmas",
        ),
    ],
)
def test_moving_the_appeal_deadline_says_which_rule_and_names_the_days(
    nominal: date, calendar: WorkingCalendar, due: date, steps: list[str]
) -> None:
    explained: list[str] = []
    assert roll_tribunal_deadline(nominal, calendar, explained) == due
    assert explained == steps
    assert roll_tribunal_deadline(nominal, calendar) == due


# --- The table behind compute() ---------------------------------------------------------------
# deadlines._SIMPLE_CLOCKS is built when the module is imported, from the two factories below.
# A mistake in a factory would hide behind the table built before any test ran, so the
# factories are called here directly.


@pytest.mark.parametrize(
    "clock",
    [
        Clock.CERTIFICATE_NO_MEDIATION,
        Clock.CERTIFICATE_NOT_PURSUED,
        Clock.CERTIFICATE_NOT_HELD_IN_TIME,
        Clock.CERTIFICATE_AFTER_MEDIATION,
    ],
)
def test_each_certificate_entry_counts_three_working_days(clock: Clock) -> None:
    # SEND Regs regs 34, 37, 39: Thu 4 May 2023 + 3 working days skips the coronation (Mon 8).
    explain = deadlines_module._certificate(clock)
    deadline = explain(D(2023, 5, 4), WorkingCalendar())
    assert (deadline.clock, deadline.start, deadline.due) == (clock, D(2023, 5, 4), D(2023, 5, 10))
    with_one_off = explain(D(2023, 5, 4), WorkingCalendar([D(2023, 5, 9)]))
    assert with_one_off.due == D(2023, 5, 11)


@pytest.mark.parametrize(
    ("health_only", "clock", "arranger"),
    [
        pytest.param(False, Clock.MEDIATION_HELD_LA, "the local authority", id="regs 35-37"),
        pytest.param(True, Clock.MEDIATION_HELD_HEALTH_ONLY, "the ICB", id="reg 36"),
    ],
)
def test_each_mediation_entry_names_who_arranges_it(
    health_only: bool, clock: Clock, arranger: str
) -> None:
    # 30 calendar days from Wed 6 May 2026 = Fri 5 Jun 2026; a one-off day then is named.
    explain = deadlines_module._mediation(health_only)
    deadline = explain(D(2026, 5, 6), WorkingCalendar([D(2026, 6, 5)]))
    assert (deadline.clock, deadline.start, deadline.due) == (clock, D(2026, 5, 6), D(2026, 6, 5))
    assert f"arranged by {arranger}" in deadline.steps[-1]
    assert any("5 June 2026 is the additional bank holiday" in step for step in deadline.steps)
