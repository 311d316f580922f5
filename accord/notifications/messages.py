"""The words of each message: rendered from templates in templates/notifications/email/.

Every message says what changed and what to do next, with the case reference and a link
(product.md). None carries a name: not the child's, and not a party's either, because a party may
be the young person themselves and a name in an email can identify the child. Templates get the
case reference, dates and the service's contact details, never a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.clocks import CaseDeadline
from accord.cases.models import Case
from accord.organisations.branding import absolute_link
from accord.organisations.models import Provider


class ChildDetailsInMessage(ValueError):
    """A message about a case carries the child's name: it must not be sent by email or text."""


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    # The short form sent as a text message (GOV.UK Notify); empty: subject and link.
    text: str = ""


def render_message(template: str, context: dict[str, object]) -> Message:
    """Renders `notifications/email/<template>.txt`: the first line is the subject, the rest
    (after a blank line) is the body."""
    return render_templates(f"notifications/email/{template}.txt", "", context)


def render_templates(email: str, text: str, context: dict[str, object]) -> Message:
    """The message of template `email` (subject line, blank line, body), with the short form
    for a text message from template `text` (its lines joined into one paragraph each)."""
    rendered = render_to_string(email, context).strip()
    subject, _, body = rendered.partition("\n")
    short = ""
    if text:
        paragraphs = render_to_string(text, context).strip().split("\n\n")
        short = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return Message(subject=subject.strip(), body=body.strip() + "\n", text=short)


def absolute_url(path: str, provider: Provider | None = None) -> str:
    """The provider's site address (or the server's own) and the path
    (accord.organisations.branding)."""
    return absolute_link(path, provider)


def case_link(case: Case) -> str:
    return absolute_url(case.get_absolute_url(), case.provider)


