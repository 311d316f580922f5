"""The notice of a meeting: whether the family had enough, in words for the case page, and the
check on the date notice is recorded as sent.

The rule and its counting live in `accord.rules` (latest_notice_date, notice_is_sufficient):
at least 5 working days' notice of the date and place, unless the family agrees to less. The
citation shown is the one the rules engine gives for that clock, so it is corrected in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.meetings.errors import MeetingError
from accord.meetings.models import Meeting, MeetingKind
from accord.rules import date_in_england, today_in_england


def notice_citation() -> str:
    return rules.Clock.MEETING_NOTICE.info.basis[0].citation


@dataclass(frozen=True)
class NoticeStatus:
    """``state`` is one of: not_required, sufficient, agreed_shorter, too_short, due, overdue."""

    state: str
    message: str
    latest: date | None
    citation: str
    steps: tuple[str, ...] = ()

    @property
    def is_problem(self) -> bool:
        return self.state in {"too_short", "overdue"}


def notice_status(meeting: Meeting, today: date) -> NoticeStatus:
    citation = notice_citation()
    if meeting.kind != MeetingKind.MEDIATION:
        return NoticeStatus(
            "not_required", "No statutory notice period for this meeting.", None, ""
        )
    meeting_day = date_in_england(meeting.starts_at)
    latest = rules.latest_notice_date(meeting_day)
    steps = rules.explain_latest_notice_date(meeting_day).steps
    sent = meeting.notice_sent_on
    if sent is not None:
        if rules.notice_is_sufficient(sent, meeting_day):
            message = f"Notice sent {sent:%-d %B %Y}, by the last day ({latest:%-d %B %Y})."
            return NoticeStatus("sufficient", message, latest, citation, steps)
        if rules.notice_is_sufficient(
            sent, meeting_day, family_agreed_shorter=meeting.family_agreed_shorter_notice
        ):
            message = (
                f"Notice sent {sent:%-d %B %Y}, less than 5 working days before: the family "
                "agreed to shorter notice."
            )
            return NoticeStatus("agreed_shorter", message, latest, citation, steps)
        message = (
            f"Notice sent {sent:%-d %B %Y} is too late: it had to be sent by "
            f"{latest:%-d %B %Y}. Record the family's agreement to shorter notice, or move "
            "the meeting."
        )
        return NoticeStatus("too_short", message, latest, citation, steps)
    if today <= latest:
        message = f"Not sent yet: send notice of the date and place by {latest:%-d %B %Y}."
        return NoticeStatus("due", message, latest, citation, steps)
    message = (
        f"Not sent, and the last day ({latest:%-d %B %Y}) has passed: the meeting can only go "
        "ahead on this date if the family agrees to shorter notice."
    )
    return NoticeStatus("overdue", message, latest, citation, steps)


def check_notice_date(
    notice_sent_on: date | None, meeting_date: date, case_received_on: date | None = None
) -> None:
    """Notice recorded as sent must be dated on or before the meeting, not in the future, and
    not before the case began."""
    if notice_sent_on is None:
        return
    if case_received_on is not None and notice_sent_on < case_received_on:
        raise MeetingError(
            "Notice cannot have been sent before the case began "
            f"({case_received_on:%-d %B %Y}): check the date notice was sent."
        )
    if notice_sent_on > meeting_date:
        raise MeetingError(
            "Notice cannot have been sent after the meeting: check the date notice was sent."
        )
    if notice_sent_on > today_in_england():
        raise MeetingError("Notice cannot be recorded as sent in the future.")
