"""Providers (the tenants), the public bodies they work for, and the people who use Accord."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
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

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email


class Membership(models.Model):
    """A user's role in one provider. Officers and commissioners also name their public body."""

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

    class Meta:
        ordering = ["provider", "role"]
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
