"""Choices stored on cases. Values mirror the member names of `accord.rules` enums (lower case),
so `accord.rules.DecisionKind[value.upper()]` turns a stored value into the rules' own type."""

from __future__ import annotations

from django.db import models


class Route(models.TextChoices):
    MEDIATION = "mediation", "Mediation"
    HEALTH_ONLY_MEDIATION = "health_only_mediation", "Health-only mediation"
    DISAGREEMENT_RESOLUTION = "disagreement_resolution", "Disagreement resolution"
    NONE = "none", "No mediation or disagreement resolution"


class DecisionKind(models.TextChoices):
    REFUSE_TO_ASSESS = "refuse_to_assess", "Refusal to carry out an EHC needs assessment"
    REFUSE_TO_REASSESS = "refuse_to_reassess", "Refusal to carry out a reassessment"
    REFUSE_TO_ISSUE_PLAN = "refuse_to_issue_plan", "Refusal to issue an EHC plan"
    PLAN_CONTENT = "plan_content", "Content of a final or amended EHC plan"
    REFUSE_TO_AMEND_AFTER_REVIEW = "refuse_to_amend_after_review", "Refusal to amend after a review"
    CEASE_TO_MAINTAIN = "cease_to_maintain", "Decision to cease to maintain the plan"
    NON_EHC_DISAGREEMENT = "non_ehc_disagreement", "Another SEND disagreement"
    DISABILITY_DISCRIMINATION = "disability_discrimination", "Disability discrimination"


class PlanSection(models.TextChoices):
    B = "b", "B: special educational needs"
    C = "c", "C: health care needs"
    D = "d", "D: social care needs"
    E = "e", "E: outcomes"
    F = "f", "F: special educational provision"
    G = "g", "G: health care provision"
    H1 = "h1", "H1: social care provision (CSDPA)"
    H2 = "h2", "H2: other social care provision"
    I = "i", "I: school, college or other institution"  # noqa: E741


class DisagreementWith(models.TextChoices):
    LA = "la", "The local authority"
    SCHOOL = "school", "A school"
    EARLY_YEARS_SETTING = "early_years_setting", "An early years setting"
    COLLEGE = "college", "A college"
    HEALTH = "health", "Health services"
    SOCIAL_CARE = "social_care", "Social care"


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


FAMILY_ROLES = frozenset({PartyRole.PARENT_CARER, PartyRole.YOUNG_PERSON, PartyRole.REPRESENTATIVE})


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    POST = "post", "Post"


class FamilyChoice(models.TextChoices):
    MEDIATION = "mediation", "Wants mediation"
    CERTIFICATE = "certificate", "Does not want mediation: certificate"


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
