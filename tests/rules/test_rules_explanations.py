"""Deadlines carry their legal basis and a plain-English account of how they were counted."""

from datetime import date

import pytest

from accord.rules import (
    CLOCKS,
    Clock,
    LegalBasis,
    PostAgreementAction,
    Responsible,
    appeal_deadline,
    certificate_due,
    compute,
    explain_appeal_deadline,
    explain_certificate_due,
    explain_latest_notice_date,
    explain_mediation_due,
    explain_post_agreement,
    latest_notice_date,
    post_agreement_due,
)

D = date


def test_every_clock_is_registered_with_its_basis() -> None:
    assert set(CLOCKS) == set(Clock)
    for clock in Clock:
        assert Clock.from_key(clock.key) is clock
        assert clock.label and clock.length and clock.responsible and clock.starts_from
        assert isinstance(clock.basis, LegalBasis)
        assert clock.basis.citation and clock.basis.summary


def test_clock_keys_are_stable() -> None:
    # Stored in the database (CaseClock.clock, Case.next_deadline_clock, reminder keys):
    # changing one needs a data migration.
    assert [clock.key for clock in Clock] == [
        "adviser_contact",
        "certificate_no_mediation",
        "certificate_not_pursued",
        "health_body_notice",
        "mediation_held",
        "mediation_held_health_only",
        "meeting_notice",
        "certificate_not_held_in_time",
        "certificate_after_mediation",
        "appeal",
        "agreement_appealable_matters",
        "agreement_other_matters",
        "icb_tells_la",
    ]


@pytest.mark.parametrize(
    ("clock", "responsible"),
    [
        pytest.param(Clock.ADVISER_CONTACT, Responsible.FAMILY, id="SEND Regs reg 33"),
        pytest.param(
            Clock.CERTIFICATE_NO_MEDIATION, Responsible.MEDIATION_ADVISER, id="SEND Regs reg 34"
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_PURSUED,
            Responsible.MEDIATION_ADVISER,
            id="SEND Regs reg 34 fails to pursue",
        ),
        pytest.param(Clock.HEALTH_BODIES_NOTICE, Responsible.LOCAL_AUTHORITY, id="reg 36 notice"),
        pytest.param(Clock.MEDIATION_HELD_LA, Responsible.LOCAL_AUTHORITY, id="regs 35-37"),
        pytest.param(Clock.MEDIATION_HELD_HEALTH_ONLY, Responsible.ICB, id="reg 36 mediation"),
        pytest.param(Clock.MEETING_NOTICE, Responsible.ARRANGER, id="SEND Regs reg 37 notice"),
        pytest.param(
            Clock.CERTIFICATE_NOT_HELD_IN_TIME,
            Responsible.MEDIATION_ADVISER,
            id="SEND Regs reg 37 certificate",
        ),
        pytest.param(Clock.CERTIFICATE_AFTER_MEDIATION, Responsible.MEDIATOR, id="reg 39"),
        pytest.param(Clock.TRIBUNAL_APPEAL, Responsible.FAMILY, id="HESC Rules r.20"),
        pytest.param(Clock.AGREEMENT_APPEALABLE, Responsible.LOCAL_AUTHORITY, id="reg 42(2)"),
        pytest.param(
            Clock.AGREEMENT_OTHER, Responsible.LOCAL_AUTHORITY_OR_ICB, id="SEND Regs reg 42(3)"
        ),
        pytest.param(Clock.ICB_TELLS_LA, Responsible.ICB, id="SEND Regs reg 42(4)"),
    ],
)
def test_each_clock_names_who_must_meet_it(clock: Clock, responsible: Responsible) -> None:
    assert clock.responsible is responsible
    assert responsible.label


def test_the_family_is_one_responsible_party_with_one_label() -> None:
    # CFA s.83: the parent's, or from compulsory school age the young person's, own clock.
    assert {c for c in Clock if c.responsible is Responsible.FAMILY} == {
        Clock.ADVISER_CONTACT,
        Clock.TRIBUNAL_APPEAL,
    }
    assert Responsible.FAMILY.label == "Parent or young person"
    assert len({r.label for r in Responsible}) == len(Responsible)


def test_both_thirty_day_clocks_to_hold_the_mediation_count_as_one() -> None:
    # SEND Regs regs 35-37 (the LA's) and reg 36 (the ICB's, health care only): one clock on a
    # case, counted once in reports.
    assert Clock.MEDIATION_HELD_HEALTH_ONLY.counted_as is Clock.MEDIATION_HELD_LA
    assert [c for c in Clock if c.counted_as is not c] == [Clock.MEDIATION_HELD_HEALTH_ONLY]


