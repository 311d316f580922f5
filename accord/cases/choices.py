"""Choices stored on cases. The route, decision, plan-section and "disagreement with" choices are
built from the `accord.rules` enums: the stored value is the rules member's value (plan sections
in lower case), and the label is the rules member's label, so a form, a certificate and a
triage explanation word each one the same way. `accord.rules.DecisionKind(value)` turns a stored
value into the rules' own type (by value: a member's name can change, its stored value not)."""

from __future__ import annotations

from django.db import models

from accord import rules


def _stored(member: rules.Route | rules.DecisionKind | rules.DisagreementWith) -> tuple[str, str]:
    return member.value, member.label


def _section(member: rules.PlanSection) -> tuple[str, str]:
    return member.value.lower(), member.label


class Route(models.TextChoices):
    MEDIATION = _stored(rules.Route.MEDIATION)
    HEALTH_ONLY_MEDIATION = _stored(rules.Route.HEALTH_ONLY_MEDIATION)
    DISAGREEMENT_RESOLUTION = _stored(rules.Route.DISAGREEMENT_RESOLUTION)
    NONE = _stored(rules.Route.NONE)


# The stored routes that are SEND mediation (rules.MEDIATION_ROUTES).
MEDIATION_ROUTES = frozenset(Route(route.value) for route in rules.MEDIATION_ROUTES)


class DecisionKind(models.TextChoices):
    REFUSE_TO_ASSESS = _stored(rules.DecisionKind.REFUSE_TO_ASSESS)
    REFUSE_TO_REASSESS = _stored(rules.DecisionKind.REFUSE_TO_REASSESS)
    REFUSE_TO_ISSUE_PLAN = _stored(rules.DecisionKind.REFUSE_TO_ISSUE_PLAN)
    PLAN_CONTENT = _stored(rules.DecisionKind.PLAN_CONTENT)
    REFUSE_TO_AMEND_OR_REPLACE = _stored(rules.DecisionKind.REFUSE_TO_AMEND_OR_REPLACE)
    CEASE_TO_MAINTAIN = _stored(rules.DecisionKind.CEASE_TO_MAINTAIN)
    NON_EHC_DISAGREEMENT = _stored(rules.DecisionKind.NON_EHC_DISAGREEMENT)
    DISABILITY_DISCRIMINATION = _stored(rules.DecisionKind.DISABILITY_DISCRIMINATION)


class PlanSection(models.TextChoices):
    B = _section(rules.PlanSection.B)
    C = _section(rules.PlanSection.C)
    D = _section(rules.PlanSection.D)
    E = _section(rules.PlanSection.E)
    F = _section(rules.PlanSection.F)
    G = _section(rules.PlanSection.G)
    H1 = _section(rules.PlanSection.H1)
    H2 = _section(rules.PlanSection.H2)
    I = _section(rules.PlanSection.I)  # noqa: E741


class DisagreementWith(models.TextChoices):
    LA = _stored(rules.DisagreementWith.LA)
    SCHOOL = _stored(rules.DisagreementWith.SCHOOL)
    EARLY_YEARS_SETTING = _stored(rules.DisagreementWith.EARLY_YEARS_SETTING)
    COLLEGE = _stored(rules.DisagreementWith.COLLEGE)
    HEALTH = _stored(rules.DisagreementWith.HEALTH)
    SOCIAL_CARE = _stored(rules.DisagreementWith.SOCIAL_CARE)


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    POST = "post", "Post"
    ONLINE = "online", "Online request"
    REFERRAL = "referral", "Referral"


class PartyRole(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    REPRESENTATIVE = "representative", "Representative (deputy, attorney or other)"
    SUPPORTER = "supporter", "Supporter or advocate"
    LA_OFFICER = "la_officer", "Local authority officer"
    ICB_OFFICER = "icb_officer", "Health (ICB) officer"
    SCHOOL_STAFF = "school_staff", "School or setting staff"
    PROFESSIONAL = "professional", "Other professional"


class SupporterKind(models.TextChoices):
    """Who a supporter of the family is (accord.family's consent, the online request made for a
    family)."""

    SENDIASS = "sendiass", "SENDIASS adviser"
    ADVOCATE = "advocate", "Advocate"
    RELATIVE = "relative", "Relative or friend"
    OTHER = "other", "Someone else"


FAMILY_ROLES = frozenset({PartyRole.PARENT_CARER, PartyRole.YOUNG_PERSON, PartyRole.REPRESENTATIVE})


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    POST = "post", "Post"


class FamilyChoice(models.TextChoices):
    MEDIATION = "mediation", "Wants mediation"
    CERTIFICATE = "certificate", "Does not want mediation: certificate"


class NotPursuedHow(models.TextChoices):
    """How the adviser knows a family who chose mediation is no longer pursuing it (SEND Regs
    reg 34: a family who "fails to pursue" mediation gets the certificate too)."""

    WITHDREW = "withdrew", "The family said they no longer want mediation"
    NO_REPLY = "no_reply", "The family stopped replying"


class Outcome(models.TextChoices):
    FULL_AGREEMENT = "full", "Full agreement"
    PARTIAL_AGREEMENT = "partial", "Partial agreement"
    NO_AGREEMENT = "none", "No agreement"
    CERTIFICATE_ONLY = "certificate_only", "Certificate issued, mediation not pursued"
    NOT_HELD_IN_TIME = "not_held_in_time", "Could not be held within 30 days"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECLINED = "declined", "Declined by the other party"
    NO_FURTHER_ACTION = "no_further_action", "Advice only, no further action"


MEETING_OUTCOMES = frozenset(
    {Outcome.FULL_AGREEMENT, Outcome.PARTIAL_AGREEMENT, Outcome.NO_AGREEMENT}
)


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class AccessKind(models.TextChoices):
    """What kind of read an access-log entry records (accord.cases.audit)."""

    VIEW = "view", "Viewed a page"
    FORM = "form", "Opened a form"
    DOWNLOAD = "download", "Downloaded a file"
    EXPORT = "export", "Exported data"
    SEARCH = "search", "Searched"
