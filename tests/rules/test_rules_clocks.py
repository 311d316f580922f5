"""The dates of every clock, one row per case, each citing its rule.

Expected dates are literals checked by hand against a calendar and the England bank holidays.
"""

from datetime import date

import pytest

from accord.rules import (
    Clock,
    PostAgreementAction,
    WorkingCalendar,
    adviser_contact_deadline,
    appeal_deadline,
    certificate_due,
    compute,
    health_body_notice_due,
    in_closed_period,
    latest_notice_date,
    mediation_due,
    notice_is_sufficient,
    post_agreement_due,
)
from accord.rules.appeals import closed_period_end

D = date
A = PostAgreementAction


@pytest.mark.parametrize(
    ("decision_sent", "expected"),
    [
        pytest.param(D(2026, 12, 31), D(2027, 2, 28), id="reg33: 31 Dec 2026 + 2 months = 28 Feb"),
        pytest.param(D(2027, 12, 31), D(2028, 2, 29), id="reg33: 31 Dec 2027 + 2m = 29 Feb 2028"),
        pytest.param(D(2026, 12, 29), D(2027, 2, 28), id="reg33: 29 Dec 2026 + 2m = 28 Feb 2027"),
        pytest.param(D(2027, 12, 30), D(2028, 2, 29), id="reg33: 30 Dec 2027 + 2m = 29 Feb 2028"),
        pytest.param(D(2026, 1, 15), D(2026, 3, 15), id="reg33: lands on Sun 15 Mar, not moved"),
        pytest.param(D(2026, 8, 31), D(2026, 10, 31), id="reg33: 31 Aug + 2m = 31 Oct 2026"),
        pytest.param(D(2026, 10, 31), D(2026, 12, 31), id="reg33: 31 Oct + 2m = 31 Dec 2026"),
        pytest.param(D(2027, 6, 30), D(2027, 8, 30), id="reg33: lands on bank holiday, not moved"),
    ],
)
def test_adviser_contact_deadline(decision_sent: date, expected: date) -> None:
    assert adviser_contact_deadline(decision_sent) == expected


@pytest.mark.parametrize(
    ("informed", "expected"),
    [
        pytest.param(D(2026, 12, 23), D(2026, 12, 30), id="reg34: Wed 23 Dec 2026 -> Wed 30 Dec"),
        pytest.param(D(2026, 4, 2), D(2026, 4, 9), id="reg39: Thu 2 Apr 2026 -> Thu 9 Apr"),
        pytest.param(D(2022, 9, 16), D(2022, 9, 22), id="reg37: Fri 16 Sep 2022 -> Thu 22 Sep"),
        pytest.param(D(2023, 5, 5), D(2023, 5, 11), id="reg34: Fri 5 May 2023 -> Thu 11 May"),
        pytest.param(D(2026, 6, 6), D(2026, 6, 10), id="reg39: Sat 6 Jun 2026 -> Wed 10 Jun"),
        pytest.param(D(2027, 12, 24), D(2027, 12, 31), id="reg34: Fri 24 Dec 2027 -> Fri 31 Dec"),
    ],
)
def test_certificate_due(informed: date, expected: date) -> None:
    assert certificate_due(informed) == expected


