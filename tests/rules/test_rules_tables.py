"""The rules' tables and cached explanations, read directly.

Mutation testing (`make mutation`) does not change module-level tables, properties or functions
behind a cache decorator, so a wrong entry there would not show in its score: these tests check
them entry by entry, each row citing its rule.
"""

from datetime import date

import pytest

from accord.rules import (
    CLOCKS,
    MEDIATION_ROUTES,
    Clock,
    DecisionKind,
    DisagreementWith,
    PlanSection,
    PostAgreementAction,
    Responsible,
    Route,
    WorkingCalendar,
    explain_appeal_deadline,
    explain_latest_notice_date,
    explain_post_agreement,
)
from accord.rules import calendar as calendar_module
from accord.rules.decisions import APPEALABLE_SECTIONS, HEALTH_SECTIONS, SOCIAL_CARE_SECTIONS

D = date
A = PostAgreementAction
R = Responsible
S = PlanSection

WORKING_DAYS = "SEND Regs reg 2(1)"
CORRESPONDING_DATE = "Dodds v Walker [1981] 1 WLR 1027 (HL)"


@pytest.mark.parametrize(
    ("clock", "label", "length", "responsible", "citations"),
    [
        pytest.param(
            Clock.ADVISER_CONTACT,
            "Contact the mediation adviser",
            "2 months",
            R.FAMILY,
            ("SEND Regs reg 33", CORRESPONDING_DATE),
            id="SEND Regs reg 33",
        ),
        pytest.param(
            Clock.CERTIFICATE_NO_MEDIATION,
            "Certificate when mediation is not wanted",
            "3 working days",
            R.MEDIATION_ADVISER,
            ("SEND Regs reg 34; CFA s.55(4)", WORKING_DAYS),
            id="SEND Regs reg 34 not wanted",
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_PURSUED,
            "Certificate when the family does not pursue mediation",
            "3 working days",
            R.MEDIATION_ADVISER,
            ("SEND Regs reg 34; CFA s.55(4)", WORKING_DAYS),
            id="SEND Regs reg 34 fails to pursue",
        ),
        pytest.param(
            Clock.HEALTH_BODIES_NOTICE,
            "Tell the health body (ICB) the mediation issues",
            "3 working days",
            R.LOCAL_AUTHORITY,
            ("SEND Regs reg 36", WORKING_DAYS),
            id="SEND Regs reg 36 notice",
        ),
        pytest.param(
            Clock.MEDIATION_HELD_LA,
            "Hold the mediation",
            "30 days",
            R.LOCAL_AUTHORITY,
            ("SEND Regs regs 35-37",),
            id="SEND Regs regs 35-37",
        ),
        pytest.param(
            Clock.MEDIATION_HELD_HEALTH_ONLY,
            "Hold the mediation (health care only)",
            "30 days",
            R.ICB,
            ("SEND Regs reg 36",),
            id="SEND Regs reg 36 mediation",
        ),
        pytest.param(
            Clock.MEETING_NOTICE,
            "Tell the family the date and place of the mediation",
            "at least 5 working days before, unless the family agrees to less",
            R.ARRANGER,
            ("SEND Regs reg 37", WORKING_DAYS),
            id="SEND Regs reg 37 notice",
        ),
        pytest.param(
            Clock.CERTIFICATE_NOT_HELD_IN_TIME,
            "Certificate when mediation cannot be held in time",
            "3 working days",
            R.MEDIATION_ADVISER,
            ("SEND Regs reg 37", WORKING_DAYS),
            id="SEND Regs reg 37 certificate",
        ),
        pytest.param(
            Clock.CERTIFICATE_AFTER_MEDIATION,
            "Certificate after mediation",
            "3 working days",
            R.MEDIATOR,
            ("SEND Regs reg 39; CFA s.55(5)", WORKING_DAYS),
            id="SEND Regs reg 39",
        ),
        pytest.param(
            Clock.TRIBUNAL_APPEAL,
            "Appeal to the SEND Tribunal",
            "the later of 2 months after the decision notice and 1 month after the certificate; "
            "if that day is in August or 25 December to 1 January, the first working day after "
            "it; otherwise, if it is not a working day, the next working day",
            R.FAMILY,
            (
                "HESC Rules r.20(1)(c)",
                "HESC Rules r.12(2)",
                "HESC Rules r.12(3)(a)",
                "HESC Rules r.1(3)",
                CORRESPONDING_DATE,
            ),
            id="HESC Rules r.20, r.12",
        ),
        pytest.param(
            Clock.AGREEMENT_APPEALABLE,
            "Carry out an agreement on appealable matters",
            "as for a tribunal order: 2 weeks, 5 weeks or immediately, by kind of action",
            R.LOCAL_AUTHORITY,
            ("SEND Regs reg 42(2)", "SEND Regs reg 44", "SEND Regs reg 42(5)"),
            id="SEND Regs reg 42(2), reg 44",
        ),
        pytest.param(
            Clock.AGREEMENT_OTHER,
            "Carry out an agreement on other matters",
            "2 weeks",
            R.LOCAL_AUTHORITY_OR_ICB,
            ("SEND Regs reg 42(3)", "SEND Regs reg 42(5)"),
            id="SEND Regs reg 42(3)",
        ),
        pytest.param(
            Clock.ICB_TELLS_LA,
            "ICB tells the local authority about the agreement",
            "1 week",
            R.ICB,
            ("SEND Regs reg 42(4)",),
            id="SEND Regs reg 42(4)",
        ),
    ],
)
def test_each_clock_in_the_table(
    clock: Clock, label: str, length: str, responsible: Responsible, citations: tuple[str, ...]
) -> None:
    assert (clock.label, clock.length, clock.responsible) == (label, length, responsible)
    assert tuple(basis.citation for basis in clock.bases) == citations
    assert clock.basis is clock.bases[0]
    assert clock.info is CLOCKS[clock]
    assert clock.starts_from == CLOCKS[clock].starts_from


