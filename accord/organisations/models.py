"""Providers (the tenants), the public bodies they work for, and the people who use Accord."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accord.organisations.roles import Role


class LocalAuthority(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # GSS code of the council, e.g. E10000016 (Kent): stable across renames.
    code = models.CharField(max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class HealthBody(models.Model):
    """An Integrated Care Board (ICB), the successor of the CCGs since 1 July 2022."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "health body (ICB)"
        verbose_name_plural = "health bodies (ICBs)"

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """An independent mediation / DR service: the tenant. Nothing crosses between providers."""

    name = models.CharField(max_length=200, unique=True)
    # Prefix of case references, e.g. "KM" gives KM-2026-0042.
    case_prefix = models.CharField(max_length=6, unique=True)
    local_authorities = models.ManyToManyField(LocalAuthority, related_name="providers")
    health_bodies = models.ManyToManyField(HealthBody, related_name="providers", blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    # Where replies to the service's emails go; its contact email when left empty.
    reply_to = models.EmailField(blank=True)
    # The address people reach the service at (https://mediation.example.org): links in emails
    # start with it. Empty: ACCORD_BASE_URL, or the request's own address in local use.
    site_address = models.URLField(blank=True)
    # How the service works (its own choices, not the law): a risk assessment on record before a
    # mediation or disagreement resolution meeting is booked; how many working days it gives
    # itself to answer a complaint about the service.
    risk_assessment_before_meeting = models.BooleanField(
        "a risk assessment is needed before a meeting is booked", default=False
    )
    complaint_response_working_days = models.PositiveSmallIntegerField(
        "working days to answer a complaint", default=20
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def reply_to_address(self) -> str:
        return self.reply_to or self.email


def normalised_email(email: str) -> str:
    """The one form an email address is stored and compared in: signing in is not
    case-sensitive (mail systems treat the local part case-insensitively in practice)."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalised_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normalised_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address and a password (staff and officers)."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    # Access to Django admin (reference data only); casework never happens there.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised to end every session of the person at once (deactivation): each session keeps a
    # hash of it (get_session_auth_hash), which no longer matches.
    session_generation = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalised_email(self.email)
        super().save(*args, **kwargs)

    def _session_hash(self, secret: str | bytes | None) -> str:
        return salted_hmac(
            "accord.organisations.User.session",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash(None)

    def get_session_auth_fallback_hash(self) -> Any:
        for fallback in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(fallback)


class ActiveMemberships(models.Manager["Membership"]):
    """The default manager: only memberships in use. A deactivated membership grants nothing,
    so every check that asks "does this person hold this role here?" ignores it without having
    to remember to (the people pages read `Membership.with_inactive`)."""

    def get_queryset(self) -> models.QuerySet[Membership]:
        return super().get_queryset().filter(is_active=True)


class Membership(models.Model):
    """A user's role in one provider. Officers and commissioners also name their public body.
    A freelance mediator holds a membership in each provider they work for."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Mediator independence (SEND Regs regs 35(4)/36(?)): the LAs a mediator must not work for.
    employed_by_local_authority = models.ForeignKey(
        LocalAuthority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For mediators: an LA that employs them (they cannot mediate its cases).",
    )
    # A person deactivated in a provider keeps their memberships (and history) but may use none
    # of them until reactivated.
    is_active = models.BooleanField(default=True)

    with_inactive = models.Manager()
    objects = ActiveMemberships()

    class Meta:
        ordering = ["provider", "role"]
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "provider", "role"], name="one_role_once_per_provider"
            ),
            models.CheckConstraint(
                name="la_officer_names_an_la",
                condition=~models.Q(role=Role.LA_OFFICER) | models.Q(local_authority__isnull=False),
            ),
            models.CheckConstraint(
                name="icb_officer_names_an_icb",
                condition=~models.Q(role=Role.ICB_OFFICER) | models.Q(health_body__isnull=False),
            ),
            models.CheckConstraint(
                name="commissioner_names_one_body",
                condition=~models.Q(role=Role.COMMISSIONER)
                | models.Q(local_authority__isnull=False, health_body__isnull=True)
                | models.Q(local_authority__isnull=True, health_body__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.provider}"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class Invitation(models.Model):
    """An invitation to take a role in a provider: a single-use link, valid 72 hours, to set a
    password (or, for someone who already has an account, to accept the role). Only a hash of
    the link's secret is stored."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secret_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} at {self.provider}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )


class BodyContact(models.Model):
    """Where one provider sends notices for a local authority or an ICB it works for. Kept per
    provider: the body itself (its name and code) is national reference data that several
    providers share, and one provider's addresses are nothing to another."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="body_contacts")
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    notices_email = models.EmailField("email for notices", blank=True)
    notices_address = models.TextField("postal address for notices", blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="body_contact_names_one_body",
                condition=models.Q(local_authority__isnull=False, health_body__isnull=True)
                | models.Q(local_authority__isnull=True, health_body__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["provider", "local_authority"], name="one_contact_per_provider_and_la"
            ),
            models.UniqueConstraint(
                fields=["provider", "health_body"], name="one_contact_per_provider_and_icb"
            ),
        ]

    def __str__(self) -> str:
        return f"Notices to {self.local_authority or self.health_body} from {self.provider}"


class AccreditationKind(models.TextChoices):
    CMC_REGISTRATION = "cmc", "Civil Mediation Council registration"
    SEND_STANDARDS = "send_standards", "SEND mediation standards"
    FAMILY_MEDIATION = "fmc", "Family Mediation Council accreditation"
    OTHER = "other", "Other accreditation"


class Accreditation(models.Model):
    """A mediator's accreditation as the provider has checked it, with the day it runs out."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="accreditations")
    kind = models.CharField(max_length=20, choices=AccreditationKind.choices)
    reference = models.CharField("registration number or reference", max_length=100, blank=True)
    expires_on = models.DateField()

    class Meta:
        ordering = ["expires_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.user}, to {self.expires_on:%-d %B %Y}"

    def has_expired(self, today: date) -> bool:
        return self.expires_on < today


class ConflictOfInterest(models.Model):
    """A mediator's declared link with a local authority, an ICB or a school: they do not
    mediate cases involving it (CoP 11.33: mediators are independent of the parties)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="conflicts")
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    school = models.CharField("school, college or setting", max_length=200, blank=True)
    reason = models.CharField(max_length=300)
    declared_on = models.DateField()

    class Meta:
        ordering = ["declared_on"]
        constraints = [
            models.CheckConstraint(
                name="conflict_names_one_body_or_school",
                condition=models.Q(
                    local_authority__isnull=False, health_body__isnull=True, school=""
                )
                | models.Q(local_authority__isnull=True, health_body__isnull=False, school="")
                | (
                    models.Q(local_authority__isnull=True, health_body__isnull=True)
                    & ~models.Q(school="")
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"

    @property
    def subject(self) -> str:
        return str(self.local_authority or self.health_body or self.school)


class SetupChange(models.Model):
    """One change to how a provider is set up (people, roles, bodies, details, accreditations):
    who, when, what, and the values before and after. Append-only: never updated or deleted."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="setup_changes")
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=300)
    subject = models.CharField(max_length=200, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["provider", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A change to the service, once recorded, is never altered.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A change to the service, once recorded, is never deleted.")


class Contract(models.Model):
    """A provider's contract with one LA or ICB: its period, the price of each advice call,
    mediation meeting and disagreement resolution meeting, and the caps on what is billed
    (accord.reports.billing writes the monthly activity statement from it)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="contracts")
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField("contract or purchase order reference", max_length=100)
    starts_on = models.DateField("first day of the contract")
    ends_on = models.DateField("last day of the contract")
    price_per_advice_call = models.DecimalField(max_digits=9, decimal_places=2)
    price_per_mediation = models.DecimalField(max_digits=9, decimal_places=2)
    price_per_dr = models.DecimalField(
        "price per disagreement resolution meeting", max_digits=9, decimal_places=2
    )
    monthly_cap = models.DecimalField(
        "most billed in one month", max_digits=11, decimal_places=2, null=True, blank=True
    )
    total_cap = models.DecimalField(
        "most billed over the contract", max_digits=11, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["provider", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="contract_with_one_body",
                condition=(
                    models.Q(local_authority__isnull=False, health_body__isnull=True)
                    | models.Q(local_authority__isnull=True, health_body__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="contract_ends_after_it_starts",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.reference})"

    @property
    def body(self) -> LocalAuthority | HealthBody:
        body = self.local_authority or self.health_body
        assert body is not None  # the constraint above
        return body
