"""A calendar passed in is the one every rule counts with (SEND Regs reg 2(1), HESC Rules r.1(3):
one-off bank holidays count), and without one the configured default is used.

The one-off day is hypothetical: Friday 5 June 2026, as if announced after a release and added
from configuration. June 2026: Mon 1, Thu 4, Fri 5, Sat 6, Sun 7, Mon 8, Wed 10, Fri 12. Each row
gives the answer with the one-off day and without it (the default calendar), both by hand.
"""

from collections.abc import Callable
from datetime import date

import pytest

from accord.rules import (
    Clock,
    Deadline,
    PostAgreementAction,
    WorkingCalendar,
    add_working_days,
    appeal_deadline,
    certificate_due,
    compute,
    configure_calendar,
    explain_adviser_contact,
    explain_appeal_deadline,
    explain_certificate_due,
    explain_health_body_notice,
    explain_latest_notice_date,
    explain_mediation_due,
    explain_post_agreement,
    health_body_notice_due,
    is_working_day,
    latest_notice_date,
    next_working_day,
    notice_is_sufficient,
    subtract_working_days,
    working_days_between,
)

D = date
ONE_OFF = D(2026, 6, 5)


@pytest.fixture
def one_off() -> WorkingCalendar:
    return WorkingCalendar([ONE_OFF])


@pytest.mark.parametrize(
    ("rule", "with_one_off", "without"),
    [
        pytest.param(
            lambda cal: is_working_day(ONE_OFF, calendar=cal), False, True, id="reg2: Fri 5 Jun"
        ),
        pytest.param(
            lambda cal: add_working_days(D(2026, 6, 4), 3, calendar=cal),
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg2: Thu 4 Jun + 3wd skips Fri 5 -> Wed 10 (else Tue 9)",
        ),
        pytest.param(
            lambda cal: subtract_working_days(D(2026, 6, 8), 1, calendar=cal),
            D(2026, 6, 4),
            D(2026, 6, 5),
            id="reg2: Mon 8 Jun - 1wd -> Thu 4 (else Fri 5)",
        ),
        pytest.param(
            lambda cal: next_working_day(D(2026, 6, 4), calendar=cal),
            D(2026, 6, 8),
            D(2026, 6, 5),
            id="reg2: after Thu 4 Jun -> Mon 8 (else Fri 5)",
        ),
        pytest.param(
            lambda cal: working_days_between(D(2026, 6, 4), D(2026, 6, 8), calendar=cal),
            1,
            2,
            id="reg2: Thu 4 to Mon 8 Jun is 1wd (else 2)",
        ),
        pytest.param(
            lambda cal: certificate_due(D(2026, 6, 4), calendar=cal),
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg34/39: certificate from Thu 4 Jun -> Wed 10 (else Tue 9)",
        ),
        pytest.param(
            lambda cal: health_body_notice_due(D(2026, 6, 4), calendar=cal),
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg36: health bodies told from Thu 4 Jun -> Wed 10 (else Tue 9)",
        ),
        pytest.param(
            lambda cal: latest_notice_date(D(2026, 6, 12), calendar=cal),
            D(2026, 6, 4),
            D(2026, 6, 5),
            id="reg37: meeting Fri 12 Jun, 5wd back -> Thu 4 (else Fri 5)",
        ),
        pytest.param(
            lambda cal: notice_is_sufficient(ONE_OFF, D(2026, 6, 12), calendar=cal),
            False,
            True,
            id="reg37: notice on Fri 5 Jun for Fri 12 Jun is short (else enough)",
        ),
        pytest.param(
            lambda cal: appeal_deadline(D(2026, 4, 5), calendar=cal),
            D(2026, 6, 8),
            D(2026, 6, 5),
            id="r20+r12(2): nominal end Fri 5 Jun -> Mon 8 (else it stands)",
        ),
    ],
)
def test_the_date_functions_count_with_the_calendar_given(
    one_off: WorkingCalendar,
    rule: Callable[[WorkingCalendar | None], object],
    with_one_off: object,
    without: object,
) -> None:
    assert rule(one_off) == with_one_off
    assert rule(None) == without


