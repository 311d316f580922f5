"""Properties that must hold for every date, checked with hypothesis."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from accord.rules import (
    PostAgreementAction,
    add_working_days,
    adviser_contact_deadline,
    age_on,
    appeal_deadline,
    certificate_due,
    compulsory_school_age_ends,
    health_body_notice_due,
    in_closed_period,
    is_working_day,
    is_young_person,
    latest_notice_date,
    mediation_due,
    nominal_appeal_end,
    notice_is_sufficient,
    post_agreement_due,
    working_days_between,
)
from accord.rules.appeals import closed_period_end
from accord.rules.periods import add_months

dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
births = st.dates(min_value=date(1995, 1, 1), max_value=date(2025, 12, 31))
small_n = st.integers(min_value=0, max_value=40)


@given(dates)
def test_certificate_due_is_a_working_day_soon_after(start: date) -> None:
    due = certificate_due(start)
    assert due > start
    assert is_working_day(due)
    assert (due - start).days <= 14
    assert working_days_between(start, due) == 3


@given(dates)
def test_health_notice_is_a_working_day_after(start: date) -> None:
    due = health_body_notice_due(start)
    assert start < due <= start + timedelta(days=14)
    assert is_working_day(due)


@given(dates, small_n, small_n)
def test_add_working_days_is_monotonic_in_n(start: date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@given(dates, dates, st.integers(min_value=1, max_value=10))
def test_add_working_days_is_monotonic_in_start(a: date, b: date, n: int) -> None:
    first, second = sorted((a, b))
    assert add_working_days(first, n) <= add_working_days(second, n)


@given(dates, st.integers(min_value=1, max_value=30))
def test_add_working_days_lands_on_a_working_day_and_inverts(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n


@given(dates, st.one_of(st.none(), dates))
def test_appeal_deadline_is_never_early_and_is_a_proper_day(
    decision_sent: date, certificate_issued: date | None
) -> None:
    due = appeal_deadline(decision_sent, certificate_issued)
    nominal = nominal_appeal_end(decision_sent, certificate_issued)
    assert due >= add_months(decision_sent, 2)
    if certificate_issued is not None:
        assert due >= add_months(certificate_issued, 1)
    assert due >= nominal
    assert is_working_day(due)
    if in_closed_period(nominal):
        # HESC Rules r.12(3)(a): the first working day after 31 August or 1 January.
        end = closed_period_end(nominal)
        assert due > end
        assert not in_closed_period(due)
        day = end + timedelta(days=1)
    else:
        # r.12(2) only: the first working day on or after the nominal end, even inside August
        # or 25 December-1 January.
        day = nominal
    while day < due:
        assert not is_working_day(day)
        day += timedelta(days=1)


@given(dates, st.one_of(st.none(), dates))
def test_appeal_deadline_is_the_earlier_of_the_two_readings(
    decision_sent: date, certificate_issued: date | None
) -> None:
    # Reading r.12(2) as ending the time on the next working day, and then applying r.12(3)(a)
    # to that day, gives the first working day on or after the nominal end that is outside
    # August and 25 December-1 January. The engine never gives a later date than that, and
    # gives an earlier one only when that next working day is inside a period.
    nominal = nominal_appeal_end(decision_sent, certificate_issued)
    combined = nominal
    while not is_working_day(combined) or in_closed_period(combined):
        combined += timedelta(days=1)
    due = appeal_deadline(decision_sent, certificate_issued)
    assert due <= combined
    if due < combined:
        assert not in_closed_period(nominal)
        assert not is_working_day(nominal)
        assert in_closed_period(due)


@given(dates)
def test_mediation_is_due_thirty_days_later(start: date) -> None:
    assert mediation_due(start) - start == timedelta(days=30)


@given(dates)
def test_adviser_contact_is_two_months_on_or_earlier_day_number(start: date) -> None:
    due = adviser_contact_deadline(start)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == 2
    assert due.day <= start.day


@given(dates, st.sampled_from(list(PostAgreementAction)))
def test_post_agreement_dates_are_after_the_agreement(
    agreement: date, action: PostAgreementAction
) -> None:
    due = post_agreement_due(agreement, action)
    if action in (PostAgreementAction.CONTINUE_TO_MAINTAIN, PostAgreementAction.CEASE_TO_MAINTAIN):
        assert due is None
    else:
        assert due is not None
        assert due > agreement
        assert (due - agreement).days % 7 == 0


@given(dates)
def test_latest_notice_date_is_exactly_enough(meeting: date) -> None:
    latest = latest_notice_date(meeting)
    assert latest < meeting
    assert is_working_day(latest)
    assert notice_is_sufficient(latest, meeting)
    assert not notice_is_sufficient(latest + timedelta(days=1), meeting)


@given(births)
def test_compulsory_school_age_ends_on_a_june_friday_near_sixteen(dob: date) -> None:
    ends = compulsory_school_age_ends(dob)
    assert ends.month == 6 and ends.weekday() == 4 and ends.day >= 24
    assert age_on(dob, ends) in (15, 16)
    assert not is_young_person(dob, ends)
    assert is_young_person(dob, ends + timedelta(days=1))
