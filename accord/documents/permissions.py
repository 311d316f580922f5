"""Who may issue and write documents. Views declare roles; services check these again, so a
command or a test calling a service directly meets the same rules."""

from __future__ import annotations

from accord import rules
from accord.cases.choices import PartyRole
from accord.cases.models import Case, Party
from accord.documents.models import CertificateKind
from accord.organisations.backends import memberships_held
from accord.organisations.models import Membership, User
from accord.organisations.roles import STAFF, Role


def roles_held(user: User, case: Case) -> set[Role]:
    """The user's roles in the case's provider, read once per user object (a request)."""
    # Filled by accord.organisations.access for the signed-in user of this request.
    cache: dict[int, set[Role]] = user.__dict__.setdefault("_accord_roles_held", {})
    if case.provider_id not in cache:
        cache[case.provider_id] = {
            Role(r)
            for r in Membership.objects.filter(user=user, provider_id=case.provider_id).values_list(
                "role", flat=True
            )
        }
    return cache[case.provider_id]


def may_issue_kind(user: User, case: Case, kind: str) -> bool:
    """Information and advice, and not held in time: the mediation adviser (or the coordinator
    or service manager), SEND Regs regs 34 and 37. After mediation: the case's mediator
    (SEND Regs reg 39), or staff on their behalf."""
    held = roles_held(user, case)
    if held & STAFF:
        return True
    return (
        kind == CertificateKind.AFTER_MEDIATION
        and Role.MEDIATOR in held
        and case.mediator_id == user.pk
    )


def may_work_on(user: User, case: Case) -> bool:
    """Writing agreements and tracking their actions: staff, or the case's own mediator."""
    held = roles_held(user, case)
    return bool(held & STAFF) or (Role.MEDIATOR in held and case.mediator_id == user.pk)


def owning_role(action_kind: str) -> Role | None:
    """Whose officers an agreed action belongs to: the ICB's duty to tell the LA is the ICB's
    (SEND Regs reg 42); every other action the law times is the LA's (regs 42 and 44). An
    action without a statutory kind names its doer in free text, so no body owns it here."""
    if not action_kind:
        return None
    return (
        Role.ICB_OFFICER
        if action_kind == rules.PostAgreementAction.ICB_TELLS_LA.value
        else Role.LA_OFFICER
    )


def may_mark_done(user: User, case: Case, action_kind: str) -> bool:
    """Staff and the case's mediator record any action done; an officer of the case's LA (or
    ICB) records their own body's action (product.md: officers mark their body's actions done)."""
    if may_work_on(user, case):
        return True
    owner = owning_role(action_kind)
    if owner is None or owner not in roles_held(user, case):
        return False
    return Membership.objects.filter(
        user=user,
        provider_id=case.provider_id,
        role=owner,
        local_authority_id=case.local_authority_id if owner == Role.LA_OFFICER else None,
        health_body_id=case.health_body_id if owner == Role.ICB_OFFICER else None,
    ).exists()


# The party an officer of each body signs and checks statements for.
_OFFICER_PARTY_ROLES = (
    (Role.LA_OFFICER, PartyRole.LA_OFFICER),
    (Role.ICB_OFFICER, PartyRole.ICB_OFFICER),
)


def parties_officer_acts_for(user: User, case: Case) -> list[Party]:
    """The case's LA (or ICB) officer party, for an officer of that body: the one with the
    officer's own email address if there is one, else the body's first."""
    found: list[Party] = []
    held = roles_held(user, case)
    for role, party_role in _OFFICER_PARTY_ROLES:
        if role not in held:
            continue
        body: dict[str, int | None] = (
            {"local_authority_id": case.local_authority_id}
            if role == Role.LA_OFFICER
            else {"health_body_id": case.health_body_id}
        )
        if None in body.values() or not _holds(user, case, role, body):
            continue
        # From the case's parties (the case page has read them).
        parties = sorted(
            (p for p in case.parties.all() if p.role == party_role), key=lambda p: p.pk
        )
        own = [p for p in parties if p.email and p.email.strip().lower() == user.email.lower()]
        found += own[:1] or parties[:1]
    return found


def _holds(user: User, case: Case, role: Role, body: dict[str, int | None]) -> bool:
    """Whether the user is an officer of this body in the case's provider."""
    return any(
        m.provider_id == case.provider_id
        and m.role == role
        and all(getattr(m, name) == value for name, value in body.items())
        for m in memberships_held(user)
    )