@pytest.mark.parametrize(
    ("action", "weeks", "clock"),
    [
        pytest.param(A.START_ASSESSMENT, 2, Clock.AGREEMENT_APPEALABLE, id="reg44(2)(b): 2 weeks"),
        pytest.param(A.MAKE_PLAN, 5, Clock.AGREEMENT_APPEALABLE, id="reg44(2)(c): 5 weeks"),
        pytest.param(A.AMEND_PLAN, 5, Clock.AGREEMENT_APPEALABLE, id="reg44(2): amend, 5 weeks"),
        pytest.param(A.CHANGE_SCHOOL, 2, Clock.AGREEMENT_APPEALABLE, id="reg44(2): school, 2 wk"),
        pytest.param(A.CONTINUE_TO_MAINTAIN, None, Clock.AGREEMENT_APPEALABLE, id="reg44(2): now"),
        pytest.param(A.CEASE_TO_MAINTAIN, None, Clock.AGREEMENT_APPEALABLE, id="reg44(2)(a): now"),
        pytest.param(A.OTHER_MATTERS, 2, Clock.AGREEMENT_OTHER, id="reg42(3): 2 weeks"),
        pytest.param(A.ICB_TELLS_LA, 1, Clock.ICB_TELLS_LA, id="reg42(4): 1 week"),
    ],
)
def test_each_agreed_action_in_the_table(
    action: PostAgreementAction, weeks: int | None, clock: Clock
) -> None:
    assert action.weeks == weeks
    assert action.info.clock is clock
    assert action.appealable is (clock is Clock.AGREEMENT_APPEALABLE)


APPEALABLE_INTRO = (
    "It settles a matter the family could have appealed, so it is carried out as if it were a "
    "tribunal order, within the regulation 44 time limits (SEND Regs reg 42(2))."
)
EXCEPTIONS = (
    "Regulation 44 allows extra time for its listed exceptions (such as the family's "
    "exceptional personal circumstances or absence from the area for 2 weeks or more): record "
    "the exception and the reason."
)
AGREED_TIMESCALE = (
    "If the parties agreed a different timescale in writing, that timescale applies instead "
    "(SEND Regs reg 42(5))."
)
DATED = "The mediation agreement is dated Monday 1 June 2026."


