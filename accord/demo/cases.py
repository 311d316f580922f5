"""Demo data for a newcomer (the cases; accord.demo.meetings, .documents and .portal take them
further): one provider, two LAs, an ICB, a user of every role, and cases in
every state. Only loaded by `make run` (ACCORD_DEMO=1); passwords are random on every load and
printed, so no default password ever exists."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.db import transaction

from accord.cases import services
from accord.cases.choices import FamilyChoice, NotPursuedHow, PartyRole, Route, SupporterKind
from accord.cases.closing_outcome import closing_outcomes, what_happened
from accord.cases.models import Case
from accord.demo.documents import extend_demo as documents_demo
from accord.demo.meetings import demo_diaries
from accord.demo.meetings import extend_demo as meetings_demo
from accord.demo.portal import extend_demo as portal_demo
from accord.demo.reports import extend_demo as reports_demo
from accord.family import supporters
from accord.family.models import SupporterConsent
from accord.meetings.mias import record_mias_held
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england

DEMO_DOMAIN = "demo.accord.test"

PEOPLE = [
    ("manager", "Sam Okafor", Role.SERVICE_MANAGER, None),
    ("coordinator", "Priya Shah", Role.COORDINATOR, None),
    ("adviser", "Tom Hughes", Role.ADVISER, None),
    ("mediator", "Grace Whitfield", Role.MEDIATOR, None),
    ("la.officer", "Daniel Marsh", Role.LA_OFFICER, "la"),
    ("icb.officer", "Aisha Rahman", Role.ICB_OFFICER, "icb"),
    ("commissioner", "Helen Clarke", Role.COMMISSIONER, "la"),
]
# A second mediator, so a mediator's view (only the cases they mediate) shows in the demo.
SECOND_MEDIATOR = ("mediator.two", "Ben Carter")
# An officer of Medway Council too: each LA's attendees are chosen from its own officers.
MEDWAY_OFFICER = ("la.officer.medway", "Ruth Ellis")

CHILDREN = [
    ("Alfie", "Turner", 9),
    ("Maya", "Patel", 12),
    ("Leo", "Wright", 6),
    ("Ruby", "Evans", 14),
    ("Noah", "Green", 17),
    ("Isla", "Baker", 4),
    ("Oscar", "Hill", 11),
    ("Freya", "Ward", 8),
    ("Jacob", "King", 19),
    ("Ella", "Scott", 13),
    ("Harry", "Young", 10),
    ("Zara", "Khan", 15),
    ("Theo", "Price", 7),
    ("Poppy", "Bell", 16),
]
PARENTS = [
    "Jo Turner",
    "Anjali Patel",
    "Chris Wright",
    "Megan Evans",
    "Lisa Green",
    "Mark Baker",
    "Sue Hill",
    "Kate Ward",
    "Jacob King",
    "Dawn Scott",
    "Ian Young",
    "Farah Khan",
    "Beth Price",
    "Poppy Bell",
]


def _years_ago(today: date, years: int) -> date:
    return today.replace(year=today.year - years) - timedelta(days=40)


@transaction.atomic
def load_demo_data(today: date | None = None) -> list[tuple[str, str, str]]:
    """Creates the demo (once) and gives every demo user a new random password.
    Returns (email, password, role) for printing."""
    today = today or today_in_england()
    kent, _ = LocalAuthority.objects.get_or_create(
        code="E10000016", defaults={"name": "Kent County Council"}
    )
    medway, _ = LocalAuthority.objects.get_or_create(
        code="E06000035", defaults={"name": "Medway Council"}
    )
    icb, _ = HealthBody.objects.get_or_create(
        code="QKS", defaults={"name": "NHS Kent and Medway ICB"}
    )
    provider, created = Provider.objects.get_or_create(
        case_prefix="MM",
        defaults={
            "name": "Meadowbank SEND Mediation (demo)",
            "email": f"hello@{DEMO_DOMAIN}",
            "phone": "01632 960000",
        },
    )
    provider.local_authorities.add(kent, medway)
    provider.health_bodies.add(icb)

    logins = []
    users: dict[Role, User] = {}
    for handle, name, role, body in PEOPLE:
        email = f"{handle}@{DEMO_DOMAIN}"
        user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = role == Role.SERVICE_MANAGER
        user.save()
        Membership.objects.get_or_create(
            user=user,
            provider=provider,
            role=role,
            defaults={
                "local_authority": kent if body == "la" else None,
                "health_body": icb if body == "icb" else None,
            },
        )
        users[role] = user
        logins.append((email, password, role.label))
    second = _second_mediator(provider)
    logins.append((second.email, second.password_shown, Role.MEDIATOR.label))
    medway_officer = _medway_officer(provider, medway)
    logins.append((medway_officer.email, medway_officer.password_shown, Role.LA_OFFICER.label))

    if created or not Case.objects.filter(provider=provider).exists():
        _demo_cases(provider, users, kent, medway, icb, today)
        _share_the_mediation(provider, second.user, users[Role.COORDINATOR])
    # Diaries and a venue, so the scheduling assistant has times to propose.
    demo_diaries(provider, [users[Role.MEDIATOR], second.user], users[Role.ADVISER], [kent], today)
    return logins


def _a_correction(provider: Provider, adviser: User) -> None:
    """A date put right, with its reason on the history and the 30-day clock worked out again."""
    told = (
        Case.objects.filter(provider=provider, state="arranging", la_notified_on__isnull=False)
        .order_by("pk")
        .first()
    )
    if told is None or told.la_notified_on is None:
        return
    later = told.la_notified_on + timedelta(days=1)
    if later <= today_in_england():
        services.correct_fact(
            told,
            "la_notified_on",
            later,
            "The LA's receipt of the family's notice is dated a day after our email.",
            by=adviser,
        )


def _a_supporter(provider: Provider, coordinator: User) -> None:
    """A SENDIASS adviser the family asked to support them, on the case with a meeting booked:
    they sign in as the family does, with their own email (`DEMO_DOMAIN`), and see what the
    family's consent allows."""
    case = Case.objects.filter(provider=provider, state="meeting_booked").order_by("pk").first()
    if case is None or case.parties.filter(role=PartyRole.SUPPORTER).exists():
        return
    supporters.invite_supporter(
        case,
        supporters.Invitation(
            name="Sam Adeyemi",
            email=f"sendiass@{DEMO_DOMAIN}",
            kind=SupporterKind.SENDIASS,
            until=today_in_england() + timedelta(days=180),
            may_see_dates=True,
            may_see_documents=True,
            may_see_meetings=True,
            may_see_messages=True,
            given_how=SupporterConsent.GivenHow.PHONE,
            given_note="The parent agreed by phone (demo).",
        ),
        by=coordinator,
    )


