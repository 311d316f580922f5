"""Reminders to the family, each by their own channel: the information and advice call the day
before it; their appeal deadline (2 weeks, then 3 working days, before it) unless an appeal
is recorded on the case; and, when the law is not kept, what they can do: the 30 days to hold
mediation passed with no meeting held (they can have the certificate and appeal); an agreed
action overdue (a ready letter to the body responsible citing SEND Regs reg 42, then, 20
working days after its date, the Ombudsman route). Each key names
the thing, the day and the person, so a second scan queues nothing more.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import Status, service_deadlines
from accord.cases.models import Case
from accord.cases.young_person import family_recipients
from accord.documents.action_letters import OverdueAction, letter_to_body, overdue_actions
from accord.documents.models import Certificate
from accord.meetings.advice_messages import queue_advice_call_reminder
from accord.meetings.models import MiasCall
from accord.notifications.messages import Message, absolute_url, long_date, render_templates
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_to_party

MEDIATION_CLOCKS = frozenset(
    {rules.Clock.MEDIATION_HELD_LA, rules.Clock.MEDIATION_HELD_HEALTH_ONLY}
)
# In order: 2 weeks (calendar days) before the deadline, then 3 working days before it.
APPEAL_REMINDERS = ("two-weeks", "three-working-days")


def queue_advice_call_reminders(today: date) -> int:
    """The day before each booked information and advice call not yet held."""
    tomorrow = today + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min), rules.ENGLAND)
    calls = MiasCall.objects.filter(
        held_on__isnull=True, scheduled_for__gte=start, scheduled_for__lt=start + timedelta(1)
    ).select_related("case__provider", "adviser")
    return sum(len(queue_advice_call_reminder(call)) for call in calls)


def appeal_reminder_day(deadline: date, label: str) -> date:
    if label == "two-weeks":
        return deadline - timedelta(days=14)
    return rules.subtract_working_days(deadline, 3)


def appeal_reminder_due(deadline: date, today: date) -> str | None:
    """Which reminder to send today: the latest whose day has come, until the deadline."""
    if today > deadline:
        return None
    reached = [label for label in APPEAL_REMINDERS if appeal_reminder_day(deadline, label) <= today]
    return reached[-1] if reached else None


def _due_in(deadline: date, today: date) -> str:
    if deadline == today:
        return "today"
    if deadline == today + timedelta(days=1):
        return "tomorrow"
    return f"in {(deadline - today).days} days"


def current_certificates(today: date) -> list[Certificate]:
    """Certificates whose appeal deadline is within 2 weeks, not replaced, on a case with no
    appeal recorded."""
    return list(
        Certificate.objects.filter(
            appeal_deadline__gte=today,
            appeal_deadline__lte=today + timedelta(days=14),
            superseded_by__isnull=True,
        )
        .exclude(case__appeals__isnull=False)
        .select_related("case__provider")
    )


def queue_appeal_deadline_reminders(today: date) -> int:
    queued = 0
    for certificate in current_certificates(today):
        assert certificate.appeal_deadline is not None
        label = appeal_reminder_due(certificate.appeal_deadline, today)
        if label is None:
            continue
        case = certificate.case
        provider = case.provider
        link = absolute_url(reverse("family:cases"))
        message = render_templates(
            "reminders/messages/appeal_deadline.txt",
            "reminders/messages/appeal_deadline_text.txt",
            {
                "reference": case.reference,
                "deadline": long_date(certificate.appeal_deadline),
                "due_in": _due_in(certificate.appeal_deadline, today),
                "number": certificate.number,
                "issued_on": long_date(certificate.issued_on),
                "service": provider.name,
                "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
                "link": link,
            },
        )
        for party in family_recipients(case):
            row = queue_to_party(
                case=case,
                party=party,
                message=message,
                idempotency_key=f"appeal-deadline:{certificate.pk}:{label}:{party.pk}",
                kind=MessageKind.APPEAL_DEADLINE,
                link=link,
            )
            queued += row is not None
    return queued


def queue_mediation_deadline_passed(case: Case, today: date) -> int:
    """Once, when the 30 days to hold mediation have passed with no meeting held: the family
    is told they can have the certificate and appeal (SEND Regs regs 35-37)."""
    overdue = [
        d
        for d in service_deadlines(case, clock_facts_for(case))
        if d.clock in MEDIATION_CLOCKS and d.due is not None and d.status(today) == Status.OVERDUE
    ]
    if not overdue:
        return 0
    deadline = overdue[0]
    assert deadline.due is not None
    provider = case.provider
    link = absolute_url(reverse("family:cases"))
    message = render_templates(
        "reminders/messages/mediation_deadline_passed.txt",
        "reminders/messages/mediation_deadline_passed_text.txt",
        {
            "reference": case.reference,
            "due": long_date(deadline.due),
            "basis": deadline.basis,
            "service": provider.name,
            "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
            "link": link,
        },
    )
    queued = 0
    for party in family_recipients(case):
        row = queue_to_party(
            case=case,
            party=party,
            message=message,
            idempotency_key=(
                f"mediation-deadline-passed:{case.pk}:{deadline.due.isoformat()}:{party.pk}"
            ),
            kind=MessageKind.MEDIATION_DEADLINE_PASSED,
            link=link,
        )
        queued += row is not None
    return queued


def queue_agreed_action_overdue(case: Case, today: date) -> int:
    """For each agreed action past its date and not done: the family is sent, once, a letter
    they can send the body responsible (SEND Regs reg 42), and, once more if it is still not
    done 20 working days after its date, the Ombudsman route. A scan that first sees an action
    late enough sends only the Ombudsman message (it carries the letter too)."""
    queued = 0
    family = family_recipients(case)
    if not family:
        return 0
    for action in overdue_actions(case, today):
        stage = action.stage(today)
        message, link = overdue_action_message(action, stage)
        for party in family:
            row = queue_to_party(
                case=case,
                party=party,
                message=message,
                idempotency_key=(
                    f"agreed-action-overdue:{action.item.pk}:{action.due_on.isoformat()}:"
                    f"{stage}:{party.pk}"
                ),
                kind=MessageKind.AGREED_ACTION_OVERDUE,
                link=link,
            )
            queued += row is not None
    return queued


def overdue_action_message(action: OverdueAction, stage: str) -> tuple[Message, str]:
    case = action.case
    provider = case.provider
    link = absolute_url(
        reverse("family:action_letter", args=[case.reference, action.item.pk]), provider
    )
    letter = letter_to_body(action, with_words=False)
    message = render_templates(
        "reminders/messages/agreed_action_overdue.txt",
        "reminders/messages/agreed_action_overdue_text.txt",
        {
            "reference": case.reference,
            "point": action.item.position,
            "agreed_on": long_date(action.item.agreement.concluded_on),
            "due": long_date(action.due_on),
            "body": action.body_name,
            "ombudsman": stage == "ombudsman",
            "ombudsman_name": action.ombudsman,
            "letter": letter,
            "service": provider.name,
            "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
            "link": link,
        },
    )
    return message, link
