"""Demo data for documents, called by accord.demo.cases after the meetings demo.

- The case whose family declined mediation gets its certificate (information and advice
  given, CFA s.55(4)); the case whose mediation could not be held in time is left with its
  certificate due, so the caseload shows one.
- A new case is taken through a mediation meeting to follow-up: partial agreement, the
  certificate after mediation, agreed actions with dates (one done, one overdue, one to come).
- A new case is closed after a full agreement with every action done.

Meetings are booked with accord.meetings.services.book_meeting. Emails are not sent: demo data
is loaded without sending anything (the agreement PDFs are on the case pages).
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from accord import rules
from accord.cases import services as case_services
from accord.cases.choices import FamilyChoice, Outcome, PartyRole, Route
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.documents import services
from accord.documents.models import Agreement, CertificateKind
from accord.meetings import services as meeting_services
from accord.meetings.details import MeetingDetails
from accord.meetings.forms import london
from accord.meetings.models import MeetingFormat, MeetingKind
from accord.organisations.models import Provider, User
from accord.organisations.roles import Role

A = rules.PostAgreementAction


def extend_demo(provider: Provider, users: dict[Role, User], today: date) -> None:
    adviser = users[Role.ADVISER]
    declined = (
        Case.objects.filter(
            provider=provider,
            state=CaseState.CERTIFICATE_DUE,
            family_choice=FamilyChoice.CERTIFICATE,
        )
        .order_by("created_at")
        .first()
    )
    if declined is not None and declined.family_choice_on is not None:
        services.issue_certificate(
            declined,
            CertificateKind.INFORMATION_GIVEN,
            min(rules.add_working_days(declined.family_choice_on, 1), today),
            idempotency_key=uuid.uuid4().hex,
            by=adviser,
        )
    _partial_agreement_in_follow_up(provider, users, today)
    _closed_after_full_agreement(provider, users, today)


def _mediated_case(
    provider: Provider,
    users: dict[Role, User],
    today: date,
    *,
    child: tuple[str, str, int],
    parent: str,
    kind: str,
    sections: tuple[str, ...],
    meeting_days_ago: int,
    outcome: str,
) -> Case:
    """A new case taken from enquiry to a held mediation with its outcome recorded."""
    coordinator, adviser, mediator = (
        users[Role.COORDINATOR],
        users[Role.ADVISER],
        users[Role.MEDIATOR],
    )
    meeting_day = today - timedelta(days=meeting_days_ago)
    while not rules.is_working_day(meeting_day):  # no meetings at weekends or bank holidays
        meeting_day -= timedelta(days=1)
    la_told = meeting_day - timedelta(days=20)
    first, last, age = child
    la = provider.local_authorities.order_by("name").first()
    assert la is not None, "the demo provider works for at least one local authority"
    case = case_services.create_enquiry(
        provider,
        case_services.EnquiryData(
            local_authority=la,
            decision_kind=kind,
            decision_sections=list(sections),
            child_first_name=first,
            child_last_name=last,
            child_date_of_birth=today.replace(year=today.year - age) - timedelta(days=100),
            child_setting="Hillside Primary School",
            contact_name=parent,
            contact_email=f"{parent.split()[0].lower()}@example.com",
            received_on=la_told - timedelta(days=5),
            decision_notice_sent_on=la_told - timedelta(days=20),
            summary="The family and the LA disagree about the support in the plan.",
        ),
        by=coordinator,
    )
    case_services.add_party(
        case,
        role=PartyRole.LA_OFFICER,
        name="Chris Dunn",
        organisation=str(case.local_authority),
        email="sen.casework@la.demo.accord.test",
        has_authority_to_settle=True,
        by=coordinator,
    )
    case_services.assign(
        case, coordinator=coordinator, adviser=adviser, mediator=mediator, by=coordinator
    )
    case_services.confirm_route(case, Route.MEDIATION, by=coordinator)
    case_services.record_family_choice(
        case,
        FamilyChoice.MEDIATION,
        la_told - timedelta(days=1),
        la_notified_on=la_told,
        by=adviser,
    )
    meeting_services.book_meeting(
        case,
        MeetingDetails(
            kind=MeetingKind.MEDIATION,
            format=MeetingFormat.IN_PERSON,
            starts_at=london(meeting_day, time(10, 0)),
            ends_at=london(meeting_day, time(15, 0)),
            mediator=mediator,
            venue="Meeting room 2, Riverside Community Centre, Maidstone",
        ),
        attendees=list(case.parties.all()),
        notice_sent_on=rules.subtract_working_days(meeting_day, 7),
        confirm_after_deadline=True,
        notify=False,
        by=coordinator,
    )
    case_services.record_outcome(case, outcome, meeting_day, by=mediator)
    services.issue_certificate(
        case,
        CertificateKind.AFTER_MEDIATION,
        rules.add_working_days(meeting_day, 2),  # SEND Regs reg 39: within 3 working days
        idempotency_key=uuid.uuid4().hex,
        by=mediator,
    )
    return case


def _point(
    kind: A | None,
    decided: str,
    action: str,
    responsible: str,
    due_on: date | None = None,
) -> services.ItemData:
    return services.ItemData(
        decided=decided,
        action=action,
        responsible=responsible,
        action_kind=kind.value if kind else "",
        review="The case coordinator checks with the family by phone.",
        due_on=due_on,
    )


def _partial_agreement_in_follow_up(
    provider: Provider, users: dict[Role, User], today: date
) -> None:
    mediator = users[Role.MEDIATOR]
    case = _mediated_case(
        provider,
        users,
        today,
        child=("Amelia", "Cooper", 11),
        parent="Rachel Cooper",
        kind="plan_content",
        sections=("b", "f"),
        meeting_days_ago=30,
        outcome=Outcome.PARTIAL_AGREEMENT,
    )
    agreement = services.start_agreement(
        case,
        summary="The family and the LA agreed changes to the support for speech and language. "
        "They did not agree about the number of hours of teaching assistant support.",
        by=mediator,
    )
    items = [
        _point(
            A.OTHER_MATTERS,
            "Amelia needs a speech and language therapy assessment.",
            "The LA will ask the NHS speech and language service to assess Amelia.",
            "Kent SEN team",
        ),
        _point(
            A.OTHER_MATTERS,
            "The family needs the transport arrangements in writing.",
            "The LA will write to the family with the home-to-school transport arrangements.",
            "Kent SEN team",
        ),
        _point(
            A.AMEND_PLAN,
            "Section F will name weekly speech and language therapy.",
            "The LA will amend the EHC plan to add weekly therapy sessions.",
            "Kent SEN team",
        ),
        _point(
            None,
            "The school will review the support after the therapy starts.",
            "Hillside Primary will hold a review meeting with the family.",
            "Hillside Primary School SENCO",
            due_on=today + timedelta(days=40),
        ),
    ]
    created = [services.add_item(agreement, item, by=mediator) for item in items]
    issued = services.issue_agreement(agreement, notify=False, by=mediator)
    services.mark_item_done(
        created[0], issued.concluded_on + timedelta(days=9), by=users[Role.COORDINATOR]
    )
    # created[1] is left overdue (2 weeks, SEND Regs reg 42(3)).


def _closed_after_full_agreement(provider: Provider, users: dict[Role, User], today: date) -> None:
    coordinator, mediator = users[Role.COORDINATOR], users[Role.MEDIATOR]
    case = _mediated_case(
        provider,
        users,
        today,
        child=("Samuel", "Reed", 8),
        parent="Tom Reed",
        kind="refuse_to_assess",
        sections=(),
        meeting_days_ago=80,
        outcome=Outcome.FULL_AGREEMENT,
    )
    agreement: Agreement = services.start_agreement(
        case, summary="The LA agreed to carry out an EHC needs assessment.", by=mediator
    )
    item = services.add_item(
        agreement,
        _point(
            A.START_ASSESSMENT,
            "Samuel will have an EHC needs assessment.",
            "The LA will tell the family that it will carry out the assessment.",
            "Kent SEN team",
        ),
        by=mediator,
    )
    services.issue_agreement(agreement, notify=False, by=mediator)
    services.mark_item_done(item, agreement.concluded_on + timedelta(days=8), by=coordinator)
    case_services.close_case(
        case,
        Outcome.FULL_AGREEMENT,
        "Agreement carried out.",
        on=today - timedelta(days=50),
        by=coordinator,
    )