# SEND Regs reg 34 ("Where a parent or young person does not wish to or fails to pursue
# mediation"): a family that chose mediation, then withdrew or stopped replying. 3 working days
# from the day the adviser learns it; that day is not counted and may itself be a holiday.
@pytest.mark.parametrize(
    ("learned", "expected"),
    [
        pytest.param(
            D(2026, 3, 27), D(2026, 4, 1), id="reg34 not pursued: Fri 27 Mar 2026 -> Wed 1 Apr"
        ),
        pytest.param(
            D(2026, 4, 1),
            D(2026, 4, 8),
            id="reg34 not pursued: Wed 1 Apr 2026 -> Wed 8 Apr (Good Friday, Easter Monday)",
        ),
        pytest.param(
            D(2027, 3, 27),
            D(2027, 4, 1),
            id="reg34 not pursued: Sat 27 Mar 2027 (Easter weekend) -> Thu 1 Apr",
        ),
        pytest.param(
            D(2026, 5, 22),
            D(2026, 5, 28),
            id="reg34 not pursued: Fri 22 May 2026 -> Thu 28 May (Spring bank holiday)",
        ),
        pytest.param(
            D(2026, 8, 30),
            D(2026, 9, 3),
            id="reg34 not pursued: Sun 30 Aug 2026 -> Thu 3 Sep (Summer bank holiday)",
        ),
        pytest.param(
            D(2026, 12, 24),
            D(2026, 12, 31),
            id="reg34 not pursued: Thu 24 Dec 2026 -> Thu 31 Dec (Boxing Day substitute 28 Dec)",
        ),
        pytest.param(
            D(2023, 5, 4),
            D(2023, 5, 10),
            id="reg34 not pursued: Thu 4 May 2023 -> Wed 10 May (Coronation, 8 May)",
        ),
    ],
)
def test_certificate_when_the_family_fails_to_pursue_mediation(
    learned: date, expected: date
) -> None:
    assert certificate_due(learned) == expected
    deadline = compute(Clock.CERTIFICATE_NOT_PURSUED, learned)
    assert (deadline.start, deadline.due) == (learned, expected)
    assert deadline.basis[0].citation == "SEND Regs reg 34; CFA s.55(4)"


@pytest.mark.parametrize(
    ("notified", "expected"),
    [
        pytest.param(D(2026, 4, 1), D(2026, 4, 8), id="reg36: Wed 1 Apr 2026 skips Easter"),
        pytest.param(D(2022, 5, 31), D(2022, 6, 7), id="reg36: Tue 31 May 2022 skips 2-3 Jun"),
        pytest.param(D(2022, 9, 15), D(2022, 9, 21), id="reg36: Thu 15 Sep 2022 skips funeral"),
        pytest.param(D(2023, 5, 5), D(2023, 5, 11), id="reg36: Fri 5 May 2023 skips coronation"),
    ],
)
def test_health_body_notice_due(notified: date, expected: date) -> None:
    assert health_body_notice_due(notified) == expected


@pytest.mark.parametrize(
    ("notified", "expected"),
    [
        pytest.param(D(2026, 1, 15), D(2026, 2, 14), id="regs35-37: 30 days lands on a Saturday"),
        pytest.param(D(2026, 11, 25), D(2026, 12, 25), id="regs35-37: lands on Christmas Day"),
        pytest.param(D(2028, 2, 1), D(2028, 3, 2), id="regs35-37: across 29 Feb 2028"),
        pytest.param(D(2027, 2, 1), D(2027, 3, 3), id="regs35-37: across 28 Feb 2027"),
        pytest.param(D(2026, 7, 15), D(2026, 8, 14), id="regs35-37: August counts"),
        pytest.param(D(2026, 12, 31), D(2027, 1, 30), id="regs35-37: over New Year"),
    ],
)
def test_mediation_due(notified: date, expected: date) -> None:
    assert mediation_due(notified) == expected