class _DemoLogin:
    def __init__(self, user: User, password: str) -> None:
        self.user, self.email, self.password_shown = user, user.email, password


def _second_mediator(provider: Provider) -> _DemoLogin:
    handle, name = SECOND_MEDIATOR
    user, _ = User.objects.get_or_create(
        email=f"{handle}@{DEMO_DOMAIN}", defaults={"full_name": name}
    )
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    Membership.objects.get_or_create(user=user, provider=provider, role=Role.MEDIATOR)
    return _DemoLogin(user, password)


def _medway_officer(provider: Provider, medway: LocalAuthority) -> _DemoLogin:
    """An officer of the second LA, so its cases' attendees are chosen, not typed."""
    handle, name = MEDWAY_OFFICER
    user, _ = User.objects.get_or_create(
        email=f"{handle}@{DEMO_DOMAIN}", defaults={"full_name": name}
    )
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    Membership.objects.get_or_create(
        user=user, provider=provider, role=Role.LA_OFFICER, defaults={"local_authority": medway}
    )
    return _DemoLogin(user, password)


def _share_the_mediation(provider: Provider, mediator: User, coordinator: User) -> None:
    """Every other open case not yet at a meeting goes to the second mediator."""
    open_cases = Case.objects.filter(
        provider=provider, state__in=["enquiry", "triaged", "arranging"]
    ).order_by("pk")
    for case in list(open_cases)[1::2]:
        services.assign(
            case,
            coordinator=case.coordinator,
            adviser=case.adviser,
            mediator=mediator,
            by=coordinator,
        )