@pytest.mark.parametrize(
    ("explain", "clock", "with_one_off", "without"),
    [
        pytest.param(
            lambda cal: explain_certificate_due(D(2026, 6, 4), calendar=cal),
            Clock.CERTIFICATE_NO_MEDIATION,
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg34",
        ),
        pytest.param(
            lambda cal: compute(Clock.CERTIFICATE_AFTER_MEDIATION, D(2026, 6, 4), calendar=cal),
            Clock.CERTIFICATE_AFTER_MEDIATION,
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg39 via compute",
        ),
        pytest.param(
            lambda cal: explain_health_body_notice(D(2026, 6, 4), calendar=cal),
            Clock.HEALTH_BODIES_NOTICE,
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg36",
        ),
        pytest.param(
            lambda cal: compute(Clock.HEALTH_BODIES_NOTICE, D(2026, 6, 4), calendar=cal),
            Clock.HEALTH_BODIES_NOTICE,
            D(2026, 6, 10),
            D(2026, 6, 9),
            id="reg36 via compute",
        ),
        pytest.param(
            lambda cal: explain_latest_notice_date(D(2026, 6, 12), calendar=cal),
            Clock.MEETING_NOTICE,
            D(2026, 6, 4),
            D(2026, 6, 5),
            id="reg37 notice",
        ),
        pytest.param(
            lambda cal: compute(Clock.MEETING_NOTICE, D(2026, 6, 12), calendar=cal),
            Clock.MEETING_NOTICE,
            D(2026, 6, 4),
            D(2026, 6, 5),
            id="reg37 notice via compute",
        ),
        pytest.param(
            lambda cal: explain_appeal_deadline(D(2026, 4, 5), calendar=cal),
            Clock.TRIBUNAL_APPEAL,
            D(2026, 6, 8),
            D(2026, 6, 5),
            id="r20+r12(2)",
        ),
        pytest.param(
            lambda cal: compute(Clock.TRIBUNAL_APPEAL, D(2026, 4, 5), calendar=cal),
            Clock.TRIBUNAL_APPEAL,
            D(2026, 6, 8),
            D(2026, 6, 5),
            id="r20+r12(2) via compute",
        ),
    ],
)
def test_the_explanations_count_with_the_calendar_given(
    one_off: WorkingCalendar,
    explain: Callable[[WorkingCalendar | None], Deadline],
    clock: Clock,
    with_one_off: date,
    without: date,
) -> None:
    explained = explain(one_off)
    assert (explained.clock, explained.due) == (clock, with_one_off)
    assert any("Friday 5 June 2026" in step or "5 June 2026 is" in step for step in explained.steps)
    assert explain(None).due == without


NO_ROLL = (
    "5 June 2026 is the additional bank holiday. Nothing in {source} moves a due date off a "
    "non-working day, so it stays; act by the working day before to be safe."
)


@pytest.mark.parametrize(
    ("explain", "source"),
    [
        pytest.param(
            lambda cal: explain_adviser_contact(D(2026, 4, 5), calendar=cal),
            "regulation 33",
            id="reg33: 2 months after 5 Apr 2026",
        ),
        pytest.param(
            lambda cal: compute(Clock.ADVISER_CONTACT, D(2026, 4, 5), calendar=cal),
            "regulation 33",
            id="reg33 via compute",
        ),
        pytest.param(
            lambda cal: explain_mediation_due(D(2026, 5, 6), calendar=cal),
            "the SEND Regulations",
            id="regs35-37: 30 days after 6 May 2026",
        ),
        pytest.param(
            lambda cal: explain_mediation_due(D(2026, 5, 6), health_only=True, calendar=cal),
            "the SEND Regulations",
            id="reg36: health only, 30 days after 6 May 2026",
        ),
        pytest.param(
            lambda cal: compute(Clock.MEDIATION_HELD_LA, D(2026, 5, 6), calendar=cal),
            "the SEND Regulations",
            id="regs35-37 via compute",
        ),
        pytest.param(
            lambda cal: explain_post_agreement(
                D(2026, 5, 22), PostAgreementAction.OTHER_MATTERS, calendar=cal
            ),
            "regulation 42",
            id="reg42(3): 2 weeks after Fri 22 May 2026",
        ),
        pytest.param(
            lambda cal: compute(Clock.AGREEMENT_OTHER, D(2026, 5, 22), calendar=cal),
            "regulation 42",
            id="reg42(3) via compute",
        ),
        pytest.param(
            lambda cal: compute(
                Clock.AGREEMENT_APPEALABLE,
                D(2026, 5, 22),
                action=PostAgreementAction.CHANGE_SCHOOL,
                calendar=cal,
            ),
            "regulation 44",
            id="reg42(2)/reg44: 2 weeks after Fri 22 May 2026",
        ),
    ],
)
def test_a_due_date_on_the_one_off_day_stays_and_the_explanation_says_so(
    one_off: WorkingCalendar, explain: Callable[[WorkingCalendar | None], Deadline], source: str
) -> None:
    # Calendar months, days and weeks are not moved off a non-working day by the SEND Regs.
    explained = explain(one_off)
    assert explained.due == ONE_OFF
    assert NO_ROLL.format(source=source) in explained.steps
    assert not any("Nothing in" in step for step in explain(None).steps)


def test_without_a_calendar_the_configured_one_is_used() -> None:
    # The Django app configures the one-off days at start-up (configure_calendar).
    configure_calendar([ONE_OFF])
    assert is_working_day(ONE_OFF) is False
    assert certificate_due(D(2026, 6, 4)) == D(2026, 6, 10)
    assert latest_notice_date(D(2026, 6, 12)) == D(2026, 6, 4)
    assert appeal_deadline(D(2026, 4, 5)) == D(2026, 6, 8)
    assert compute(Clock.HEALTH_BODIES_NOTICE, D(2026, 6, 4)).due == D(2026, 6, 10)