@pytest.mark.parametrize(
    ("action", "due", "steps"),
    [
        pytest.param(
            A.START_ASSESSMENT,
            D(2026, 6, 15),
            (
                DATED,
                APPEALABLE_INTRO,
                "The local authority must tell the family it will carry out the EHC needs "
                "assessment or reassessment within 2 weeks (SEND Regs reg 44(2)(b)).",
                "2 weeks after 1 June 2026 is Monday 15 June 2026.",
                "It must then decide not to issue a plan within 10 weeks, or send the final plan "
                "within 14 weeks, of the agreement (reg 44(2)(b)).",
                EXCEPTIONS,
                AGREED_TIMESCALE,
            ),
            id="reg42(2), reg44(2)(b): assess",
        ),
        pytest.param(
            A.MAKE_PLAN,
            D(2026, 7, 6),
            (
                DATED,
                APPEALABLE_INTRO,
                "The local authority must issue a draft EHC plan within 5 weeks (SEND Regs reg "
                "44(2)(c)).",
                "5 weeks after 1 June 2026 is Monday 6 July 2026.",
                "The final plan must follow within 11 weeks of the agreement (reg 44(2)(c)).",
                EXCEPTIONS,
                AGREED_TIMESCALE,
            ),
            id="reg42(2), reg44(2)(c): make a plan",
        ),
        pytest.param(
            A.CHANGE_SCHOOL,
            D(2026, 6, 15),
            (
                DATED,
                APPEALABLE_INTRO,
                "The local authority must change the school or other institution named in the "
                "plan within 2 weeks (SEND Regs reg 44(2)).",
                "2 weeks after 1 June 2026 is Monday 15 June 2026.",
                EXCEPTIONS,
                AGREED_TIMESCALE,
            ),
            id="reg42(2), reg44(2): change the school",
        ),
        pytest.param(
            A.CEASE_TO_MAINTAIN,
            None,
            (
                DATED,
                APPEALABLE_INTRO,
                "The local authority must cease to maintain the EHC plan immediately; there is "
                "no period to count.",
                AGREED_TIMESCALE,
            ),
            id="reg42(2), reg44(2)(a): cease, immediately",
        ),
        pytest.param(
            A.OTHER_MATTERS,
            D(2026, 6, 15),
            (
                DATED,
                "The local authority or ICB must do what it agreed on matters that cannot be "
                "appealed within 2 weeks (SEND Regs reg 42(3)).",
                "2 weeks after 1 June 2026 is Monday 15 June 2026.",
                AGREED_TIMESCALE,
            ),
            id="reg42(3): other matters, local authority or ICB",
        ),
        pytest.param(
            A.ICB_TELLS_LA,
            D(2026, 6, 8),
            (
                DATED,
                "The ICB must tell the local authority about the agreement within 1 week (SEND "
                "Regs reg 42(4)).",
                "1 week after 1 June 2026 is Monday 8 June 2026.",
            ),
            id="reg42(4): the ICB tells the LA; reg 42(5) does not replace it",
        ),
    ],
)
def test_what_an_agreement_requires_and_by_when(
    action: PostAgreementAction, due: date | None, steps: tuple[str, ...]
) -> None:
    deadline = explain_post_agreement(D(2026, 6, 1), action)
    assert (deadline.clock, deadline.start, deadline.due) == (action.info.clock, D(2026, 6, 1), due)
    assert deadline.steps == steps
    assert deadline.basis[0] is action.info.citation


MOVED_TO_5_MAY = (
    "2 May 2026 is a Saturday, so the deadline moves to the next working day, Tuesday 5 May 2026 "
    "(3 May 2026 is a Sunday; 4 May 2026 is the May Day bank holiday) (HESC Rules r.12(2))."
)