@pytest.mark.parametrize(
    ("decision_sent", "certificate_issued", "expected"),
    [
        pytest.param(
            D(2026, 12, 31),
            None,
            D(2027, 3, 1),
            id="r20+r12(2): 31 Dec 2026 + 2m = Sun 28 Feb 2027 -> Mon 1 Mar",
        ),
        pytest.param(
            D(2027, 12, 31),
            None,
            D(2028, 2, 29),
            id="r20: 31 Dec 2027 + 2m = Tue 29 Feb 2028, a working day",
        ),
        pytest.param(
            D(2026, 1, 15), None, D(2026, 3, 16), id="r12(2): Sun 15 Mar 2026 -> Mon 16 Mar"
        ),
        pytest.param(
            D(2026, 6, 10), None, D(2026, 9, 1), id="r12(3): 10 Aug 2026 -> Tue 1 Sep 2026"
        ),
        pytest.param(
            D(2027, 6, 15), None, D(2027, 9, 1), id="r12(3): 15 Aug 2027 -> Wed 1 Sep 2027"
        ),
        pytest.param(
            D(2028, 6, 30), None, D(2028, 9, 1), id="r12(3): 30 Aug 2028 -> Fri 1 Sep 2028"
        ),
        pytest.param(
            D(2024, 6, 15),
            None,
            D(2024, 9, 2),
            id="r12(3): 15 Aug 2024 -> Mon 2 Sep 2024 (1 Sep is a Sunday)",
        ),
        pytest.param(
            D(2026, 6, 30), None, D(2026, 9, 1), id="r12(3): 30 Aug 2026 month end -> 1 Sep"
        ),
        pytest.param(
            D(2026, 10, 25), None, D(2027, 1, 4), id="r12(3): Christmas Day 2026 -> Mon 4 Jan"
        ),
        pytest.param(
            D(2026, 10, 31), None, D(2027, 1, 4), id="r12(3): 31 Dec 2026 -> Mon 4 Jan 2027"
        ),
        pytest.param(
            D(2026, 11, 1), None, D(2027, 1, 4), id="r12(3): 1 Jan 2027 -> Mon 4 Jan 2027"
        ),
        pytest.param(
            D(2026, 11, 2), None, D(2027, 1, 4), id="r12(2): Sat 2 Jan 2027 -> Mon 4 Jan 2027"
        ),
        pytest.param(
            D(2027, 10, 27),
            None,
            D(2028, 1, 4),
            id="r12(3): 27 Dec 2027 -> Tue 4 Jan 2028 (Mon 3 Jan is a substitute day)",
        ),
        pytest.param(D(2026, 10, 24), None, D(2026, 12, 24), id="r20: Thu 24 Dec 2026 stands"),
        pytest.param(
            D(2022, 10, 24),
            None,
            D(2022, 12, 28),
            id="r12(2) only: Sat 24 Dec 2022 -> Wed 28 Dec 2022, not Tue 3 Jan 2023",
        ),
        pytest.param(
            D(2025, 10, 28), None, D(2026, 1, 2), id="r12(3): Sun 28 Dec 2025 -> Fri 2 Jan 2026"
        ),
        pytest.param(
            D(2026, 2, 3), None, D(2026, 4, 7), id="r12(2): Good Friday 3 Apr 2026 -> Tue 7 Apr"
        ),
        pytest.param(
            D(2027, 1, 29),
            None,
            D(2027, 3, 30),
            id="r12(2): Easter Monday 29 Mar 2027 -> Tue 30 Mar",
        ),
        pytest.param(
            D(2027, 5, 31),
            None,
            D(2027, 8, 2),
            id="r12(2) only: Sat 31 Jul 2027 -> Mon 2 Aug 2027, not Wed 1 Sep 2027",
        ),
        pytest.param(
            D(2022, 7, 19), None, D(2022, 9, 20), id="r12(2): state funeral 19 Sep 2022 -> Tue 20"
        ),
        pytest.param(
            D(2023, 3, 8), None, D(2023, 5, 9), id="r12(2): coronation 8 May 2023 -> Tue 9 May"
        ),
        pytest.param(D(2026, 7, 31), None, D(2026, 9, 30), id="r20: 31 Jul + 2m = Wed 30 Sep"),
        pytest.param(
            D(2026, 3, 2),
            D(2026, 4, 20),
            D(2026, 5, 20),
            id="r20(1)(c)(ii): certificate limb later: 20 Apr + 1m = Wed 20 May 2026",
        ),
        pytest.param(
            D(2026, 3, 2),
            D(2026, 3, 20),
            D(2026, 5, 5),
            id="r20(1)(c)(i): decision limb later: Sat 2 May -> Mon 4 May bank hol -> Tue 5 May",
        ),
        pytest.param(
            D(2026, 5, 31),
            D(2026, 7, 2),
            D(2026, 9, 1),
            id="r20+r12(3): certificate limb 2 Aug 2026 is in August -> Tue 1 Sep",
        ),
        pytest.param(
            D(2026, 10, 1),
            D(2026, 11, 29),
            D(2027, 1, 4),
            id="r20+r12(3): certificate limb 29 Dec 2026 -> Mon 4 Jan 2027",
        ),
        pytest.param(
            D(2026, 2, 10),
            D(2026, 3, 10),
            D(2026, 4, 10),
            id="r20: both limbs end Fri 10 Apr 2026",
        ),
        pytest.param(
            D(2026, 11, 30),
            D(2026, 12, 31),
            D(2027, 2, 1),
            id="r20: certificate 31 Dec 2026 + 1m = Sun 31 Jan 2027 -> Mon 1 Feb",
        ),
    ],
)
def test_appeal_deadline(
    decision_sent: date, certificate_issued: date | None, expected: date
) -> None:
    assert appeal_deadline(decision_sent, certificate_issued) == expected


