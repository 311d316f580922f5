"""Reads for the family: every query starts from the addresses they proved (style.md #6).

A family member sees a case only when a party with a family role (parent or carer, young
person, representative) on that case holds one of those addresses; anything else is a 404.
They never see confidential notes, safeguarding or risk notes, or events whose kind is not
declared for them (accord.cases.timeline).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Lower, Replace
from django.http import Http404

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Case, ChildView, Party, TimelineEvent
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind
from accord.cases.young_person import parent_may_take_part
from accord.documents.models import Agreement, Certificate
from accord.family.identity import FamilyIdentity, phone_spellings
from accord.family.models import Feedback
from accord.meetings.models import Meeting, MeetingKind
from accord.rules import today_in_england

# How long after closure the family can still sign in: long enough to download the certificate,
# meet the appeal deadline (up to about 2 months after it) and give feedback. A service choice,
# not a statutory period.
ACCESS_AFTER_CLOSURE = timedelta(days=180)

# Meetings every party attends; other kinds (a pre-meeting, a test run) only when a family
# party is on the attendee list.
SHARED_MEETING_KINDS = frozenset({MeetingKind.MEDIATION, MeetingKind.DISAGREEMENT_RESOLUTION})


def _phone_without_punctuation() -> Replace:
    expression: Replace | F = F("phone")
    for character in (" ", "-", "(", ")", "."):
        expression = Replace(expression, Value(character), Value(""))
    assert isinstance(expression, Replace)
    return expression


def family_parties(identity: FamilyIdentity) -> QuerySet[Party]:
    """Family-role parties, on any case of any provider, holding an address proved."""
    match = Q(pk__in=[])
    if identity.emails:
        match |= Q(email_lower__in=sorted(identity.emails))
    if identity.phones:
        spellings = [s for phone in sorted(identity.phones) for s in phone_spellings(phone)]
        match |= Q(phone_digits__in=spellings)
    return (
        Party.objects.filter(role__in=FAMILY_ROLES)
        .annotate(email_lower=Lower("email"), phone_digits=_phone_without_punctuation())
        .filter(match)
    )


def _reachable(today: date) -> Q:
    """Open cases, and cases closed recently enough for the family still to need them."""
    return ~Q(state=CaseState.CLOSED) | Q(closed_on__gte=today - ACCESS_AFTER_CLOSURE)


def cases_for_family(identity: FamilyIdentity, today: date | None = None) -> QuerySet[Case]:
    if identity.is_empty:
        return Case.objects.none()
    today = today or today_in_england()
    return (
        Case.objects.filter(pk__in=_taking_part(identity, today))
        .filter(_reachable(today))
        .select_related("provider", "local_authority", "health_body")
        .order_by("-received_on", "-pk")
    )


def _taking_part(identity: FamilyIdentity, today: date) -> list[int]:
    """The cases where a party the person proved to be still takes part: once the child is a
    young person, a parent only with their consent or acting for them
    (accord.cases.young_person)."""
    parties = family_parties(identity).select_related("case__child")
    return sorted({p.case_id for p in parties if parent_may_take_part(p, p.case, today)})


def case_for_family(identity: FamilyIdentity, reference: str) -> Case:
    """One of their cases by reference, or 404 — the same answer whether the case exists or
    belongs to another family."""
    case = cases_for_family(identity).filter(reference=reference).first()
    if case is None:
        raise Http404("No such case")
    return case


def has_family_case(identity: FamilyIdentity, today: date | None = None) -> bool:
    return cases_for_family(identity, today).exists()


def my_parties(identity: FamilyIdentity, case: Case) -> list[Party]:
    """The family parties on this case that the signed-in person has proved to be."""
    parties = family_parties(identity).filter(case=case).order_by("role", "pk")
    return [p for p in parties if parent_may_take_part(p, case)]


def family_parties_on(case: Case) -> QuerySet[Party]:
    """The family-role parties of a case (whose statements a supporter may read)."""
    return Party.objects.filter(case=case, role__in=FAMILY_ROLES)


def family_timeline(case: Case) -> QuerySet[TimelineEvent]:
    """What has happened, as far as the family is told: events of a kind declared for them, and
    stored as for them (an older row of a kind since split keeps the audience it had)."""
    return case.timeline.filter(
        visible_to_family=True, kind__in=sorted(EventKind.seen_by_family())
    ).only("at", "kind", "summary")


def family_meetings(case: Case, parties: list[Party]) -> list[Meeting]:
    """Meetings that are still on (not cancelled) and that the family takes part in."""
    meetings = (
        Meeting.objects.filter(case=case, cancelled_at__isnull=True)
        .filter(Q(kind__in=SHARED_MEETING_KINDS) | Q(attendees__party__in=parties))
        .distinct()
        .order_by("starts_at")
    )
    return list(meetings)


def family_meeting(case: Case, parties: list[Party], meeting_id: int) -> Meeting:
    for meeting in family_meetings(case, parties):
        if meeting.pk == meeting_id:
            return meeting
    raise Http404("No such meeting")


def family_certificates(case: Case) -> list[Certificate]:
    """Every certificate on the case, newest first; a superseded one is marked, not hidden."""
    return list(
        Certificate.objects.filter(case=case)
        .select_related("superseded_by")
        .order_by("-issued_on", "-pk")
    )


def is_superseded(certificate: Certificate) -> bool:
    return Certificate.objects.filter(supersedes=certificate).exists()


def downloadable_certificate(case: Case, certificate_id: int) -> Certificate:
    certificate = Certificate.objects.filter(case=case, pk=certificate_id).first()
    if certificate is None or not certificate.pdf or is_superseded(certificate):
        raise Http404("No such certificate")
    return certificate


def issued_agreements(case: Case) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(case=case, issued_at__isnull=False)
        .exclude(pdf="")
        .order_by("-concluded_on", "-pk")
    )


def downloadable_agreement(case: Case, agreement_id: int) -> Agreement:
    agreement = issued_agreements(case).filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404("No such agreement")
    return agreement


def views_sent_by_family(case: Case) -> QuerySet[ChildView]:
    return case.child_views.filter(submitted_by_family=True).order_by("-created_at")


def view_sent_by_family(case: Case, view_id: int) -> ChildView:
    view = views_sent_by_family(case).filter(pk=view_id).first()
    if view is None or not view.file:
        raise Http404("No such file")
    return view


def feedback_given(case: Case, parties: list[Party]) -> bool:
    return Feedback.objects.filter(case=case, party__in=parties).exists()
