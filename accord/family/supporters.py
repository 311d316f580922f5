"""Supporters, with the family's consent: a SENDIASS adviser, an advocate or a relative invited
by email, by the family signed in or by staff recording how the family consented.

The consent says what the supporter may see (the dates, the documents, the meetings, what has
happened) and until when. A supporter signs in with the same one-time codes as the family
(accord.family.signin) and sees a case only while a consent for them is in force: withdrawing
it, or its end date passing, ends their access at once, because every query asks (below).
Every read a supporter makes is audited (accord.cases.audit.record_case_read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accord.cases.choices import PartyRole
from accord.cases.models import Case, Party
from accord.cases.on_behalf import AskedOnBehalf
from accord.cases.services import CaseError
from accord.cases.timeline import EventKind, record_event
from accord.family.delivery import Message, queue_case_message
from accord.family.identity import FamilyIdentity, normalise_email
from accord.family.models import SupporterConsent
from accord.organisations.branding import absolute_link
from accord.organisations.models import User
from accord.rules import today_in_england

# The longest a consent may be given for in one go: a service choice (a case rarely runs a
# year), after which the family gives it again.
LONGEST_CONSENT = timedelta(days=366)
# A consent the family gave through the person who asked for them lasts half as long: the family
# confirms it (or withdraws it) from their own pages once they sign in. A service choice.
CONSENT_THROUGH_SUPPORTER = timedelta(days=183)


@dataclass(frozen=True)
class Invitation:
    name: str
    email: str
    kind: str  # SupporterConsent.Kind
    until: date
    may_see_dates: bool = False
    may_see_documents: bool = False
    may_see_meetings: bool = False
    may_see_messages: bool = False
    given_how: str = SupporterConsent.GivenHow.ONLINE
    given_note: str = ""

    @property
    def scope(self) -> dict[str, bool]:
        return {name: getattr(self, name) for name in SupporterConsent.SCOPES}


def _check(invitation: Invitation, today: date) -> None:
    if not invitation.name.strip():
        raise CaseError("Enter the supporter's name.", field="name")
    if not invitation.email.strip():
        raise CaseError("Enter the supporter's email address.", field="email")
    if invitation.kind not in SupporterConsent.Kind.values:
        raise CaseError("Choose who the supporter is.", field="kind")
    if not any(invitation.scope.values()):
        raise CaseError("Choose at least one thing the supporter may see.", field="scope")
    if invitation.until <= today:
        raise CaseError("The date consent lasts until must be in the future.", field="until")
    if invitation.until > today + LONGEST_CONSENT:
        raise CaseError("Consent can be given for up to a year at a time.", field="until")


def invite_supporter(
    case: Case,
    invitation: Invitation,
    *,
    by: User | None,
    given_by: Party | None = None,
) -> SupporterConsent:
    """Records the consent, adds the supporter to the case and emails them an invitation. By the
    family signed in (`given_by`, `by=None`) or by staff (`by`), who say how it was given."""
    today = today_in_england()
    _check(invitation, today)
    if by is not None and invitation.given_how == SupporterConsent.GivenHow.ONLINE:
        raise CaseError("Say how the family gave their consent.", field="given_how")
    if by is not None and not invitation.given_note.strip():
        raise CaseError("Say when and how the family consented.", field="given_note")
    email = normalise_email(invitation.email)
    with transaction.atomic():
        supporter = Party.objects.create(
            case=case,
            role=PartyRole.SUPPORTER,
            name=invitation.name.strip(),
            email=email,
            organisation=SupporterConsent.Kind(invitation.kind).label,
        )
        consent = SupporterConsent.objects.create(
            case=case,
            supporter=supporter,
            kind=invitation.kind,
            until=invitation.until,
            given_how=invitation.given_how if by is not None else SupporterConsent.GivenHow.ONLINE,
            given_note=invitation.given_note.strip(),
            given_by=given_by,
            recorded_by=by,
            **invitation.scope,
        )
        who = given_by.name if given_by is not None else "The family"
        record_event(
            case,
            EventKind.SUPPORTER_INVITED,
            f"{who} invited {supporter.name} ({consent.get_kind_display()}) to support them, "
            f"until {invitation.until:%-d %B %Y}: " + ", ".join(consent.scope_labels),
            {"until": invitation.until, "given_how": consent.given_how, **invitation.scope},
            by=by,
        )
        queue_case_message(
            case,
            invitation_message(case, consent),
            f"supporter-invitation:{consent.pk}",
            by=by,
        )
    return consent


def welcome_family_asked_for(asked: AskedOnBehalf, *, by: User | None) -> None:
    """A case opened from a request made for the family (accord.portal): the person who asked is
    their supporter, with the consent the family gave through them (all of the case, for
    `CONSENT_THROUGH_SUPPORTER`), and the family is invited to sign in with their own address."""
    case, family, supporter = asked.case, asked.family, asked.supporter
    consent = None
    if asked.family_consented and supporter.email:
        until = today_in_england() + CONSENT_THROUGH_SUPPORTER
        consent = SupporterConsent.objects.create(
            case=case,
            supporter=supporter,
            kind=asked.supporter_kind,
            until=until,
            given_how=SupporterConsent.GivenHow.THROUGH_SUPPORTER,
            given_note=asked.how_consent_was_given,
            given_by=family,
            recorded_by=by,
            **dict.fromkeys(SupporterConsent.SCOPES, True),
        )
        record_event(
            case,
            EventKind.SUPPORTER_INVITED,
            f"{family.name} agreed, through {supporter.name} "
            f"({consent.get_kind_display()}), that {supporter.name} may support them until "
            f"{until:%-d %B %Y}: " + ", ".join(consent.scope_labels),
            {"until": until, "given_how": consent.given_how},
            by=by,
        )
    if family.email:
        queue_case_message(
            case,
            family_invitation_message(case, family, supporter, consent),
            f"family-invitation:{family.pk}",
            by=by,
        )
    record_event(
        case,
        EventKind.FAMILY_INVITED,
        f"{family.name} invited by email to see their case with their own address"
        if family.email
        else f"No email address for {family.name}: tell them by phone how to see their case",
        by=by,
    )


def family_invitation_message(
    case: Case, family: Party, supporter: Party, consent: SupporterConsent | None
) -> Message:
    """The family's own invitation: the case reference and how to sign in with their address,
    never the child's name."""
    service = settings.ACCORD_SERVICE_NAME
    sign_in = absolute_link(reverse("family:sign_in"), case.provider)
    shared = (
        f"You told {supporter.name} they may see your case. They can see "
        f"{', '.join(consent.scope_labels)} until {consent.until:%-d %B %Y}. You can stop this "
        f"at any time from your case pages.\n\n"
        if consent is not None
        else f"{supporter.name} cannot see your case unless you agree to it from your case "
        f"pages.\n\n"
    )
    return Message(
        "email",
        family.email,
        f"Your case {case.reference} with {case.provider.name}",
        f"Hello {family.name},\n\n"
        f"{supporter.name} asked {case.provider.name} for help on your behalf. Your case "
        f"reference is {case.reference}.\n\n"
        f"{shared}"
        f"To see your case, go to {sign_in} and enter this email address. We will send you a "
        f"code to sign in. You do not need a password.\n\n"
        f"If you did not expect this, please reply to tell us.\n\n"
        f"{service}\n",
    )


