"""The case: who it is about, who takes part, the decision disputed, its dates and its history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone

from accord.cases.append_only import AppendOnly
from accord.cases.choices import (
    AccessKind,
    Channel,
    ContactMethod,
    DecisionKind,
    DisagreementWith,
    FamilyChoice,
    NotPursuedHow,
    Outcome,
    PartyRole,
    RiskLevel,
    Route,
)
from accord.cases.encrypted import EncryptedTextField, decrypt
from accord.cases.name_search import name_search_text
from accord.cases.states import CaseState
from accord.organisations.models import HealthBody, LocalAuthority, Provider
from accord.rules import today_in_england


class ChildOrYoungPerson(models.Model):
    """The child or young person the disagreement is about (0–25)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="children")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    setting = models.CharField("school, college or setting", max_length=200, blank=True)

    # The names as read, to tell whether a save changed them (not a field).
    _names_as_loaded: tuple[str, ...] | None = None

    class Meta:
        verbose_name = "child or young person"
        verbose_name_plural = "children and young people"
        indexes = [models.Index(fields=["provider", "last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is not None and not {"first_name", "last_name"} & set(fields):
            return
        names = (self.first_name, self.last_name)
        if not adding and names != getattr(self, "_names_as_loaded", None):
            # Every case of this child searches by its names (accord.cases.name_search).
            refresh_name_search(self.cases.values_list("pk", flat=True))
        self._names_as_loaded = names

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> ChildOrYoungPerson:
        child = super().from_db(db, field_names, values)
        child._names_as_loaded = _loaded(child, "first_name", "last_name")
        return child

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# The people a case is assigned to, by the name of each field, in the order the caseload names
# them.
ASSIGNED = ("coordinator", "adviser", "mediator")


class Case(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=20)
    state = models.CharField(max_length=20, choices=CaseState.choices, default=CaseState.ENQUIRY)
    child = models.ForeignKey(ChildOrYoungPerson, on_delete=models.PROTECT, related_name="cases")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="cases"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )

    # Enquiry
    received_on = models.DateField(default=today_in_england)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.PHONE)
    referred_by = models.CharField(max_length=200, blank=True)
    summary = models.TextField("what the disagreement is about", blank=True)
    safeguarding_concern = models.BooleanField(default=False)
    safeguarding_notes = EncryptedTextField(blank=True)
    # The family agreed at intake that the LA (and the ICB, if involved) may see the case before
    # either is a party to it (accord.cases.selectors.cases_for: what an officer sees).
    shared_with_bodies_on = models.DateField(
        "date the family agreed to share the case with the LA and ICB", null=True, blank=True
    )

    # The decision disputed
    decision_kind = models.CharField(max_length=40, choices=DecisionKind.choices)
    # Plan sections in dispute, as a comma-separated list of PlanSection values ("b,f,i").
    decision_sections = models.CharField(max_length=40, blank=True)
    disagreement_with = models.CharField(
        max_length=30, choices=DisagreementWith.choices, blank=True
    )
    decision_notice_sent_on = models.DateField(
        "date the decision letter was sent", null=True, blank=True
    )
    involves_health = models.BooleanField("the issues include health care", default=False)

    # Route
    suggested_route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    route_override_reason = models.TextField(blank=True)
    certificate_needed = models.BooleanField(default=True)

    # People working on it
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_cases",
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_cases",
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediated_cases",
    )

    # Dates that start statutory clocks (each named for its event; see accord.cases.clocks)
    family_choice = models.CharField(max_length=20, choices=FamilyChoice.choices, blank=True)
    family_choice_on = models.DateField(null=True, blank=True)
    la_notified_on = models.DateField(
        "date the LA received the family's notice that they want mediation", null=True, blank=True
    )
    health_body_notified_on = models.DateField(
        "date the ICB was told the issues", null=True, blank=True
    )
    # Disagreement resolution started: the other parties on the case are invited to it.
    dr_started_on = models.DateField(
        "date disagreement resolution was started", null=True, blank=True
    )
    cannot_hold_notified_on = models.DateField(
        "date the adviser was told mediation cannot be held within 30 days", null=True, blank=True
    )
    # The family chose mediation, then withdrew or stopped replying: SEND Regs reg 34 ("fails to
    # pursue") starts the certificate's 3 working days on the day the adviser learns it.
    mediation_not_pursued_on = models.DateField(
        "date the adviser learned the family is no longer pursuing mediation",
        null=True,
        blank=True,
    )
    not_pursued_how = models.CharField(max_length=20, choices=NotPursuedHow.choices, blank=True)
    not_pursued_attempts = models.PositiveSmallIntegerField(
        "attempts to contact the family without a reply", null=True, blank=True
    )
    not_pursued_note = models.TextField(blank=True)
    mediation_concluded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    # The family's appeals to the SEND Tribunal are `Appeal` rows (below); how many are
    # recorded is kept here by the appeal services, so the case page reads them only when any.
    appeals_recorded = models.PositiveSmallIntegerField(default=0)

    # Arranging
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_notes = EncryptedTextField(blank=True)
    risk_assessed_on = models.DateField(null=True, blank=True)

    # Closure
    closed_on = models.DateField(null=True, blank=True)
    close_reason = models.TextField(blank=True)
    state_before_close = models.CharField(max_length=20, choices=CaseState.choices, blank=True)

    # Data protection (accord.privacy): a legal hold keeps the case from the retention job; a
    # closed case past its retention period is anonymised on that day, its figures kept.
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.TextField(blank=True)
    anonymised_on = models.DateField(null=True, blank=True)

    # The nearest open statutory deadline, kept up to date by services for the caseload's order.
    next_deadline_on = models.DateField(null=True, blank=True)
    next_deadline_clock = models.CharField(max_length=40, blank=True)

    # Optimistic concurrency: every write checks and bumps it (accord.cases.services).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The child's and parties' names folded for the caseload's search, written only by
    # accord.cases.name_search (never by a save of the case: see `save`).
    name_search = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="case_reference_unique_per_provider"
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "state", "next_deadline_on"]),
            models.Index(fields=["provider", "next_deadline_on"]),
            # A council's cases, and its cases at one stage (the caseload filtered by both):
            # without the stage here, PostgreSQL met the two filters by combining this with
            # the stage's index, reading every case of the council (docs/performance.md).
            models.Index(fields=["provider", "local_authority", "state"]),
            # The caseload's default list: open cases, nearest deadline first (undated last, as
            # PostgreSQL orders an ascending index), newest first; read in order, no sort.
            models.Index(
                fields=["provider", "next_deadline_on", "-created_at"],
                condition=~models.Q(state="closed"),
                name="case_open_by_deadline",
            ),
            # "My cases" on the default caseload: a person's open cases, each role's column
            # through its own small index (most of a person's cases over the years are closed).
            # Each also holds what the caseload's count of them reads (the deadline, and the
            # roles before it, which that count's parts exclude: selectors.caseload),
            # so PostgreSQL counts from the index alone, never reading the cases themselves.
            *(
                models.Index(
                    fields=["provider", column],
                    include=[*ASSIGNED[:i], "next_deadline_on"],
                    condition=~models.Q(state="closed"),
                    name=f"case_open_{column}",
                )
                for i, column in enumerate(ASSIGNED)
            ),
            # The search's exact reference (`reference__iexact`, UPPER(reference) = UPPER(word)),
            # OR-ed with the names' trigram index (migration 0018): both arms need an index.
            models.Index(Upper("reference"), name="case_reference_upper"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            # A new case: its child's names (its parties are added after it).
            self.name_search = name_search_text([self.child.first_name, self.child.last_name])
        elif kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # A case saved after a name changed (a party added inside `editing`, which saves
            # the case it locked before) must not write back the names it read then.
            kwargs["update_fields"] = _CASE_FIELDS_BUT_NAMES
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:

        return reverse("cases:detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.CLOSED

    @property
    def sections(self) -> list[str]:
        return [s for s in self.decision_sections.split(",") if s]


class Appeal(models.Model):
    """An appeal to the SEND Tribunal that the service has been told of: the day the tribunal
    registered it and the decision appealed. The SEN2 return counts them per request
    (the decision not to assess), per assessment (the decision not to issue a plan) and for
    other reasons (accord.reports.sen2), so each is recorded, never guessed from the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    registered_on = models.DateField("date the tribunal registered the appeal")
    decision_kind = models.CharField(
        "the decision appealed", max_length=40, choices=DecisionKind.choices
    )
    decision_notice_sent_on = models.DateField(
        "date of the letter giving the decision appealed", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registered_on", "pk"]
        indexes = [models.Index(fields=["registered_on"])]

    def __str__(self) -> str:
        return f"{self.case.reference}: appeal registered {self.registered_on}"


class CaseReferenceCounter(models.Model):
    """The last case number used per provider and year: a row locked while numbering."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "year"], name="one_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.year}: {self.last_number}"


class Party(models.Model):
    """Someone who takes part in the case or must be kept informed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    interpreter_language = models.CharField(max_length=100, blank=True)
    access_needs = EncryptedTextField("access needs and adjustments", blank=True)
    is_enquirer = models.BooleanField("made the enquiry", default=False)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    # Attendance and authority (SEND Regs reg 38)
    has_authority_to_settle = models.BooleanField(default=False)
    # Disagreement resolution is voluntary for everyone (CoP 11.6): each party's consent.
    dr_consent = models.BooleanField(null=True, blank=True)
    dr_consent_on = models.DateField(null=True, blank=True)
    pre_meeting_on = models.DateField("pre-meeting contact held on", null=True, blank=True)
    # Bumped on every change of the person's details: an edit form carries the version it was
    # shown with, and a save from a stale form is refused (accord.cases.services.update_party).
    version = models.PositiveIntegerField(default=1)
    statement_agreed_on = models.DateField(
        "case statement checked and signed on", null=True, blank=True
    )
    # A parent or carer of a young person (CFA 2014 s.83): the young person agreed, on this
    # date, that they may go on seeing the case and receiving its messages (accord.cases.
    # young_person). Empty: they do not, unless they act for a young person lacking capacity.
    young_person_consented_on = models.DateField(
        "the young person agreed they may take part on", null=True, blank=True
    )

    # The name as read, to tell whether a save changed it (not a field).
    _name_as_loaded: tuple[str, ...] | None = None

    class Meta:
        # By the case's id, not "case" (its own ordering): that joins the case, with its date,
        # into every read of a case's parties only to order rows that share one case.
        ordering = ["case_id", "role", "name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is not None and "name" not in fields:
            return
        if adding or (self.name,) != getattr(self, "_name_as_loaded", None):
            # The case searches by its parties' names (accord.cases.name_search).
            refresh_name_search([self.case_id])
        self._name_as_loaded = (self.name,)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        case_id = self.case_id
        deleted = super().delete(*args, **kwargs)
        refresh_name_search([case_id])
        return deleted

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Party:
        party = super().from_db(db, field_names, values)
        party._name_as_loaded = _loaded(party, "name")
        return party


class ChildView(models.Model):
    """The child's or young person's views, gathered before the meeting (CFA 2014 s.19: the LA
    must have regard to them). Who may see them is recorded with the child's or young person's
    consent (`shared_with`)."""

    class SharedWith(models.TextChoices):
        MEDIATION_TEAM = "team", "The mediator and the service only"
        FAMILY = "family", "Their family, the mediator and the service"
        EVERYONE = "everyone", "Everyone taking part, the council (and health) too"

    class Kind(models.TextChoices):
        FORM = "form", "Written views"
        DRAWING = "drawing", "Drawing or picture"
        RECORDING = "recording", "Audio or video recording"
        ATTENDING = "attending", "Taking part in the meeting"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_views")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = EncryptedTextField(blank=True)
    file = models.FileField(upload_to="child-views/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    received_on = models.DateField(default=today_in_england)
    submitted_by_family = models.BooleanField(default=False)
    shared_with = models.CharField(
        "who may see them", max_length=10, choices=SharedWith.choices, default="team"
    )
    # Who agreed to that sharing, and when (the child or young person themselves, or for a
    # young child a parent with them).
    sharing_agreed_by = models.CharField("who agreed", max_length=200, blank=True)
    sharing_agreed_on = models.DateField("date they agreed", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.received_on})"


class CaseDocumentKind(models.TextChoices):
    """The documents a case runs on."""

    DECISION_LETTER = "decision_letter", "The local authority's decision letter"
    EHC_PLAN = "ehc_plan", "EHC plan, or a draft or amended plan"
    REPORT = "report", "A report or assessment"
    EVIDENCE = "evidence", "Evidence"
    OTHER = "other", "Something else"


class DocumentVisibility(models.TextChoices):
    """Who may see a case document besides the person who added it."""

    STAFF_ONLY = "staff_only", "The mediation service only (staff and the mediator)"
    ALL_PARTIES = "all_parties", "Everyone taking part in the case"
    NAMED_PARTIES = "named_parties", "Only the people I choose"


class CaseDocument(models.Model):
    """A document the case runs on (the decision letter, the EHC plan, reports, evidence),
    added by staff, an officer or the family through accord.cases.services.add_case_document:
    checked and scanned by accord.cases.uploads, kept in the private (encrypted) file storage,
    and read only through access-checked views that log every read."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=CaseDocumentKind.choices)
    title = models.CharField("what it is", max_length=200)
    file = models.FileField(upload_to="case-documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    visibility = models.CharField(max_length=20, choices=DocumentVisibility.choices)
    shared_with = models.ManyToManyField(Party, blank=True, related_name="shared_documents")
    # Who added it: a member of staff or an officer, or a family member (by their party).
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_by_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def added_by_name(self) -> str:
        if self.added_by_id:
            return str(self.added_by)
        return self.added_by_party.name if self.added_by_party_id else "Removed"  # type: ignore[union-attr]


class TimelineEvent(AppendOnly):
    """History is data: one row per meaningful change, with who, when, what, before and after.
    Append-only (accord.cases.append_only)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=500)
    changes = models.JSONField(default=dict, blank=True)
    # Filled from the audience the kind declares (accord.cases.timeline); kept per row so an
    # event recorded before a kind was split keeps the audience it was given.
    visible_to_officers = models.BooleanField(default=True)
    visible_to_family = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"

    @property
    def changes_shown(self) -> list[tuple[str, str, str]]:
        """(what, before, after) for the history; a fact that is not a change has no before."""
        shown = []
        for name, value in (self.changes or {}).items():
            label = str(name).replace("_", " ")
            if isinstance(value, list) and len(value) == 2:
                shown.append((label, _shown(value[0]), _shown(value[1])))
            else:
                shown.append((label, "", _shown(value)))
        return shown


def _shown(value: object) -> str:
    if isinstance(value, str):
        value = decrypt(value)
    return "(empty)" if value in (None, "", []) else str(value)


class CaseNote(models.Model):
    """Confidential notes: mediator and service staff only, never LA/ICB officers or family."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.created_at:%Y-%m-%d}"


class CaseAccess(AppendOnly):
    """Every opening of a case record, for audit (product.md: 'every access is auditable').

    A read of something that is not yet a case (an online request) or of many cases at once (a
    search, an export) names no case: `subject` says what was read. Append-only
    (accord.cases.append_only)."""

    provider = models.ForeignKey(
        Provider, null=True, on_delete=models.PROTECT, related_name="case_accesses"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10, choices=AccessKind.choices, default=AccessKind.VIEW)
    what = models.CharField(max_length=100)
    subject = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["provider", "-at"], name="caseaccess_provider_at"),
            models.Index(fields=["case", "-at"], name="caseaccess_case_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.what} {self.at:%Y-%m-%d %H:%M}"


class CaseClock(models.Model):
    """One statutory clock of one case, as it stands after the case's latest change.

    The due dates come from `accord.rules` (through `accord.cases.clocks.deadlines_for`): they are
    stored here when a case changes (accord.cases.clock_rows), never worked out again in SQL, so a
    deadline in a report is the same as on the case page. Reports aggregate these rows.
    """

    # The tenant, copied from the case so that a provider's figures need no join to filter.
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clock_rows")
    # The kind of clock (e.g. "certificate_after_mediation", "agreement_action"): reports group
    # by it, so a new kind appears in them without a change here.
    clock = models.CharField(max_length=40)
    # Unique within the case: the clock kind, or e.g. "agreement_item_12" for one agreed action.
    key = models.CharField(max_length=60)
    started_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    # Done after the due date but allowed: the family agreed to shorter notice (SEND Regs 2014
    # reg 37 notice) — counted as in time.
    excused = models.BooleanField(default=False)
    # The family's own clocks (contacting an adviser, appealing) are not the service's to meet.
    for_family = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="one_row_per_case_clock"),
        ]
        indexes = [
            models.Index(fields=["provider", "due_on"], name="caseclock_provider_due"),
            # The caseload's "still followed up" test (an agreed action not yet done) looks up
            # one case's open actions: a small partial index instead of reading every clock.
            models.Index(
                fields=["case"],
                condition=models.Q(clock="agreement_action", done_on__isnull=True),
                name="caseclock_open_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.key}: due {self.due_on}, done {self.done_on}"


def refresh_name_search(case_ids: Iterable[int]) -> None:
    """Rewrites the search column of these cases from their child's and parties' names as
    stored (accord.cases.name_search)."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    names: dict[int, list[str]] = {
        pk: [first, last]
        for pk, first, last in Case.objects.filter(pk__in=ids).values_list(
            "pk", "child__first_name", "child__last_name"
        )
    }
    parties = Party.objects.filter(case_id__in=ids).order_by("pk")
    for case_id, name in parties.values_list("case_id", "name"):
        names[case_id].append(name)
    for case_id, case_names in names.items():
        Case.objects.filter(pk=case_id).update(name_search=name_search_text(case_names))


_CASE_FIELDS_BUT_NAMES = [
    f.name for f in Case._meta.concrete_fields if not f.primary_key and f.name != "name_search"
]


def _loaded(instance: models.Model, *names: str) -> tuple[str, ...] | None:
    """The values of these fields as read from the database, or None if any was deferred."""
    loaded = instance.__dict__
    if any(n not in loaded for n in names):
        return None
    return tuple(loaded[n] for n in names)


# The service's records of safeguarding, risk and complaints live in their own module; importing
# them here makes them models of this app.
from accord.cases.capacity import (  # noqa: E402
    CapacityAssessment as CapacityAssessment,
)
from accord.cases.concerns import (  # noqa: E402
    Complaint as Complaint,
)
from accord.cases.concerns import (  # noqa: E402
    RiskAssessment as RiskAssessment,
)
from accord.cases.concerns import (  # noqa: E402
    SafeguardingConcern as SafeguardingConcern,
)
