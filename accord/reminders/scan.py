"""The reminder scan: deadline reminders, meeting reminders and the managers' overdue digest.

Run by the worker once an hour (and by `manage.py send_reminders`). Every message it queues has an
idempotency key naming the clock, the day and the person, so running the scan again the same day
(or from two workers) queues nothing more. Statutory dates come from
`deadlines_for(case, clock_facts_for(case))`; this module only counts working days back from
them, with accord.rules, to choose the reminder day.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import CaseDeadline, Status, service_deadlines
from accord.cases.models import Case
from accord.cases.selectors import still_followed_up
from accord.cases.states import CaseState
from accord.notifications import messages
from accord.notifications.models import MessageKind, OutboxMessage
from accord.notifications.scans import registered_scans
from accord.notifications.services import queue_email
from accord.organisations.models import Membership, Provider, User
from accord.organisations.roles import Role
from accord.reminders import family, officers
from accord.reminders import meetings as meeting_reminders

logger = logging.getLogger(__name__)


@dataclass
class ScanReport:
    deadline_reminders: int = 0
    meeting_reminders: int = 0
    digests: int = 0
    family_reminders: int = 0
    officer_reminders: int = 0
    other: int = 0  # the scans other apps register (accord.notifications.scans): feedback

    def __str__(self) -> str:
        return (
            f"{self.deadline_reminders} deadline reminders, {self.meeting_reminders} meeting "
            f"reminders, {self.digests} overdue digests, {self.family_reminders} reminders to "
            f"families, {self.officer_reminders} messages to officers, {self.other} others queued"
        )


def run_reminder_scan(now: datetime | None = None) -> ScanReport:
    """Queues every reminder and digest due today that is not queued yet."""
    moment = timezone.localtime(now) if now else timezone.localtime()
    today = moment.date()
    report = ScanReport()
    for case in open_cases():
        report.deadline_reminders += queue_deadline_reminders(case, today)
        report.family_reminders += family.queue_mediation_deadline_passed(case, today)
        report.family_reminders += family.queue_agreed_action_overdue(case, today)
        report.officer_reminders += officers.queue_officer_reminders(case, today)
    report.meeting_reminders += queue_meeting_reminders(today)
    report.family_reminders += family.queue_advice_call_reminders(today)
    report.family_reminders += family.queue_appeal_deadline_reminders(today)
    report.officer_reminders += officers.queue_officer_overdue_digests(today)
    if rules.is_working_day(today):
        for provider in Provider.objects.all():
            report.digests += queue_overdue_digests(provider, today)
    for scan in registered_scans():
        report.other += scan(today)
    logger.debug("Reminder scan for %s: %s", today, report)
    return report


def open_cases(provider: Provider | None = None) -> Iterator[Case]:
    """Open cases, and closed ones with an agreed action still to be done."""
    cases = Case.objects.filter(~Q(state=CaseState.CLOSED) | Q(still_followed_up())).select_related(
        "provider", "child", "coordinator", "adviser", "mediator"
    )
    if provider is not None:
        cases = cases.filter(provider=provider)
    return cases.order_by("pk").iterator(chunk_size=200)


# --- deadline reminders ---------------------------------------------------------------------


def reminder_day(due: date, working_days_before: int) -> date:
    """The day to remind `working_days_before` working days ahead of `due`. "On the day" of a
    clock that falls on a weekend or bank holiday is the last working day before it."""
    if working_days_before == 0:
        return due if rules.is_working_day(due) else rules.subtract_working_days(due, 1)
    return rules.subtract_working_days(due, working_days_before)


def reminder_due_on(due: date, today: date) -> date | None:
    """The reminder day to send today: the latest configured reminder day that has come, as
    long as the clock has not passed (so a day the worker was down is caught up, once)."""
    if today > due:
        return None
    days = [reminder_day(due, n) for n in settings.ACCORD_REMINDER_WORKING_DAYS_BEFORE]
    reached = [day for day in days if day <= today]
    return max(reached) if reached else None


# Who chases each clock (CaseDeadline.responsible): the person assigned to that part of the work,
# else the case coordinator; the service managers if nobody is assigned.
ROLE_FOR_RESPONSIBLE = {
    rules.Responsible.MEDIATION_ADVISER: "adviser",
    rules.Responsible.MEDIATOR: "mediator",
}
ROLE_NAMES = {"coordinator": "case coordinator", "adviser": "mediation adviser"}


def responsible_people(case: Case, deadline: CaseDeadline) -> list[tuple[User, str]]:
    """(person, role on the case) to remind about `deadline`."""
    field = ROLE_FOR_RESPONSIBLE.get(deadline.responsible, "coordinator")
    for name in (field, "coordinator"):
        person: User | None = getattr(case, name)
        if person is not None and person.is_active and person.email:
            return [(person, ROLE_NAMES.get(name, name))]
    return [(manager, "service manager") for manager in service_managers(case.provider)]


def service_managers(provider: Provider) -> list[User]:
    memberships = Membership.objects.filter(
        provider=provider, role=Role.SERVICE_MANAGER, user__is_active=True
    ).select_related("user")
    return [m.user for m in memberships.order_by("user__email") if m.user.email]


def chased_deadlines(case: Case) -> list[CaseDeadline]:
    """The clocks the service chases on `case`. Once it is closed, only the agreed actions: the
    duty to carry them out (SEND Regs 2014 reg 42) continues until they are done."""
    deadlines = service_deadlines(case, clock_facts_for(case))
    if case.state == CaseState.CLOSED:
        return [d for d in deadlines if d.agreed is not None]
    return deadlines


def queue_deadline_reminders(case: Case, today: date) -> int:
    queued = 0
    for deadline in chased_deadlines(case):
        if not deadline.is_open or deadline.due is None:
            continue
        remind_on = reminder_due_on(deadline.due, today)
        if remind_on is None:
            continue
        for person, role in responsible_people(case, deadline):
            key = (
                f"deadline-reminder:{case.pk}:{deadline.key}:{deadline.due.isoformat()}:"
                f"{remind_on.isoformat()}:{person.pk}"
            )
            if already_queued(key):
                continue
            message = messages.deadline_reminder(case, deadline, role, today)
            queue_email(
                case=case,
                to=[person.email],
                subject=message.subject,
                body=message.body,
                idempotency_key=key,
                kind=MessageKind.DEADLINE_REMINDER,
            )
            queued += 1
    return queued


def already_queued(key: str) -> bool:
    """queue_email would return the existing row anyway; checking first saves building it."""
    return OutboxMessage.objects.filter(idempotency_key=key).exists()


# --- the service managers' daily digest -------------------------------------------------------


def overdue_items(provider: Provider, today: date) -> list[messages.OverdueItem]:
    items: list[messages.OverdueItem] = []
    for case in open_cases(provider):
        for deadline in chased_deadlines(case):
            if deadline.status(today) != Status.OVERDUE:
                continue
            assigned = ", ".join(
                f"{person.full_name or person.email} ({role})"
                for person, role in responsible_people(case, deadline)
                if role != "service manager"
            )
            items.append(messages.OverdueItem(case, deadline, assigned or "nobody yet"))
    return sorted(items, key=lambda item: (item.deadline.due or today, item.reference))


def queue_overdue_digests(provider: Provider, today: date) -> int:
    """One email a working day to each service manager of `provider`, listing only its cases."""
    items = overdue_items(provider, today)
    if not items:
        return 0
    message = messages.overdue_digest(provider, items, today)
    queued = 0
    for manager in service_managers(provider):
        key = f"overdue-digest:{provider.pk}:{today.isoformat()}:{manager.pk}"
        if already_queued(key):
            continue
        queue_email(
            case=None,
            provider=provider,
            to=[manager.email],
            subject=message.subject,
            body=message.body,
            idempotency_key=key,
            kind=MessageKind.OVERDUE_DIGEST,
        )
        queued += 1
    return queued


# --- meeting reminders ----------------------------------------------------------------------


def queue_meeting_reminders(today: date) -> int:
    """The day before each booked meeting, one email to every attendee and the mediator."""
    queued = 0
    for meeting in meeting_reminders.meetings_on(today + timedelta(days=1)):
        for reminder in meeting_reminders.reminders_for(meeting):
            if already_queued(reminder.idempotency_key):
                continue
            queued += reminder.queue() is not None
    return queued