def long_date(day: date) -> str:
    """'Thursday 5 March 2026' (GOV.UK style: no leading zero, no comma)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def check_no_child_details(case: Case | None, *texts: str) -> None:
    """Refuses a message that names the child of its case. First names alone are not checked,
    since they collide with ordinary words ('May', 'Grace'); templates carry no names at all."""
    if case is None:
        return
    child = case.child
    full_name = f"{child.first_name} {child.last_name}".strip().lower()
    if full_name and any(full_name in text.lower() for text in texts):
        raise ChildDetailsInMessage(
            f"A message about case {case.reference} names the child; emails and texts never do."
        )


# --- deadline reminders and the overdue digest -------------------------------------------------

AGREED_ACTION_STEP = (
    "Check with whoever is responsible that the agreed action is done, and record it on the case."
)
_HOLD_THE_MEDIATION_STEP = (
    "Make sure the mediation meeting takes place by this date. If it cannot, record on the case "
    "that it cannot be held in time, so the certificate can be issued."
)
# What the person responsible should do next, for every clock the service must meet (the
# family's own clocks, to contact an adviser and to appeal, are never chased).
NEXT_STEPS: dict[rules.Clock, str] = {
    rules.Clock.CERTIFICATE_NO_MEDIATION: (
        "Issue the mediation certificate (the family does not want mediation) from the case page."
    ),
    rules.Clock.CERTIFICATE_NOT_PURSUED: (
        "Issue the mediation certificate (the family chose mediation but is no longer pursuing "
        "it) from the case page."
    ),
    rules.Clock.HEALTH_BODIES_NOTICE: (
        "Check that the local authority has told the health body (ICB) the mediation issues, "
        "and record the date on the case."
    ),
    rules.Clock.MEDIATION_HELD_LA: _HOLD_THE_MEDIATION_STEP,
    rules.Clock.MEDIATION_HELD_HEALTH_ONLY: _HOLD_THE_MEDIATION_STEP,
    rules.Clock.MEETING_NOTICE: (
        "Send the family the date and place of the mediation, and record on the meeting the day "
        "it was sent (or that the family agreed to less notice)."
    ),
    rules.Clock.CERTIFICATE_NOT_HELD_IN_TIME: (
        "Issue the certificate saying mediation could not be held within 30 days."
    ),
    rules.Clock.CERTIFICATE_AFTER_MEDIATION: (
        "Issue the certificate after mediation from the case page."
    ),
    rules.Clock.AGREEMENT_APPEALABLE: AGREED_ACTION_STEP,
    rules.Clock.AGREEMENT_OTHER: AGREED_ACTION_STEP,
    rules.Clock.ICB_TELLS_LA: AGREED_ACTION_STEP,
}


def clock_label(deadline: CaseDeadline) -> str:
    """The clock's name for a message. An agreed action's own words may name the child, so
    they stay on the case page."""
    if deadline.agreed is not None:
        return "An action agreed at mediation"
    return deadline.label


def next_step(deadline: CaseDeadline) -> str:
    if deadline.agreed is not None:
        return AGREED_ACTION_STEP
    return NEXT_STEPS.get(deadline.clock, "Open the case and check what is needed to meet it.")


def due_in_words(due: date, today: date) -> str:
    """'today', 'tomorrow', 'in 2 working days'; calendar days when the clock ends on a day
    that is not a working day (a 30-day clock can end on a Saturday)."""
    if due <= today:
        return "today" if due == today else "overdue"
    if due == today + timedelta(days=1):
        return "tomorrow"
    if rules.is_working_day(due):
        days = rules.working_days_between(today, due)
        return f"in {days} working day{'s' if days != 1 else ''}"
    return f"in {(due - today).days} days"


def deadline_reminder(case: Case, deadline: CaseDeadline, role: str, today: date) -> Message:
    assert deadline.due is not None
    return render_message(
        "deadline_reminder",
        {
            "reference": case.reference,
            "clock": clock_label(deadline),
            "due": long_date(deadline.due),
            "due_in": due_in_words(deadline.due, today),
            "started": long_date(deadline.started),
            "basis": deadline.basis,
            "next_step": next_step(deadline),
            "role": role,
            "link": case_link(case),
            "service": case.provider.name,
        },
    )


@dataclass(frozen=True)
class OverdueItem:
    case: Case
    deadline: CaseDeadline
    assigned_to: str

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def clock(self) -> str:
        return clock_label(self.deadline)

    @property
    def due(self) -> str:
        assert self.deadline.due is not None
        return long_date(self.deadline.due)

    @property
    def link(self) -> str:
        return case_link(self.case)


def overdue_digest(provider: Provider, items: list[OverdueItem], today: date) -> Message:
    return render_message(
        "overdue_digest",
        {
            "service": provider.name,
            "today": long_date(today),
            "items": items,
            "count": len(items),
            "caseload": absolute_url(reverse("cases:caseload"), provider),
        },
    )


# --- meetings and confirmations ----------------------------------------------------------------


def meeting_reminder(
    case: Case,
    *,
    kind: str,
    format_label: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    online_link: str,
    online_meeting_id: str,
    online_passcode: str,
    for_staff: bool,
) -> Message:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    provider = case.provider
    return render_message(
        "meeting_reminder",
        {
            "reference": case.reference,
            "kind": kind,
            "format": format_label,
            "day": long_date(start.date()),
            "start": _clock_time(start),
            "end": _clock_time(end),
            "venue": venue,
            "online_link": online_link,
            "online_meeting_id": online_meeting_id,
            "online_passcode": online_passcode,
            "service": provider.name,
            "service_email": provider.email,
            "service_phone": provider.phone,
            "link": case_link(case)
            if for_staff
            else absolute_url(reverse("portal:home"), provider),
            "for_staff": for_staff,
        },
    )


def _clock_time(moment: datetime) -> str:
    """'9:30am', '2pm' (GOV.UK style)."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def enquiry_confirmation(case: Case) -> Message:
    provider = case.provider
    return render_message(
        "enquiry_confirmation",
        {
            "reference": case.reference,
            "received": long_date(case.received_on),
            "service": provider.name,
            "service_email": provider.email,
            "service_phone": provider.phone,
            "link": absolute_url(reverse("portal:home"), provider),
        },
    )
