"""Information and advice (MIAS) calls and mediation / DR meetings, with their attendees."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from accord.cases.models import Case, Party


class MiasCall(models.Model):
    """The mediation information and advice session, usually a ~20-minute phone call."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mias_calls")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    phone_number = models.CharField(max_length=40, blank=True)
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]

    def __str__(self) -> str:
        if self.held_on:
            return f"Information and advice given {self.held_on:%d %b %Y}"
        if self.scheduled_for:
            return f"Information and advice call {self.scheduled_for:%d %b %Y %H:%M}"
        return "Information and advice call"


class MeetingKind(models.TextChoices):
    MEDIATION = "mediation", "Mediation meeting"
    DISAGREEMENT_RESOLUTION = "dr", "Disagreement resolution meeting"
    PRE_MEETING = "pre_meeting", "Pre-meeting"
    TEST_RUN = "test_run", "Online test run"


# The meeting that the case's state follows (BOOK_MEETING / CANCEL_MEETING).
MAIN_KINDS = frozenset({MeetingKind.MEDIATION, MeetingKind.DISAGREEMENT_RESOLUTION})


class MeetingFormat(models.TextChoices):
    """How the meeting is held. Reports group by the stored value, so a new format (as online
    was once) appears in returns without breaking them."""

    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"
    HYBRID = "hybrid", "Hybrid (some in person, some online)"


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    venue = models.TextField(blank=True)
    online_link = models.URLField(blank=True)
    online_meeting_id = models.CharField(max_length=100, blank=True)
    online_passcode = models.CharField(max_length=100, blank=True)
    # SEND Regs: notice to the family at least 5 working days before, unless they agree to less.
    notice_sent_on = models.DateField(null=True, blank=True)
    family_agreed_shorter_notice = models.BooleanField(default=False)
    family_agreed_shorter_notice_note = models.TextField(blank=True)
    test_run_offered = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    held = models.BooleanField(default=False)
    # Calendar identity: the same UID with a higher SEQUENCE updates invitations (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["mediator", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.starts_at:%d %b %Y}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def is_main(self) -> bool:
        """The mediation or DR meeting itself, as opposed to a pre-meeting or a test run."""
        return self.kind in MAIN_KINDS


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="attendances")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    declined = models.BooleanField(default=False)
    wants_test_run = models.BooleanField(default=False)
    # Recorded after the meeting by staff or the mediator: None until recorded.
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["party__role", "party__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "party"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.party} at {self.meeting}"

    @property
    def reply(self) -> str:
        """'confirmed', 'declined' or 'awaiting' (no answer yet)."""
        if self.declined:
            return "declined"
        if self.confirmed_at is not None:
            return "confirmed"
        return "awaiting"
