"""Information and advice (MIAS) calls and mediation / DR meetings, with their attendees."""

from __future__ import annotations

import uuid
from decimal import Decimal

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
    # A co-mediator and an observer (e.g. a mediator in training), with the mediator's checks.
    co_mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_mediated_meetings",
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observed_meetings",
    )
    room = models.ForeignKey(
        "meetings.Room", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
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
    # How the party's access needs are met at this meeting (staff only; never in a message).
    access_arrangements = models.TextField(blank=True)
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


# --- the scheduling assistant: diaries, venues, proposal rounds (docs/scheduling.md) -----------


class DiaryKind(models.TextChoices):
    MEDIATOR = "mediator", "Mediator (meetings)"
    ADVISER = "adviser", "Mediation adviser (information and advice calls)"


class Diary(models.Model):
    """When one person works for one provider: their weekly hours, leave and the most meetings
    (or calls) a day and a week. A mediator's diary also names the areas they cover."""

    provider = models.ForeignKey(
        "organisations.Provider", on_delete=models.CASCADE, related_name="diaries"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diaries"
    )
    kind = models.CharField(max_length=10, choices=DiaryKind.choices)
    most_per_day = models.PositiveSmallIntegerField("most a day", default=1)
    most_per_week = models.PositiveSmallIntegerField("most a week", default=3)
    areas = models.ManyToManyField(
        "organisations.LocalAuthority", blank=True, related_name="+", verbose_name="areas covered"
    )

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "person", "kind"], name="one_diary_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display().lower()})"


class WorkingHours(models.Model):
    """One weekly window: e.g. Tuesdays 09:00-17:00. A day may have more than one."""

    diary = models.ForeignKey(Diary, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField()  # 0 Monday ... 6 Sunday, as date.weekday()
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts"]

    def __str__(self) -> str:
        return f"{self.weekday} {self.starts:%H:%M}-{self.ends:%H:%M}"


class Leave(models.Model):
    diary = models.ForeignKey(Diary, on_delete=models.CASCADE, related_name="leave")
    first_day = models.DateField()
    last_day = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["first_day"]

    def __str__(self) -> str:
        return f"Leave {self.first_day}-{self.last_day}"


class Venue(models.Model):
    provider = models.ForeignKey(
        "organisations.Provider", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(max_length=200)
    address = models.TextField()
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField(default=False)
    accessibility_notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    capacity = models.PositiveSmallIntegerField()
    step_free = models.BooleanField("step-free access", default=False)

    class Meta:
        ordering = ["venue__name", "name"]

    def __str__(self) -> str:
        return f"{self.venue.name}, {self.name}"


class SchedulingPreference(models.Model):
    """What the family said suits them: ranked first among the proposals, never a filter."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="time_preference")
    weekdays = models.CharField(max_length=20, blank=True)  # e.g. "0,2" for Mondays, Wednesdays
    part_of_day = models.CharField(max_length=10, blank=True)  # "", "morning", "afternoon"
    agreed_shorter_notice = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Preferences for {self.case}"


class RoundState(models.TextChoices):
    OPEN = "open", "Waiting for answers"
    BOOKED = "booked", "Booked"
    NO_COMMON_TIME = "no_common_time", "No time suits everyone"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProposalRound(models.Model):
    """The 2-5 times a coordinator sent, and each required party's answers. When every party
    has answered and a time suits them all, the meeting is booked (or moved)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proposal_rounds")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    online_link = models.URLField(blank=True)
    online_meeting_id = models.CharField(max_length=100, blank=True)
    online_passcode = models.CharField(max_length=100, blank=True)
    moves = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=20, choices=RoundState.choices, default=RoundState.OPEN)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Proposed times for {self.case} ({self.get_state_display()})"


class ProposedTime(models.Model):
    round = models.ForeignKey(ProposalRound, on_delete=models.CASCADE, related_name="times")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%d %b %Y %H:%M}"


class Responder(models.Model):
    """One required party's answer: a party of the case, or the mediator (a user)."""

    round = models.ForeignKey(ProposalRound, on_delete=models.CASCADE, related_name="responders")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.CASCADE)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    picks = models.ManyToManyField(ProposedTime, blank=True, related_name="picked_by")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.party or self.person)

    @property
    def label(self) -> str:
        if self.party is not None:
            return f"{self.party.name} ({self.party.get_role_display()})"
        return f"{self.person} (mediator)"


class StandbyEntry(models.Model):
    """A case whose family would take an earlier time if a meeting is cancelled."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="standby_entries")
    added_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"{self.case} on standby"


class InterpreterBooking(models.Model):
    """An interpreter (spoken language or BSL) booked for one party at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interpreters")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=100)
    interpreter = models.CharField("interpreter or agency", max_length=200)
    confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.language} interpreter for {self.party}"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class FeeClaim(models.Model):
    """A freelance mediator's fee and expenses for one meeting they mediated, submitted by the
    mediator and approved (or not) by a service manager (accord.meetings.fees)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="fee_claims")
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fee_claims"
    )
    fee = models.DecimalField(max_digits=9, decimal_places=2)
    expenses = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    expenses_note = models.CharField("what the expenses were for", max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at", "pk"]
        constraints = [
            # One claim standing per mediator and meeting; one not approved may be made again.
            models.UniqueConstraint(
                fields=["meeting", "mediator"],
                condition=~models.Q(status="rejected"),
                name="one_standing_claim_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"Claim for {self.meeting} by {self.mediator}"

    @property
    def total(self) -> Decimal:
        return self.fee + self.expenses