def test_appeal_deadline_uses_an_extra_configured_holiday() -> None:
    # Hypothetical one-off bank holiday on Monday 16 March 2026: the r.12(2) roll from Sunday
    # 15 March then skips it too, to Tuesday 17 March 2026.
    calendar = WorkingCalendar([D(2026, 3, 16)])
    assert appeal_deadline(D(2026, 1, 15), calendar=calendar) == D(2026, 3, 17)


# Weekends just before August and just before Christmas, 2026-2029 (HESC Rules r.20(1)(c),
# r.12(2), r.12(3)(a)). r.12(3)(a) applies only when the nominal end of the time is itself in
# August or 25 December-1 January. A nominal end on a weekend just before those periods moves
# only under r.12(2), to the next working day, even when that day is inside the period. Each
# row is worked by hand below (England bank holidays; "-> nominal" is decision date + 2 months).
#
# August
# 2026: 31 Jul is a Friday, a working day, so no weekend runs into August. The last weekend is
#   Sat 25 / Sun 26 Jul 2026 -> r.12(2) -> Mon 27 Jul 2026. Sat 1 Aug 2026 is in August ->
#   r.12(3)(a) -> first working day after Mon 31 Aug 2026 -> Tue 1 Sep 2026.
# 2027: Sat 31 Jul 2027 -> Sun 1 Aug not a working day -> r.12(2) -> Mon 2 Aug 2027, not
#   Wed 1 Sep 2027 (Mon 30 Aug is the summer bank holiday, Tue 31 Aug the last day of August).
#   Sun 1 Aug 2027 is itself in August -> r.12(3)(a) -> Wed 1 Sep 2027.
#   Sat 24 / Sun 25 Jul 2027 -> Mon 26 Jul 2027.
# 2028: Sat 29 / Sun 30 Jul 2028 -> r.12(2) -> Mon 31 Jul 2028, still July.
# 2029: Sat 28 / Sun 29 Jul 2029 -> r.12(2) -> Mon 30 Jul 2029.
# Christmas
# 2026: 25 Dec is a Friday; Thu 24 Dec stands. Sat 19 / Sun 20 Dec 2026 -> Mon 21 Dec 2026.
#   Sat 26 Dec 2026 is in the period -> r.12(3)(a) -> after Fri 1 Jan 2027, Sat 2 and Sun 3 Jan
#   are a weekend -> Mon 4 Jan 2027.
# 2027: 25 Dec is a Saturday, so the Christmas weekend is itself in the period: Sat 25 Dec 2027
#   -> r.12(3)(a) -> after Sat 1 Jan 2028, Sun 2 Jan, then Mon 3 Jan the New Year substitute
#   bank holiday -> Tue 4 Jan 2028. Fri 24 Dec 2027 stands. Sat 18 / Sun 19 Dec 2027 ->
#   Mon 20 Dec 2027.
# 2028: Sat 23 Dec 2028 -> Sun 24, Mon 25 Christmas Day, Tue 26 Boxing Day -> r.12(2) ->
#   Wed 27 Dec 2028, not Tue 2 Jan 2029 (Mon 1 Jan 2029 is New Year's Day). The same from
#   Sun 24 Dec 2028.
# 2029: 25 Dec is a Tuesday. Sat 22 / Sun 23 Dec 2029 -> r.12(2) -> Mon 24 Dec 2029, a working
#   day before the period, so it stands.
# And one each side of the 2026-2029 range where a weekend runs into a period:
# 2022: Sat 30 / Sun 31 Jul 2022 -> Mon 1 Aug 2022, not Thu 1 Sep 2022.
# 2023: Sat 23 / Sun 24 Dec 2023 -> Mon 25, Tue 26 Dec are bank holidays -> Wed 27 Dec 2023, not
#   Tue 2 Jan 2024.
@pytest.mark.parametrize(
    ("decision_sent", "certificate_issued", "expected"),
    [
        pytest.param(D(2026, 5, 25), None, D(2026, 7, 27), id="r12(2): Sat 25 Jul 2026 -> Mon 27"),
        pytest.param(D(2026, 5, 26), None, D(2026, 7, 27), id="r12(2): Sun 26 Jul 2026 -> Mon 27"),
        pytest.param(
            D(2026, 6, 1), None, D(2026, 9, 1), id="r12(3)(a): Sat 1 Aug 2026 -> Tue 1 Sep 2026"
        ),
        pytest.param(
            D(2027, 5, 31), None, D(2027, 8, 2), id="r12(2): Sat 31 Jul 2027 -> Mon 2 Aug 2027"
        ),
        pytest.param(
            D(2027, 6, 1), None, D(2027, 9, 1), id="r12(3)(a): Sun 1 Aug 2027 -> Wed 1 Sep 2027"
        ),
        pytest.param(D(2027, 5, 24), None, D(2027, 7, 26), id="r12(2): Sat 24 Jul 2027 -> Mon 26"),
        pytest.param(D(2027, 5, 25), None, D(2027, 7, 26), id="r12(2): Sun 25 Jul 2027 -> Mon 26"),
        pytest.param(D(2028, 5, 29), None, D(2028, 7, 31), id="r12(2): Sat 29 Jul 2028 -> Mon 31"),
        pytest.param(D(2028, 5, 30), None, D(2028, 7, 31), id="r12(2): Sun 30 Jul 2028 -> Mon 31"),
        pytest.param(D(2029, 5, 28), None, D(2029, 7, 30), id="r12(2): Sat 28 Jul 2029 -> Mon 30"),
        pytest.param(D(2029, 5, 29), None, D(2029, 7, 30), id="r12(2): Sun 29 Jul 2029 -> Mon 30"),
        pytest.param(
            D(2022, 5, 30), None, D(2022, 8, 1), id="r12(2): Sat 30 Jul 2022 -> Mon 1 Aug 2022"
        ),
        pytest.param(
            D(2022, 5, 31), None, D(2022, 8, 1), id="r12(2): Sun 31 Jul 2022 -> Mon 1 Aug 2022"
        ),
        pytest.param(
            D(2026, 10, 19), None, D(2026, 12, 21), id="r12(2): Sat 19 Dec 2026 -> Mon 21"
        ),
        pytest.param(
            D(2026, 10, 20), None, D(2026, 12, 21), id="r12(2): Sun 20 Dec 2026 -> Mon 21"
        ),
        pytest.param(
            D(2026, 10, 26), None, D(2027, 1, 4), id="r12(3)(a): Sat 26 Dec 2026 -> Mon 4 Jan 2027"
        ),
        pytest.param(
            D(2027, 10, 18), None, D(2027, 12, 20), id="r12(2): Sat 18 Dec 2027 -> Mon 20"
        ),
        pytest.param(
            D(2027, 10, 19), None, D(2027, 12, 20), id="r12(2): Sun 19 Dec 2027 -> Mon 20"
        ),
        pytest.param(D(2027, 10, 24), None, D(2027, 12, 24), id="r20: Fri 24 Dec 2027 stands"),
        pytest.param(
            D(2027, 10, 25), None, D(2028, 1, 4), id="r12(3)(a): Sat 25 Dec 2027 -> Tue 4 Jan 2028"
        ),
        pytest.param(
            D(2028, 10, 23),
            None,
            D(2028, 12, 27),
            id="r12(2): Sat 23 Dec 2028 -> Wed 27 Dec 2028, not Tue 2 Jan 2029",
        ),
        pytest.param(
            D(2028, 10, 24),
            None,
            D(2028, 12, 27),
            id="r12(2): Sun 24 Dec 2028 -> Wed 27 Dec 2028, not Tue 2 Jan 2029",
        ),
        pytest.param(
            D(2028, 9, 1),
            D(2028, 11, 23),
            D(2028, 12, 27),
            id="r20(1)(c)(ii)+r12(2): certificate 23 Nov 2028 + 1m = Sat 23 Dec -> Wed 27 Dec",
        ),
        pytest.param(
            D(2029, 10, 22), None, D(2029, 12, 24), id="r12(2): Sat 22 Dec 2029 -> Mon 24"
        ),
        pytest.param(
            D(2029, 10, 23), None, D(2029, 12, 24), id="r12(2): Sun 23 Dec 2029 -> Mon 24"
        ),
        pytest.param(
            D(2023, 10, 23), None, D(2023, 12, 27), id="r12(2): Sat 23 Dec 2023 -> Wed 27 Dec 2023"
        ),
        pytest.param(
            D(2023, 10, 24), None, D(2023, 12, 27), id="r12(2): Sun 24 Dec 2023 -> Wed 27 Dec 2023"
        ),
    ],
)
def test_appeal_deadline_for_a_weekend_just_before_august_or_christmas(
    decision_sent: date, certificate_issued: date | None, expected: date
) -> None:
    assert appeal_deadline(decision_sent, certificate_issued) == expected