def test_appeal_explanation_names_the_short_month_and_the_sunday() -> None:
    deadline = explain_appeal_deadline(D(2026, 12, 31))
    assert deadline.due == D(2027, 3, 1)
    assert deadline.clock is Clock.TRIBUNAL_APPEAL
    assert deadline.start == D(2026, 12, 31)
    assert "2 months after 31 December 2026 is 28 February 2027" in deadline.steps[1]
    assert "February 2027 has no 31st day" in deadline.steps[1]
    assert any(
        "28 February 2027 is a Sunday, so the deadline moves to the next working day, "
        "Monday 1 March 2027" in step
        for step in deadline.steps
    )
    assert [basis.citation for basis in deadline.basis][:3] == [
        "HESC Rules r.20(1)(c)",
        "HESC Rules r.12(2)",
        "HESC Rules r.12(3)(a)",
    ]


def test_appeal_explanation_names_august_and_the_certificate_limb() -> None:
    deadline = explain_appeal_deadline(D(2026, 5, 31), D(2026, 7, 2))
    text = " ".join(deadline.steps)
    assert "1 month after 2 July 2026 is 2 August 2026" in text
    assert "r.20(1)(c)(ii)" in text
    assert "2 August 2026 is in August" in text
    assert deadline.steps[-1] == (
        "The appeal must reach the tribunal by 5pm on Tuesday 1 September 2026 "
        "(HESC Rules r.12(1))."
    )


def test_appeal_explanation_names_the_christmas_period_and_substitute_day() -> None:
    # HESC Rules r.12(3)(a): nominal end Mon 27 Dec 2027, in the period -> the first working day
    # after Sat 1 Jan 2028; Sun 2 Jan, then Mon 3 Jan is the New Year substitute bank holiday.
    deadline = explain_appeal_deadline(D(2027, 10, 27))
    text = " ".join(deadline.steps)
    assert "27 December 2027 falls between 25 December and 1 January" in text
    assert "(HESC Rules r.12(3)(a)): Tuesday 4 January 2028" in text
    assert "3 January 2028 is the New Year's Day substitute bank holiday" in text
    assert "One reading" not in text
    assert deadline.due == D(2028, 1, 4)


def test_certificate_explanation_lists_skipped_days() -> None:
    deadline = explain_certificate_due(D(2026, 12, 23))
    assert deadline.due == D(2026, 12, 30)
    assert "Working day 1: Thursday 24 December 2026." in deadline.steps
    skipped = next(step for step in deadline.steps if step.startswith("Skip"))
    assert "Friday 25 December 2026 (Christmas Day)" in skipped
    assert "Monday 28 December 2026 (Boxing Day substitute bank holiday)" in skipped
    assert deadline.steps[-1].endswith("(SEND Regs reg 34; CFA s.55(4)).")


def test_certificate_explanation_for_the_other_certificate_clocks() -> None:
    after = explain_certificate_due(D(2023, 5, 4), Clock.CERTIFICATE_AFTER_MEDIATION)
    assert after.due == D(2023, 5, 10)
    assert any("Coronation of Charles III" in step for step in after.steps)
    assert after.basis[0].citation == "SEND Regs reg 39; CFA s.55(5)"
    # SEND Regs reg 34: the family chose mediation, then withdrew or stopped replying.
    not_pursued = explain_certificate_due(D(2026, 4, 1), Clock.CERTIFICATE_NOT_PURSUED)
    assert not_pursued.due == D(2026, 4, 8)
    assert not_pursued.steps[0] == (
        "The clock starts on Wednesday 1 April 2026, when the adviser learned the family is no "
        "longer pursuing the mediation they chose."
    )
    assert any("Friday 3 April 2026 (Good Friday)" in step for step in not_pursued.steps)
    assert not_pursued.steps[-1].endswith("(SEND Regs reg 34; CFA s.55(4)).")
    assert not_pursued.clock.responsible is Responsible.MEDIATION_ADVISER
    late = compute(Clock.CERTIFICATE_NOT_HELD_IN_TIME, D(2022, 9, 16))
    assert late.due == D(2022, 9, 22)
    assert any("State Funeral of Queen Elizabeth II" in step for step in late.steps)
    with pytest.raises(ValueError):
        explain_certificate_due(D(2026, 1, 5), Clock.TRIBUNAL_APPEAL)