def _demo_cases(
    provider: Provider,
    users: dict[Role, User],
    kent: LocalAuthority,
    medway: LocalAuthority,
    icb: HealthBody,
    today: date,
) -> None:
    coordinator, adviser, mediator = (
        users[Role.COORDINATOR],
        users[Role.ADVISER],
        users[Role.MEDIATOR],
    )

    def enquiry(
        i: int,
        kind: str,
        *,
        sections: tuple[str, ...] = (),
        la: LocalAuthority = kent,
        days_ago: int = 10,
        letter_days_ago: int | None = 30,
        health: bool = False,
        with_: str = "",
    ) -> Case:
        first, last, age = CHILDREN[i]
        received = today - timedelta(days=days_ago)
        letter = (today - timedelta(days=letter_days_ago)) if letter_days_ago is not None else None
        role = PartyRole.YOUNG_PERSON if age >= 17 else PartyRole.PARENT_CARER
        case = services.create_enquiry(
            provider,
            services.EnquiryData(
                local_authority=la,
                decision_kind=kind,
                child_first_name=first,
                child_last_name=last,
                child_date_of_birth=_years_ago(today, age),
                contact_name=PARENTS[i],
                contact_role=role,
                received_on=received,
                contact_email=f"{PARENTS[i].split()[0].lower()}@example.com",
                decision_sections=list(sections),
                decision_notice_sent_on=letter,
                involves_health=health,
                health_body=icb if health else None,
                disagreement_with=with_,
                child_setting="Oakfield Primary School",
                summary="The family feel the plan does not describe the support needed.",
            ),
            by=coordinator,
        )
        services.assign(
            case, coordinator=coordinator, adviser=adviser, mediator=mediator, by=coordinator
        )
        return case

    # 0: a new enquiry, untriaged.
    enquiry(0, "refuse_to_assess", days_ago=1, letter_days_ago=20)
    # 1: route confirmed, waiting for information and advice.
    c = enquiry(1, "plan_content", sections=("b", "f"), days_ago=5, letter_days_ago=40)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    # 2: family declined mediation: certificate due (reg 34).
    c = enquiry(2, "refuse_to_issue_plan", days_ago=8, letter_days_ago=45)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        c, FamilyChoice.CERTIFICATE, today - timedelta(days=2), by=adviser
    )
    # 3: family wants mediation; LA told 20 days ago: arranging.
    c = enquiry(
        3, "plan_content", sections=("b", "f", "i"), days_ago=25, letter_days_ago=50, la=medway
    )
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        c,
        FamilyChoice.MEDIATION,
        today - timedelta(days=21),
        la_notified_on=today - timedelta(days=20),
        by=adviser,
    )
    # 4: mediation with health issues; LA told 28 days ago: mediation clock nearly out.
    c = enquiry(
        4, "plan_content", sections=("c", "g", "f"), days_ago=32, letter_days_ago=55, health=True
    )
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        c,
        FamilyChoice.MEDIATION,
        today - timedelta(days=29),
        la_notified_on=today - timedelta(days=28),
        by=adviser,
    )
    # 5: a disagreement with a school: disagreement resolution.
    c = enquiry(5, "non_ehc_disagreement", days_ago=6, letter_days_ago=None, with_="school")
    services.confirm_route(c, Route.DISAGREEMENT_RESOLUTION, by=coordinator)
    services.start_disagreement_resolution(c, by=coordinator)
    # 6: the LA said mediation cannot be held within 30 days: certificate due (reg 37).
    c = enquiry(6, "cease_to_maintain", days_ago=40, letter_days_ago=58)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        c,
        FamilyChoice.MEDIATION,
        today - timedelta(days=35),
        la_notified_on=today - timedelta(days=34),
        by=adviser,
    )
    services.mediation_cannot_be_held(c, today - timedelta(days=1), by=coordinator)
    # 7: closed after withdrawal, the outcome the one that follows from the record.
    c = enquiry(7, "refuse_to_amend_after_review", days_ago=60, letter_days_ago=70)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.close_case(
        c,
        closing_outcomes(what_happened(c)).follows,
        "The LA agreed to amend the plan.",
        on=today - timedelta(days=30),
        by=coordinator,
    )
    # 8: a young person, placement only (no certificate needed), route confirmed.
    c = enquiry(8, "plan_content", sections=("i",), days_ago=3, letter_days_ago=14)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    # 9: an old enquiry whose 2-month window has passed.
    enquiry(9, "refuse_to_reassess", days_ago=2, letter_days_ago=70)
    # 10 and 11 are taken further by the meetings and documents demos when those exist.
    deciding = enquiry(10, "plan_content", sections=("f",), days_ago=45, letter_days_ago=60)
    enquiry(11, "refuse_to_assess", days_ago=12, letter_days_ago=25, la=medway)
    # 12: chose mediation, then stopped replying to three calls: certificate due (reg 34).
    c = enquiry(12, "refuse_to_issue_plan", days_ago=20, letter_days_ago=40)
    services.confirm_route(c, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        c,
        FamilyChoice.MEDIATION,
        today - timedelta(days=18),
        la_notified_on=today - timedelta(days=17),
        by=adviser,
    )
    services.record_mediation_not_pursued(
        c,
        min(today - timedelta(days=1), today_in_england()),
        NotPursuedHow.NO_REPLY,
        attempts=3,
        note="Three calls and an email since the family chose mediation; no reply.",
        by=adviser,
    )
    # 13: health provision only (section G), the ICB the other party: health-only mediation,
    # with no certificate needed before an appeal (SEND Regs reg 36; CoP 11.45).
    c = enquiry(13, "plan_content", sections=("g",), days_ago=9, letter_days_ago=30, health=True)
    services.confirm_route(c, Route.HEALTH_ONLY_MEDIATION, by=coordinator)
    # Meetings, documents and the online inbox take the demo further along the journey.
    for extend_demo in (meetings_demo, documents_demo, portal_demo, reports_demo):
        extend_demo(provider, users, today)
    _a_correction(provider, adviser)
    _a_supporter(provider, coordinator)
    # 10: information and advice given yesterday; the family is still deciding.
    deciding.refresh_from_db()
    if deciding.state == "enquiry":
        services.confirm_route(deciding, Route.MEDIATION, by=coordinator)
        record_mias_held(deciding, held_on=today - timedelta(days=1), by=adviser)