@pytest.mark.parametrize(
    ("day", "inside", "period_end"),
    [
        pytest.param(D(2027, 7, 31), False, None, id="r12(3)(a): 31 Jul is outside"),
        pytest.param(D(2027, 8, 1), True, D(2027, 8, 31), id="r12(3)(a): 1 Aug is inside"),
        pytest.param(D(2027, 8, 31), True, D(2027, 8, 31), id="r12(3)(a): 31 Aug is inside"),
        pytest.param(D(2027, 9, 1), False, None, id="r12(3)(a): 1 Sep is outside"),
        pytest.param(D(2028, 12, 24), False, None, id="r12(3)(a): 24 Dec is outside"),
        pytest.param(D(2028, 12, 25), True, D(2029, 1, 1), id="r12(3)(a): 25 Dec is inside"),
        pytest.param(D(2028, 12, 31), True, D(2029, 1, 1), id="r12(3)(a): 31 Dec is inside"),
        pytest.param(D(2029, 1, 1), True, D(2029, 1, 1), id="r12(3)(a): 1 Jan is inside"),
        pytest.param(D(2029, 1, 2), False, None, id="r12(3)(a): 2 Jan is outside"),
    ],
)
def test_the_august_and_christmas_periods(day: date, inside: bool, period_end: date | None) -> None:
    assert in_closed_period(day) is inside
    if period_end is not None:
        assert closed_period_end(day) == period_end