def test_mediation_explanation_says_the_date_is_not_moved() -> None:
    deadline = explain_mediation_due(D(2026, 11, 25))
    assert deadline.due == D(2026, 12, 25)
    assert any("25 December 2026 is Christmas Day" in step for step in deadline.steps)
    assert any("Nothing in the SEND Regulations moves" in step for step in deadline.steps)
    health = compute(Clock.MEDIATION_HELD_HEALTH_ONLY, D(2026, 1, 15))
    assert health.clock is Clock.MEDIATION_HELD_HEALTH_ONLY
    assert health.due == D(2026, 2, 14)


def test_notice_explanation_counts_back() -> None:
    deadline = explain_latest_notice_date(D(2026, 6, 12))
    assert deadline.due == D(2026, 6, 5)
    assert "5th working day before: Friday 5 June 2026." in deadline.steps
    assert deadline.basis[0].citation == "SEND Regs reg 37"


def test_post_agreement_explanations() -> None:
    immediate = explain_post_agreement(D(2026, 6, 1), PostAgreementAction.CEASE_TO_MAINTAIN)
    assert immediate.due is None and immediate.is_immediate
    assert immediate.clock is Clock.AGREEMENT_APPEALABLE
    plan = explain_post_agreement(D(2026, 6, 1), PostAgreementAction.MAKE_PLAN)
    assert plan.due == D(2026, 7, 6)
    assert any("11 weeks" in step for step in plan.steps)
    christmas = explain_post_agreement(D(2026, 12, 18), PostAgreementAction.ICB_TELLS_LA)
    assert christmas.clock is Clock.ICB_TELLS_LA
    assert any("Nothing in regulation 42 moves" in step for step in christmas.steps)


@pytest.mark.parametrize(
    ("clock", "start", "kwargs", "expected"),
    [
        pytest.param(Clock.ADVISER_CONTACT, D(2027, 12, 31), {}, D(2028, 2, 29), id="reg33"),
        pytest.param(
            Clock.CERTIFICATE_NO_MEDIATION, D(2026, 12, 23), {}, D(2026, 12, 30), id="reg34"
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_PURSUED,
            D(2026, 12, 24),
            {},
            D(2026, 12, 31),
            id="reg34 not pursued",
        ),
        pytest.param(Clock.HEALTH_BODIES_NOTICE, D(2026, 4, 1), {}, D(2026, 4, 8), id="reg36"),
        pytest.param(Clock.MEDIATION_HELD_LA, D(2028, 2, 1), {}, D(2028, 3, 2), id="regs35-37"),
        pytest.param(Clock.MEETING_NOTICE, D(2026, 6, 15), {}, D(2026, 6, 8), id="reg37 notice"),
        pytest.param(
            Clock.TRIBUNAL_APPEAL,
            D(2026, 3, 2),
            {"certificate_issued": D(2026, 4, 20)},
            D(2026, 5, 20),
            id="r20 with certificate",
        ),
        pytest.param(
            Clock.AGREEMENT_APPEALABLE,
            D(2026, 6, 1),
            {"action": PostAgreementAction.START_ASSESSMENT},
            D(2026, 6, 15),
            id="reg42(2)",
        ),
        pytest.param(Clock.AGREEMENT_OTHER, D(2026, 2, 20), {}, D(2026, 3, 6), id="reg42(3)"),
        pytest.param(Clock.ICB_TELLS_LA, D(2027, 2, 22), {}, D(2027, 3, 1), id="reg42(4)"),
    ],
)
def test_compute_every_clock(
    clock: Clock, start: date, kwargs: dict[str, object], expected: date
) -> None:
    deadline = compute(clock, start, **kwargs)  # type: ignore[arg-type]
    assert deadline.clock is clock
    assert deadline.due == expected
    assert deadline.steps
    assert deadline.basis


def test_compute_refuses_a_missing_or_wrong_action() -> None:
    with pytest.raises(ValueError):
        compute(Clock.AGREEMENT_APPEALABLE, D(2026, 6, 1))
    with pytest.raises(ValueError):
        compute(Clock.AGREEMENT_APPEALABLE, D(2026, 6, 1), action=PostAgreementAction.OTHER_MATTERS)
    with pytest.raises(ValueError):
        compute(Clock.ICB_TELLS_LA, D(2026, 6, 1), action=PostAgreementAction.MAKE_PLAN)


