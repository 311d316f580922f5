"""Messages to the LA and ICB officers (and the school) on a case, each by their own channel:

- the 30 days to hold mediation (SEND Regs regs 35-37) running out: 5 working days, then 1
  working day, before the deadline, to the LA's officers (the ICB's too on a health-only case);
- each agreed action (SEND Regs reg 42): 5 working days before it is due and on the day, to the
  officers of the body it falls to (accord.documents.follow_up.responsible_body);
- once a week (the first working day the scan runs in an ISO week), a digest to each officer
  with an account, of the agreed actions overdue that fall to their body, linking to their own
  list (/my-actions/);
- an invitation to disagreement resolution not answered after 5 working days: one reminder to
  each invited party (the LA, the ICB, the school) who has not answered.

Each key names the thing, its date, the reminder and the person, so a second scan (or a second
worker) queues nothing more. The messages carry the case reference, dates and a link, never a
child's name or an agreed action's words (they might name the child).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.urls import reverse

from accord import rules
from accord.cases.choices import PartyRole, Route
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import CaseDeadline, service_deadlines
from accord.cases.models import Case, Party
from accord.cases.services.arranging import DR_INVITED_ROLES
from accord.cases.states import CaseState
from accord.documents.follow_up import responsible_body
from accord.documents.models import AgreementItem
from accord.documents.officer_actions import open_actions_for
from accord.notifications.messages import (
    Message,
    absolute_url,
    case_link,
    long_date,
    render_templates,
)
from accord.notifications.models import MessageKind, OutboxMessage
from accord.notifications.services import queue_email, queue_to_party
from accord.organisations.models import Membership
from accord.organisations.roles import OFFICERS, Role

MEDIATION_CLOCKS = frozenset(
    {rules.Clock.MEDIATION_HELD_LA, rules.Clock.MEDIATION_HELD_HEALTH_ONLY}
)
# (label, working days before the date): the latest reached is sent, once, until the date.
MEDIATION_DEADLINE_REMINDERS = (("five-working-days", 5), ("one-working-day", 1))
ACTION_REMINDERS = (("five-working-days", 5), ("on-the-day", 0))
DR_REMINDER_AFTER_WORKING_DAYS = 5

PARTY_ROLE_OF = {Role.LA_OFFICER: PartyRole.LA_OFFICER, Role.ICB_OFFICER: PartyRole.ICB_OFFICER}


def reminder_day(due: date, working_days_before: int) -> date:
    """On the day of a date falling on a weekend or bank holiday: the working day before."""
    if working_days_before == 0:
        return due if rules.is_working_day(due) else rules.subtract_working_days(due, 1)
    return rules.subtract_working_days(due, working_days_before)


def reminder_due(due: date, today: date, reminders: Iterable[tuple[str, int]]) -> str | None:
    """The latest reminder whose day has come, until the date itself (a missed scan is caught
    up once, never after the date)."""
    if today > due:
        return None
    reached = [label for label, days in reminders if reminder_day(due, days) <= today]
    return reached[-1] if reached else None


def _service(case: Case) -> dict[str, object]:
    provider = case.provider
    return {
        "reference": case.reference,
        "service": provider.name,
        "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
    }


def _queue(
    parties: Iterable[Party], case: Case, message: Message, key: str, kind: str, link: str
) -> int:
    queued = 0
    for party in parties:
        row = queue_to_party(
            case=case,
            party=party,
            message=message,
            idempotency_key=f"{key}:{party.pk}",
            kind=kind,
            link=link,
        )
        queued += row is not None
    return queued


def _officers(case: Case, roles: Iterable[str]) -> list[Party]:
    return list(case.parties.filter(role__in=list(roles)).order_by("pk"))


# --- the 30 days to hold mediation ---------------------------------------------------------


def queue_mediation_deadline_reminders(case: Case, today: date) -> int:
    if case.state == CaseState.CLOSED:
        return 0
    queued = 0
    for deadline in service_deadlines(case, clock_facts_for(case)):
        if deadline.clock not in MEDIATION_CLOCKS or deadline.due is None or not deadline.is_open:
            continue
        label = reminder_due(deadline.due, today, MEDIATION_DEADLINE_REMINDERS)
        if label is None:
            continue
        roles = [PartyRole.LA_OFFICER]
        if deadline.clock is rules.Clock.MEDIATION_HELD_HEALTH_ONLY:
            roles = [PartyRole.ICB_OFFICER]
        link = case_link(case)
        message = render_templates(
            "reminders/messages/officer_mediation_deadline.txt",
            "reminders/messages/officer_mediation_deadline_text.txt",
            _service(case)
            | {
                "due": long_date(deadline.due),
                "due_in": _due_in(deadline.due, today),
                "basis": deadline.basis,
                "link": link,
            },
        )
        key = f"officer-mediation-deadline:{case.pk}:{deadline.due.isoformat()}:{label}"
        queued += _queue(
            _officers(case, roles), case, message, key, MessageKind.OFFICER_MEDIATION_DEADLINE, link
        )
    return queued


def _due_in(due: date, today: date) -> str:
    if due == today:
        return "today"
    days = rules.working_days_between(today, due)
    return f"in {days} working day{'s' if days != 1 else ''}"


# --- agreed actions ------------------------------------------------------------------------


def agreed_action_deadlines(case: Case) -> list[CaseDeadline]:
    return [
        d
        for d in service_deadlines(case, clock_facts_for(case))
        if d.agreed is not None and d.due is not None and d.is_open
    ]


def queue_agreed_action_reminders(case: Case, today: date) -> int:
    """Before each agreed action is due and on the day, to the officers of its body."""
    due_soon = {}
    for deadline in agreed_action_deadlines(case):
        assert deadline.due is not None and deadline.agreed is not None
        label = reminder_due(deadline.due, today, ACTION_REMINDERS)
        if label is not None:
            due_soon[deadline.agreed.item_id] = (deadline, label)
    if not due_soon:
        return 0
    items = AgreementItem.objects.filter(pk__in=due_soon, done_on__isnull=True).select_related(
        "agreement"
    )
    link = absolute_url(reverse("follow_up:my_actions"), case.provider)
    queued = 0
    for item in items:
        deadline, label = due_soon[item.pk]
        assert deadline.due is not None
        roles = [PARTY_ROLE_OF[r] for r in responsible_body(item, case) if r in PARTY_ROLE_OF]
        if not roles:
            continue
        message = render_templates(
            "reminders/messages/officer_agreed_action.txt",
            "reminders/messages/officer_agreed_action_text.txt",
            _service(case)
            | {
                "point": item.position,
                "agreed_on": long_date(item.agreement.concluded_on),
                "due": long_date(deadline.due),
                "today": deadline.due == today or label == "on-the-day",
                "basis": deadline.basis,
                "link": link,
            },
        )
        key = f"officer-agreed-action:{item.pk}:{deadline.due.isoformat()}:{label}"
        queued += _queue(
            _officers(case, roles), case, message, key, MessageKind.OFFICER_AGREED_ACTION, link
        )
    return queued


def officer_memberships() -> list[Membership]:
    return list(
        Membership.objects.filter(role__in=[r.value for r in OFFICERS], user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "provider", "local_authority", "health_body")
        .order_by("pk")
    )


def queue_officer_overdue_digests(today: date) -> int:
    """Once a week per officer: the agreed actions overdue that fall to their body."""
    if not rules.is_working_day(today):
        return 0
    year, week, _ = today.isocalendar()
    queued = 0
    for membership in officer_memberships():
        key = f"officer-overdue-digest:{membership.pk}:{year}-W{week:02d}"
        if OutboxMessage.objects.filter(idempotency_key=key).exists():
            continue
        overdue = [a for a in open_actions_for(membership, today) if a.overdue]
        if not overdue:
            continue
        link = absolute_url(reverse("follow_up:my_actions"), membership.provider)
        message = render_templates(
            "reminders/messages/officer_overdue_digest.txt",
            "",
            {
                "service": membership.provider.name,
                "count": len(overdue),
                "actions": [
                    {
                        "reference": a.case.reference,
                        "point": a.item.position,
                        "due": long_date(a.due_on) if a.due_on else "immediately",
                    }
                    for a in overdue
                ],
                "link": link,
                "today": long_date(today),
            },
        )
        queue_email(
            case=None,
            provider=membership.provider,
            to=[membership.user.email],
            subject=message.subject,
            body=message.body,
            idempotency_key=key,
            kind=MessageKind.OFFICER_OVERDUE_DIGEST,
            link=link,
        )
        queued += 1
    return queued


# --- an unanswered invitation to disagreement resolution -----------------------------------


def dr_reminder_day(started: date) -> date:
    return rules.add_working_days(started, DR_REMINDER_AFTER_WORKING_DAYS)


def queue_dr_invitation_reminders(case: Case, today: date) -> int:
    """Once, 5 working days after disagreement resolution started, to each invited party who
    has not said whether they will take part (it is voluntary, CoP 11.6)."""
    started = case.dr_started_on
    if (
        case.route != Route.DISAGREEMENT_RESOLUTION
        or started is None
        or case.state == CaseState.CLOSED
        or today < dr_reminder_day(started)
    ):
        return 0
    waiting = list(
        case.parties.filter(Q(dr_consent__isnull=True), role__in=list(DR_INVITED_ROLES)).order_by(
            "pk"
        )
    )
    if not waiting:
        return 0
    link = case_link(case)
    message = render_templates(
        "reminders/messages/dr_invitation_reminder.txt",
        "reminders/messages/dr_invitation_reminder_text.txt",
        _service(case) | {"started": long_date(started), "link": link},
    )
    key = f"dr-invitation-reminder:{case.pk}:{started.isoformat()}"
    return _queue(waiting, case, message, key, MessageKind.DR_INVITATION_REMINDER, link)


def queue_officer_reminders(case: Case, today: date) -> int:
    return (
        queue_mediation_deadline_reminders(case, today)
        + queue_agreed_action_reminders(case, today)
        + queue_dr_invitation_reminders(case, today)
    )