def test_a_one_off_holiday_after_a_july_weekend_still_leaves_the_time_in_august() -> None:
    # HESC Rules r.12(2): hypothetical one-off bank holiday on Monday 2 August 2027. Nominal end
    # Sat 31 Jul 2027; Sun 1 Aug and Mon 2 Aug are not working days -> Tue 3 Aug 2027. The
    # nominal end is in July, so r.12(3)(a) does not apply: not Wed 1 Sep 2027.
    calendar = WorkingCalendar([D(2027, 8, 2)])
    assert appeal_deadline(D(2027, 5, 31), calendar=calendar) == D(2027, 8, 3)


@pytest.mark.parametrize(
    ("agreement", "action", "expected"),
    [
        pytest.param(D(2026, 6, 1), A.START_ASSESSMENT, D(2026, 6, 15), id="reg44: assess 2 weeks"),
        pytest.param(D(2026, 6, 1), A.MAKE_PLAN, D(2026, 7, 6), id="reg44: make plan 5 weeks"),
        pytest.param(
            D(2026, 12, 1),
            A.AMEND_PLAN,
            D(2027, 1, 5),
            id="reg44: amend plan 5 weeks over New Year",
        ),
        pytest.param(
            D(2026, 12, 11),
            A.CHANGE_SCHOOL,
            D(2026, 12, 25),
            id="reg44: change school 2 weeks lands on Christmas Day, not moved",
        ),
        pytest.param(
            D(2026, 8, 17),
            A.START_ASSESSMENT,
            D(2026, 8, 31),
            id="reg44: lands on summer bank holiday Mon 31 Aug 2026, not moved",
        ),
        pytest.param(D(2026, 6, 1), A.CONTINUE_TO_MAINTAIN, None, id="reg44: continue immediately"),
        pytest.param(D(2026, 6, 1), A.CEASE_TO_MAINTAIN, None, id="reg44(2)(a): cease immediately"),
        pytest.param(D(2026, 2, 20), A.OTHER_MATTERS, D(2026, 3, 6), id="reg42(3): 2 weeks"),
        pytest.param(
            D(2028, 2, 22), A.OTHER_MATTERS, D(2028, 3, 7), id="reg42(3): 2 weeks over 29 Feb 2028"
        ),
        pytest.param(
            D(2026, 12, 18),
            A.ICB_TELLS_LA,
            D(2026, 12, 25),
            id="reg42(4): 1 week lands on Christmas Day, not moved",
        ),
        pytest.param(D(2027, 2, 22), A.ICB_TELLS_LA, D(2027, 3, 1), id="reg42(4): 1 week"),
    ],
)
def test_post_agreement_due(
    agreement: date, action: PostAgreementAction, expected: date | None
) -> None:
    assert post_agreement_due(agreement, action) == expected


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        pytest.param(D(2026, 6, 15), D(2026, 6, 8), id="reg37: Mon 15 Jun 2026 -> Mon 8 Jun"),
        pytest.param(D(2026, 6, 12), D(2026, 6, 5), id="reg37: Fri 12 Jun 2026 -> Fri 5 Jun"),
        pytest.param(D(2026, 4, 7), D(2026, 3, 27), id="reg37: Tue 7 Apr 2026 skips Easter"),
        pytest.param(D(2027, 1, 6), D(2026, 12, 29), id="reg37: Wed 6 Jan 2027 skips 1 Jan"),
        pytest.param(D(2022, 9, 20), D(2022, 9, 12), id="reg37: Tue 20 Sep 2022 skips funeral"),
        pytest.param(D(2022, 6, 9), D(2022, 5, 31), id="reg37: Thu 9 Jun 2022 skips 2-3 Jun"),
        pytest.param(D(2026, 6, 13), D(2026, 6, 8), id="reg37: Saturday meeting -> Mon 8 Jun"),
    ],
)
def test_latest_notice_date(meeting: date, expected: date) -> None:
    assert latest_notice_date(meeting) == expected