@pytest.mark.parametrize(
    "start",
    [D(2026, 12, 23), D(2022, 9, 16), D(2027, 12, 30), D(2026, 6, 6), D(2028, 2, 28)],
)
def test_fast_path_and_explanation_agree(start: date) -> None:
    assert compute(Clock.CERTIFICATE_AFTER_MEDIATION, start).due == certificate_due(start)
    assert compute(Clock.TRIBUNAL_APPEAL, start).due == appeal_deadline(start)
    assert compute(Clock.MEETING_NOTICE, start).due == latest_notice_date(start)
    for action in PostAgreementAction:
        assert explain_post_agreement(start, action).due == post_agreement_due(start, action)


@pytest.mark.parametrize(
    ("decision_sent", "earlier", "later"),
    [
        # HESC Rules r.12(2) only: nominal end Sat 31 Jul 2027 -> Mon 2 Aug 2027. Extending that
        # again under r.12(3)(a) would give Wed 1 Sep 2027.
        pytest.param(
            D(2027, 5, 31),
            "Monday 2 August 2027",
            "Wednesday 1 September 2027",
            id="r12(2): Sat 31 Jul 2027 -> Mon 2 Aug, not Wed 1 Sep",
        ),
        # r.12(2) only: Sat 23 Dec 2028 -> Wed 27 Dec 2028 (25 and 26 Dec are bank holidays);
        # r.12(3)(a) on top would give Tue 2 Jan 2029 (Mon 1 Jan 2029 is New Year's Day).
        pytest.param(
            D(2028, 10, 23),
            "Wednesday 27 December 2028",
            "Tuesday 2 January 2029",
            id="r12(2): Sat 23 Dec 2028 -> Wed 27 Dec, not Tue 2 Jan 2029",
        ),
        # r.12(2) only: Sat 24 Dec 2022 -> Wed 28 Dec 2022 (Tue 27 Dec is the Christmas Day
        # substitute day); r.12(3)(a) on top would give Tue 3 Jan 2023.
        pytest.param(
            D(2022, 10, 24),
            "Wednesday 28 December 2022",
            "Tuesday 3 January 2023",
            id="r12(2): Sat 24 Dec 2022 -> Wed 28 Dec, not Tue 3 Jan 2023",
        ),
    ],
)
def test_appeal_explanation_shows_the_earlier_reading_and_says_why(
    decision_sent: date, earlier: str, later: str
) -> None:
    deadline = explain_appeal_deadline(decision_sent)
    text = " ".join(deadline.steps)
    assert f"so the deadline moves to the next working day, {earlier}" in text
    assert "(HESC Rules r.12(2))" in text
    assert "One reading of the rules would treat the time as ending on that day" in text
    assert f"extend it again under HESC Rules r.12(3)(a), to {later}" in text
    assert "r.12(3)(a) applies only where the time itself ends" in text
    assert f"The earlier date, {earlier}, is shown to be safe" in text
    assert deadline.steps[-1] == (
        f"The appeal must reach the tribunal by 5pm on {earlier} (HESC Rules r.12(1))."
    )


@pytest.mark.parametrize(
    "decision_sent",
    [
        pytest.param(D(2026, 6, 10), id="r12(3)(a): 10 Aug 2026, in August"),
        pytest.param(D(2029, 10, 22), id="r12(2): Sat 22 Dec 2029 -> Mon 24 Dec, outside"),
        pytest.param(D(2026, 1, 15), id="r12(2): Sun 15 Mar 2026 -> Mon 16 Mar"),
        pytest.param(D(2026, 10, 24), id="r20: Thu 24 Dec 2026 stands"),
    ],
)
def test_appeal_explanation_mentions_a_second_reading_only_when_they_differ(
    decision_sent: date,
) -> None:
    assert not any("One reading" in step for step in explain_appeal_deadline(decision_sent).steps)


def test_appeal_explanation_names_the_weekend_it_skips():
    # HESC Rules r.12(3): a limit ending in the Christmas period runs to the first working day
    # after 1 January; 2–3 January 2027 are a weekend, so the family can count it themselves.
    from datetime import date

    from accord import rules

    explained = rules.explain_appeal_deadline(date(2026, 10, 25))
    assert explained.due == date(2027, 1, 4)
    text = " ".join(explained.steps)
    assert "2 January 2027 and 3 January 2027 are a weekend" in text
