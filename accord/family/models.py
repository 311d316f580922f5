"""What family access stores: one-time sign-in codes (hashed), feedback from every party, and the
family's consent for a supporter to see their case."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accord.cases.choices import PartyRole, SupporterKind
from accord.cases.models import Case, Party


class SignInCode(models.Model):
    """A 6-digit code sent to an address held for a family party on a case.

    Neither the code nor the address is stored: only keyed hashes (HMAC with the secret key), so
    a copy of the database alone does not reveal a code. A code works once, for 15 minutes, and
    is revoked after 5 wrong tries or when a newer code is sent to the same address.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    address_digest = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Sign-in code {self.pk} ({self.get_channel_display()}, {self.created_at:%Y-%m-%d})"


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Feedback(models.Model):
    """One party's view of the service once the case is over: three 1–5 scores and comments.

    Reports count feedback by the respondent's role and the case's local authority.
    """

    class Route(models.TextChoices):
        FAMILY_PAGE = "family_page", "Family's signed-in page"
        EMAILED_LINK = "emailed_link", "Link sent by email"

    # The case's mediator is asked too; they are a member of the service, not a party.
    MEDIATOR = "mediator"
    RESPONDENT_ROLES = [*PartyRole.choices, (MEDIATOR, "Mediator")]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback")
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    respondent_role = models.CharField(max_length=20, choices=RESPONDENT_ROLES)
    # The mediator who answered (their feedback has no party).
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    satisfied = _score("how satisfied")
    listened_to = _score("felt listened to")
    would_recommend = _score("would recommend")
    comments = models.TextField(blank=True)
    given_through = models.CharField(max_length=20, choices=Route.choices)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.UniqueConstraint(fields=["case", "party"], name="one_feedback_per_party"),
            models.UniqueConstraint(
                fields=["case", "mediator"],
                condition=models.Q(mediator__isnull=False),
                name="one_feedback_per_mediator",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"feedback_{name}_1_to_5",
                )
                for name in ("satisfied", "listened_to", "would_recommend")
            ],
        ]
        indexes = [
            models.Index(fields=["case", "respondent_role"]),
            # The reports' feedback scores for a period (accord.reports.feedback).
            models.Index(fields=["submitted_at"], name="feedback_submitted_at"),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.case} from {self.get_respondent_role_display()}"


# What a consent may cover, in the words the family and the supporter read.
SCOPE_LABELS = {
    "may_see_dates": "the dates that matter",
    "may_see_documents": "certificates and agreements",
    "may_see_meetings": "meetings",
    "may_see_messages": "what has happened on the case",
}


class SupporterConsent(models.Model):
    """The family's consent for a supporter (a SENDIASS adviser, an advocate, a relative) to see
    their case: what they may see and until when. The supporter is a party of the case with the
    supporter role, who signs in with the same one-time codes as the family. Withdrawing the
    consent, or its end date passing, ends their access at once (accord.family.supporters)."""

    Kind = SupporterKind

    class GivenHow(models.TextChoices):
        ONLINE = "online", "By the family, signed in to their case"
        PHONE = "phone", "By phone"
        WRITING = "writing", "In writing (a letter or an email)"
        IN_PERSON = "in_person", "In person"
        # The adviser or relative who asked for the family online said the family agreed.
        THROUGH_SUPPORTER = "through_supporter", "Through the person who asked for them"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supporter_consents")
    supporter = models.OneToOneField(
        Party, on_delete=models.CASCADE, related_name="supporter_consent"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    may_see_dates = models.BooleanField("the dates that matter", default=False)
    may_see_documents = models.BooleanField("certificates and agreements", default=False)
    may_see_meetings = models.BooleanField("meetings", default=False)
    may_see_messages = models.BooleanField("what has happened and messages", default=False)
    until = models.DateField("consent lasts until")
    given_how = models.CharField(max_length=20, choices=GivenHow.choices)
    given_note = models.TextField("how consent was given", blank=True)
    # The family member who gave it (signed in), or the staff who recorded it.
    given_by = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    SCOPES = ("may_see_dates", "may_see_documents", "may_see_meetings", "may_see_messages")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Consent for {self.supporter} on {self.case}"

    def is_active(self, today: date) -> bool:
        return self.withdrawn_at is None and self.until >= today

    @property
    def scope_labels(self) -> list[str]:
        return [SCOPE_LABELS[name] for name in self.SCOPES if getattr(self, name)]