@pytest.mark.parametrize(
    ("certificate", "limb_steps", "due"),
    [
        pytest.param(
            D(2026, 4, 20),
            (
                "The mediation certificate was issued on Monday 20 April 2026.",
                "1 month after 20 April 2026 is 20 May 2026.",
                "The later of the two is 20 May 2026, 1 month after the certificate (HESC Rules "
                "r.20(1)(c)(ii)).",
                "20 May 2026 is a working day outside August and 25 December to 1 January, so "
                "it stands.",
                "The appeal must reach the tribunal by 5pm on Wednesday 20 May 2026 (HESC Rules "
                "r.12(1)).",
            ),
            D(2026, 5, 20),
            id="r20(1)(c)(ii): the certificate limb is later",
        ),
        pytest.param(
            D(2026, 3, 20),
            (
                "The mediation certificate was issued on Friday 20 March 2026.",
                "1 month after 20 March 2026 is 20 April 2026.",
                "The later of the two is 2 May 2026, 2 months after the decision notice (HESC "
                "Rules r.20(1)(c)(i)).",
                MOVED_TO_5_MAY,
                "The appeal must reach the tribunal by 5pm on Tuesday 5 May 2026 (HESC Rules "
                "r.12(1)).",
            ),
            D(2026, 5, 5),
            id="r20(1)(c)(i): the decision limb is later, then r12(2)",
        ),
        pytest.param(
            D(2026, 4, 2),
            (
                "The mediation certificate was issued on Thursday 2 April 2026.",
                "1 month after 2 April 2026 is 2 May 2026.",
                "Both limbs end on 2 May 2026.",
                MOVED_TO_5_MAY,
                "The appeal must reach the tribunal by 5pm on Tuesday 5 May 2026 (HESC Rules "
                "r.12(1)).",
            ),
            D(2026, 5, 5),
            id="r20(1)(c): both limbs end on the same day",
        ),
        pytest.param(
            None,
            (
                "No mediation certificate date is recorded, so only the 2-month limb applies. If "
                "a certificate is issued later, the deadline becomes 1 month after it when that "
                "is later (HESC Rules r.20(1)(c)).",
                MOVED_TO_5_MAY,
                "The appeal must reach the tribunal by 5pm on Tuesday 5 May 2026 (HESC Rules "
                "r.12(1)).",
            ),
            D(2026, 5, 5),
            id="r20(1)(c): no certificate yet",
        ),
    ],
)
def test_the_two_limbs_of_the_appeal_time_limit(
    certificate: date | None, limb_steps: tuple[str, ...], due: date
) -> None:
    deadline = explain_appeal_deadline(D(2026, 3, 2), certificate)
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.TRIBUNAL_APPEAL,
        D(2026, 3, 2),
        due,
    )
    assert deadline.steps == (
        "The decision notice was sent on Monday 2 March 2026.",
        "2 months after 2 March 2026 is 2 May 2026.",
        *limb_steps,
    )


def test_notice_counts_back_over_easter() -> None:
    # SEND Regs reg 37: meeting Tue 7 Apr 2026; Easter Monday 6 Apr and Good Friday 3 Apr skipped.
    deadline = explain_latest_notice_date(D(2026, 4, 7))
    assert (deadline.clock, deadline.start, deadline.due) == (
        Clock.MEETING_NOTICE,
        D(2026, 4, 7),
        D(2026, 3, 27),
    )
    assert deadline.steps == (
        "The mediation meeting is on Tuesday 7 April 2026.",
        "Count back 5 working days; the meeting day itself is not counted.",
        "Skip Monday 6 April 2026 (Easter Monday bank holiday); Sunday 5 April 2026 (Sunday); "
        "Saturday 4 April 2026 (Saturday); Friday 3 April 2026 (Good Friday).",
        "1st working day before: Thursday 2 April 2026.",
        "2nd working day before: Wednesday 1 April 2026.",
        "3rd working day before: Tuesday 31 March 2026.",
        "4th working day before: Monday 30 March 2026.",
        "Skip Sunday 29 March 2026 (Sunday); Saturday 28 March 2026 (Saturday).",
        "5th working day before: Friday 27 March 2026.",
        "Notice of the date and place must be sent on or before Friday 27 March 2026, unless the "
        "family agrees to a shorter period (record that agreement).",
    )


