"""Reads for meetings and information and advice calls, scoped by the membership asking.

Cases always come through `accord.cases.selectors.case_for`, so tenancy and the role's reach are
already applied; here each role sees the meetings and calls its work needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accord.cases.choices import PartyRole
from accord.cases.clocks import MeetingNotice
from accord.cases.models import Case, TimelineEvent
from accord.cases.timeline import EventKind
from accord.meetings import needs
from accord.meetings.deadline import mediation_held_by
from accord.meetings.models import (
    MAIN_KINDS,
    Attendee,
    Meeting,
    MeetingKind,
    MiasCall,
    ProposalRound,
    Responder,
    RoundState,
)
from accord.meetings.needs import Need
from accord.meetings.notice import NoticeStatus, notice_status
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS, Role
from accord.rules import date_in_england, today_in_england


def meetings_for(membership: Membership, case: Case) -> QuerySet[Meeting]:
    """Staff and the case's mediator see every meeting of the case. Officers see the mediation
    or DR meeting itself and any meeting one of their body's people is invited to, never the
    family's own pre-meetings."""
    # Through the case's own relation, so each meeting's `case` is the case in hand (with its
    # provider), not read again in a join of the case's hundred-odd columns.
    meetings = (
        case.meetings.select_related("mediator")
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.select_related("party")),
        )
        .order_by("starts_at")
    )
    role = membership.role_enum
    if role in CASEWORKERS:
        return meetings
    if role in (Role.LA_OFFICER, Role.ICB_OFFICER):
        own = PartyRole.LA_OFFICER if role == Role.LA_OFFICER else PartyRole.ICB_OFFICER
        return meetings.filter(Q(kind__in=MAIN_KINDS) | Q(attendees__party__role=own)).distinct()
    return meetings.none()


def meeting_for(membership: Membership, case: Case, meeting_id: int) -> Meeting:
    meeting = meetings_for(membership, case).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def mias_calls_for(membership: Membership, case: Case) -> QuerySet[MiasCall]:
    """Information and advice is between the adviser and the family: not for officers."""
    if membership.role_enum not in CASEWORKERS:
        return MiasCall.objects.none()
    return case.mias_calls.select_related("adviser").order_by("-scheduled_for", "-id")


@dataclass(frozen=True)
class MeetingView:
    """One meeting as the case page shows it."""

    meeting: Meeting
    attendees: list[Attendee]
    notice: NoticeStatus
    settles: list[Attendee]
    warnings: list[str]
    unmet_needs: list[Need] = field(default_factory=list)

    @property
    def has_begun(self) -> bool:
        """Its day has come: what happened at it is recorded, and corrected, from then on."""
        return date_in_england(self.meeting.starts_at) <= today_in_england()


def authority_warnings(meeting: Meeting, attendees: list[Attendee]) -> list[str]:
    """SEND Regs reg 38 (per rules.md; see docs/rules-sources.md): the LA, and the ICB where
    health care is in issue, must attend with someone who has authority to settle."""
    if not meeting.is_main or not meeting.is_active:
        return []
    warnings = []
    invited = [a for a in attendees if not a.declined]
    bodies = [(PartyRole.LA_OFFICER, "local authority")]
    if meeting.case.involves_health or meeting.case.health_body_id:
        bodies.append((PartyRole.ICB_OFFICER, "ICB"))
    for role, body in bodies:
        if not any(a.party.role == role and a.party.has_authority_to_settle for a in invited):
            warnings.append(
                f"No {body} attendee has authority to settle the issues (SEND Regs reg 38)."
            )
    return warnings


def meeting_views(membership: Membership, case: Case, today: date) -> list[MeetingView]:
    views = []
    # The check that each need is met is for meetings still to come.
    now = timezone.now()
    for meeting in meetings_for(membership, case):
        attendees = list(meeting.attendees.all())
        views.append(
            MeetingView(
                meeting=meeting,
                attendees=attendees,
                notice=notice_status(meeting, today),
                settles=[a for a in attendees if a.party.has_authority_to_settle],
                warnings=authority_warnings(meeting, attendees),
                unmet_needs=needs.unmet(meeting)
                if meeting.is_active and meeting.starts_at > now
                else [],
            )
        )
    return views


def last_day_for_mediation(case: Case) -> date | None:
    return mediation_held_by(case)


def meeting_notices(case: Case) -> list[MeetingNotice]:
    """The notice of each mediation meeting still planned or held, for the case's stored clocks
    (SEND Regs 2014 reg 37; registered with accord.cases.clock_facts in MeetingsConfig.ready)."""
    meetings = Meeting.objects.filter(
        case_id=case.pk, kind=MeetingKind.MEDIATION, cancelled_at__isnull=True
    ).values_list("pk", "starts_at", "notice_sent_on", "family_agreed_shorter_notice")
    return [
        MeetingNotice(pk, date_in_england(starts_at), sent_on, agreed)
        for pk, starts_at, sent_on, agreed in meetings
    ]


def main_meeting_days(case: Case) -> list[date]:
    """The day each mediation or DR meeting of the case (not cancelled) begins, for the checks a
    meeting's outcome must pass (registered with accord.cases.cross_checks)."""
    starts = Meeting.objects.filter(
        case_id=case.pk, kind__in=MAIN_KINDS, cancelled_at__isnull=True
    ).values_list("starts_at", flat=True)
    return [date_in_england(moment) for moment in starts]


def rounds_for(case: Case) -> QuerySet[ProposalRound]:
    """The case's rounds of proposed times, newest first, with who has answered."""
    return case.proposal_rounds.prefetch_related(
        "times__mediator", "responders__party", "responders__person", "responders__picks"
    ).order_by("-created_at", "-id")


def responder_for(membership: Membership, case: Case) -> Responder | None:
    """The signed-in officer's or mediator's place in the case's open round, if they have one:
    the mediator by their account, an officer by the party with their email and role."""
    role = membership.role_enum
    if role not in (Role.MEDIATOR, Role.LA_OFFICER, Role.ICB_OFFICER):
        return None
    round_ = case.proposal_rounds.filter(state=RoundState.OPEN).first()
    if round_ is None:
        return None
    responders = round_.responders.select_related("round__case", "party", "person")
    if role == Role.MEDIATOR:
        return responders.filter(person_id=membership.user_id).first()
    if role in (Role.LA_OFFICER, Role.ICB_OFFICER):
        own = PartyRole.LA_OFFICER if role == Role.LA_OFFICER else PartyRole.ICB_OFFICER
        return responders.filter(
            party__role=own, party__email__iexact=membership.user.email
        ).first()
    return None


def standby_offered(case: Case) -> str:
    """The reference of the standby case told of the time the case's latest cancelled meeting
    freed (accord.meetings.standby), or ''."""
    meeting = case.meetings.filter(cancelled_at__isnull=False).order_by("-cancelled_at").first()
    if meeting is None:
        return ""
    event = (
        TimelineEvent.objects.filter(
            kind=EventKind.STANDBY, changes__freed_by_meeting=str(meeting.uid)
        )
        .select_related("case")
        .first()
    )
    return event.case.reference if event is not None else ""


def standby_references(case: Case) -> list[str]:
    """Other cases of the provider on the standby list, the nearest deadline first: who a
    cancelled meeting's time could go to."""
    return list(
        Case.objects.filter(
            provider_id=case.provider_id,
            standby_entries__removed_at__isnull=True,
            standby_entries__isnull=False,
        )
        .exclude(pk=case.pk)
        .exclude(state="closed")
        .order_by(F("next_deadline_on").asc(nulls_last=True), "pk")
        .values_list("reference", flat=True)
        .distinct()[:5]
    )