def invitation_message(case: Case, consent: SupporterConsent) -> Message:
    """The invitation email: the case reference and how to sign in, never the child's name."""
    service = settings.ACCORD_SERVICE_NAME
    sign_in = settings.ACCORD_BASE_URL.rstrip("/") + reverse("family:sign_in")
    return Message(
        "email",
        consent.supporter.email,
        f"You have been asked to support a family: case {case.reference}",
        f"Hello {consent.supporter.name},\n\n"
        f"A family has asked {case.provider.name} to let you support them in their case "
        f"{case.reference}.\n\n"
        f"You may see: {', '.join(consent.scope_labels)}, until "
        f"{consent.until:%-d %B %Y}. The family can withdraw this at any time.\n\n"
        f"To see the case, go to {sign_in} and enter this email address. We will send you a "
        f"code to sign in. You do not need a password.\n\n"
        f"If you do not know why you have been sent this, you can ignore it.\n\n"
        f"{service}\n",
    )


def withdraw_consent(
    consent: SupporterConsent, *, by: User | None, withdrawn_by: Party | None = None
) -> SupporterConsent:
    """Ends the supporter's access at once (the next page they open is 'not found')."""
    with transaction.atomic():
        locked = SupporterConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise CaseError("This consent has already been withdrawn.")
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        who = withdrawn_by.name if withdrawn_by is not None else "The family"
        record_event(
            locked.case,
            EventKind.SUPPORTER_WITHDRAWN,
            f"{who} withdrew consent for {locked.supporter.name} to support them",
            by=by,
        )
    consent.refresh_from_db()
    return consent


# --- reads ------------------------------------------------------------------------------------


def active_consents(identity: FamilyIdentity, today: date | None = None) -> QuerySet:
    """Consents in force for a supporter holding an address the session proved."""
    if not identity.emails:
        return SupporterConsent.objects.none()
    today = today or today_in_england()
    return SupporterConsent.objects.filter(
        supporter__email__in=sorted(identity.emails),
        withdrawn_at__isnull=True,
        until__gte=today,
    ).select_related("case", "case__provider", "supporter")


def supported_cases(identity: FamilyIdentity) -> list[SupporterConsent]:
    return list(active_consents(identity).order_by("-case__received_on", "-pk"))


def has_supported_case(identity: FamilyIdentity) -> bool:
    return active_consents(identity).exists()


def consent_for(identity: FamilyIdentity, reference: str) -> SupporterConsent:
    """The consent in force for this supporter on this case, or 404 (the same answer whether the
    case exists, was never theirs, or the consent was withdrawn or has run out)."""
    consent = active_consents(identity).filter(case__reference=reference).first()
    if consent is None:
        raise Http404("No such case")
    return consent


def require_scope(consent: SupporterConsent, scope: str) -> None:
    """404 for anything the consent does not cover."""
    if not getattr(consent, scope):
        raise Http404("Not shared with you")


def consents_on(case: Case) -> list[SupporterConsent]:
    return list(case.supporter_consents.select_related("supporter", "given_by"))