def test_the_decisions_a_family_can_disagree_with() -> None:
    # CFA s.51(2)(a)-(f); CoP 11.6 (other disagreements); Equality Act 2010 Sch.17.
    assert {kind: kind.label for kind in DecisionKind} == {
        DecisionKind.REFUSE_TO_ASSESS: "Refusal to carry out an EHC needs assessment",
        DecisionKind.REFUSE_TO_REASSESS: "Refusal to carry out an EHC needs reassessment",
        DecisionKind.REFUSE_TO_ISSUE_PLAN: "Refusal to issue an EHC plan after an assessment",
        DecisionKind.PLAN_CONTENT: "Content of a final or amended EHC plan",
        DecisionKind.REFUSE_TO_AMEND_OR_REPLACE: (
            "Refusal to amend or replace an EHC plan after a review or reassessment"
        ),
        DecisionKind.CEASE_TO_MAINTAIN: "Decision to cease to maintain an EHC plan",
        DecisionKind.NON_EHC_DISAGREEMENT: "Another disagreement about special educational needs",
        DecisionKind.DISABILITY_DISCRIMINATION: "Disability discrimination claim",
    }


def test_the_sections_of_a_plan_and_which_can_be_appealed() -> None:
    # SEND Regs reg 12 (the sections); CFA s.51(2)(c): B, F and I can be appealed.
    assert [section.label for section in PlanSection] == [
        "B: special educational needs",
        "C: health care needs",
        "D: social care needs",
        "E: outcomes",
        "F: special educational provision",
        "G: health care provision",
        "H1: social care provision under the Chronically Sick and Disabled Persons Act",
        "H2: other social care provision",
        "I: school, college or other institution named (placement)",
    ]
    assert frozenset({S.B, S.F, S.I}) == APPEALABLE_SECTIONS
    assert frozenset({S.C, S.G}) == HEALTH_SECTIONS
    assert frozenset({S.D, S.H1, S.H2}) == SOCIAL_CARE_SECTIONS


def test_the_routes_and_the_parties() -> None:
    # CFA ss.52-54 (mediation), s.57 (disagreement resolution).
    assert [route.label for route in Route] == [
        "Mediation",
        "Health-only mediation",
        "Disagreement resolution",
        "No mediation or disagreement resolution",
    ]
    assert frozenset({Route.MEDIATION, Route.HEALTH_ONLY_MEDIATION}) == MEDIATION_ROUTES
    assert [party.label for party in DisagreementWith] == [
        "The local authority",
        "The school",
        "The early years setting",
        "The college",
        "The health service",
        "Social care",
    ]


def test_christmas_day_is_never_a_working_day_whatever_the_package_says(monkeypatch) -> None:
    # SEND Regs reg 2(1) names Christmas Day itself: the engine adds it if the holidays package
    # ever leaves it out. Here the package is made to return no days at all for 2026.
    real = calendar_module.holidays.country_holidays

    def without_christmas(country: str, subdiv: str, years: int) -> dict[date, str]:
        return {} if years == 2026 else real(country, subdiv=subdiv, years=years)

    monkeypatch.setattr(calendar_module.holidays, "country_holidays", without_christmas)
    calendar_module.england_holidays.cache_clear()
    try:
        assert calendar_module.england_holidays(2026) == ((D(2026, 12, 25), "Christmas Day"),)
        calendar = WorkingCalendar()
        assert calendar.is_working_day(D(2026, 12, 25)) is False
        assert calendar.holiday_name(D(2026, 12, 25)) == "Christmas Day"
        assert calendar.is_working_day(D(2026, 12, 28)) is True  # no substitute day without it
    finally:
        calendar_module.england_holidays.cache_clear()
