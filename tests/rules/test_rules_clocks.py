"""The dates of every clock, one row per case, each citing its rule.

Expected dates are literals checked by hand against a calendar and the England bank holidays.
"""

from datetime import date

import pytest

from accord.rules import (
    PostAgreementAction,
    WorkingCalendar,
    adviser_contact_deadline,
    appeal_deadline,
    certificate_due,
    health_body_notice_due,
    latest_notice_date,
    mediation_due,
    notice_is_sufficient,
    post_agreement_due,
)

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
            D(2023, 1, 3),
            id="r12(2)+(3): Sat 24 Dec 2022 -> Wed 28 Dec, in the period -> Tue 3 Jan 2023",
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
            D(2027, 9, 1),
            id="r12(2)+(3): Sat 31 Jul 2027 -> Mon 2 Aug, in August -> Wed 1 Sep 2027",
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