@pytest.mark.parametrize(
    ("sent", "meeting", "agreed", "expected"),
    [
        pytest.param(D(2026, 6, 8), D(2026, 6, 15), False, True, id="reg37: 5wd exactly"),
        pytest.param(D(2026, 6, 9), D(2026, 6, 15), False, False, id="reg37: 4wd too short"),
        pytest.param(
            D(2026, 6, 7), D(2026, 6, 12), False, False, id="reg37: Sun before a Fri meeting"
        ),
        pytest.param(D(2026, 6, 5), D(2026, 6, 12), False, True, id="reg37: Fri a week before"),
        pytest.param(D(2026, 6, 10), D(2026, 6, 15), True, True, id="reg37: family agreed less"),
        pytest.param(D(2026, 6, 15), D(2026, 6, 15), True, True, id="reg37: agreed, same day"),
        pytest.param(D(2026, 6, 16), D(2026, 6, 15), True, False, id="reg37: after the meeting"),
        pytest.param(D(2026, 12, 29), D(2027, 1, 6), False, True, id="reg37: over New Year ok"),
        pytest.param(D(2026, 12, 30), D(2027, 1, 6), False, False, id="reg37: New Year short"),
    ],
)
def test_notice_is_sufficient(sent: date, meeting: date, agreed: bool, expected: bool) -> None:
    assert notice_is_sufficient(sent, meeting, family_agreed_shorter=agreed) is expected
