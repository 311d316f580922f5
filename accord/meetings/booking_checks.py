"""Every check a booking or a change of a meeting must pass, in the order a coordinator should
hear about them: what was entered, who mediates, DR consent, the risk assessment the provider
asks for, the 30-day clock, then the diary."""

from __future__ import annotations

from accord.cases.models import Case
from accord.meetings.deadline import check_thirty_day_clock
from accord.meetings.details import (
    MeetingDetails,
    check_kind_fits_route,
    check_place,
    check_times,
)
from accord.meetings.dr_consent import check_dr_consent
from accord.meetings.mediator import (
    check_mediator,
    check_not_double_booked,
    check_room_free,
    check_second_chairs,
)
from accord.meetings.models import MAIN_KINDS
from accord.meetings.risk_check import check_risk_assessed


def check_booking(
    case: Case,
    details: MeetingDetails,
    *,
    confirm_after_deadline: bool,
    exclude: int | None = None,
) -> str:
    """Raises `MeetingError` at the first check that fails; returns the 30-day warning if the
    person booking confirmed it (empty when the date is in time). Call inside the booking
    transaction: the diary check locks the mediator's diary."""
    check_times(details)
    check_place(details)
    check_kind_fits_route(case, details.kind)
    check_mediator(case, details.mediator, required=details.kind in MAIN_KINDS)
    check_second_chairs(case, details)
    check_dr_consent(case, details.kind)
    if exclude is None:  # a new booking; a meeting already booked is not refused its change
        check_risk_assessed(case, details.kind)
    warning = check_thirty_day_clock(case, details, confirm_after_deadline)
    check_not_double_booked(case, details, exclude=exclude)
    check_room_free(case, details, exclude=exclude)
    return warning
