"""What a certificate states, worked out once from the case and shown twice: on the page that
asks "issue this?" and in the PDF; and whether a certificate of a kind can be issued on the case
now. The dates come from accord.rules (never computed here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.cases.choices import (
    FAMILY_ROLES,
    MEDIATION_ROUTES,
    MEETING_OUTCOMES,
    FamilyChoice,
    NotPursuedHow,
)
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.documents.errors import DocumentError
from accord.documents.models import Certificate, CertificateKind
from accord.rules import today_in_england
from accord.rules.wording import join_words, short_date


@dataclass(frozen=True)
class KindWording:
    title: str
    section: str  # the section of the Act under which the certificate is issued
    regulation: str
    # What the certificate confirms, in plain English: {family} is filled in, and {concluded} or
    # {not_pursued} where the kind has them.
    statement: str
    started_by: str  # the event that starts its 3-working-day clock
    # The rule the certificate meets, in plain words for the family (no citations).
    plain_rule: str = ""


KIND_WORDING: dict[str, KindWording] = {
    # CFA 2014 s.55(4); SEND Regs 2014 reg 34.
    CertificateKind.INFORMATION_GIVEN: KindWording(
        title="Mediation certificate: information and advice given",
        section="Children and Families Act 2014, section 55(4)",
        regulation="SEND Regulations 2014, regulation 34",
        statement=(
            "The mediation adviser gave {family} information and advice about pursuing "
            "mediation. {family} then told the adviser that they do not wish to pursue mediation."
        ),
        started_by="the family told the mediation adviser they do not want mediation",
        plain_rule=(
            "Before you can appeal to the tribunal about this decision, the law says you must "
            "first hear about mediation from a mediation adviser. You did, and you decided not to "
            "have mediation. This certificate shows that, so you can now appeal."
        ),
    ),
    # CFA 2014 s.55(4); SEND Regs 2014 reg 34, which covers a family who "fails to pursue"
    # mediation as well as one who does not wish to: the statement says which happened.
    CertificateKind.NOT_PURSUED: KindWording(
        title="Mediation certificate: mediation not pursued",
        section="Children and Families Act 2014, section 55(4)",
        regulation="SEND Regulations 2014, regulation 34",
        statement=(
            "The mediation adviser gave {family} information and advice about pursuing "
            "mediation. {family} chose mediation, then {not_pursued}."
        ),
        started_by="the mediation adviser learned the family is no longer pursuing mediation",
        plain_rule=(
            "Before you can appeal to the tribunal about this decision, the law says you must "
            "first hear about mediation from a mediation adviser. You did, and then the mediation "
            "did not go ahead. This certificate shows that, so you can now appeal."
        ),
    ),
    # CFA 2014 s.55(5); SEND Regs 2014 reg 37 (the "deemed mediation" certificate).
    CertificateKind.NOT_HELD_IN_TIME: KindWording(
        title="Mediation certificate: mediation could not be held within 30 days",
        section="Children and Families Act 2014, section 55(5)",
        regulation="SEND Regulations 2014, regulation 37",
        statement=(
            "{family} wanted mediation, but it could not take place within 30 days. This "
            "certificate lets {family} appeal without waiting for the mediation."
        ),
        started_by="the mediation adviser was told the mediation could not be held in time",
        plain_rule=(
            "The law says your mediation should happen within 30 days of the council being told "
            "you want it. When it cannot, you get this certificate, so you can appeal to the "
            "tribunal without waiting for the mediation."
        ),
    ),
    # CFA 2014 s.55(5); SEND Regs 2014 reg 39.
    CertificateKind.AFTER_MEDIATION: KindWording(
        title="Mediation certificate: mediation took place",
        section="Children and Families Act 2014, section 55(5)",
        regulation="SEND Regulations 2014, regulation 39",
        statement="{family} took part in mediation, which ended on {concluded}.",
        started_by="the mediation concluded",
        plain_rule=(
            "The law says that after a mediation you must be given this certificate within 3 "
            "working days. It shows that the mediation took place, so you can appeal to the "
            "tribunal if you are still unhappy with the decision."
        ),
    ),
}


@dataclass(frozen=True)
class CertificateContent:
    """Everything the certificate states, as it will be printed."""

    kind: str
    case_reference: str
    issued_on: date
    family_names: str
    child_name: str
    local_authority_name: str
    decision_description: str
    decision_notice_sent_on: date
    appeal_deadline: date
    appeal_counted_from: date  # the certificate date the 1-month limb counts from
    appeal_basis: str
    appeal_steps: tuple[str, ...]
    mediation_concluded_on: date | None
    # Why a "not pursued" certificate was issued (SEND Regs reg 34): how and when it was known.
    not_pursued_on: date | None
    not_pursued_how: str
    not_pursued_attempts: int | None
    provider_name: str
    provider_email: str
    provider_phone: str

    @property
    def wording(self) -> KindWording:
        return KIND_WORDING[self.kind]

    @property
    def kind_label(self) -> str:
        return CertificateKind(self.kind).label

    @property
    def statement(self) -> str:
        concluded = short_date(self.mediation_concluded_on) if self.mediation_concluded_on else ""
        return self.wording.statement.format(
            family=self.family_names, concluded=concluded, not_pursued=self._not_pursued()
        )

    def _not_pursued(self) -> str:
        """How the family failed to pursue the mediation they chose, as the certificate says."""
        if self.not_pursued_on is None:
            return ""
        on = short_date(self.not_pursued_on)
        if self.not_pursued_how == NotPursuedHow.NO_REPLY:
            attempts = self.not_pursued_attempts or 0
            tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
            return f"did not pursue it: by {on} they had not replied to {tries} to contact them"
        return f"withdrew from it on {on}"


def clock_started_on(case: Case, kind: str) -> date | None:
    """The event each certificate's 3-working-day clock counts from (SEND Regs 34, 37, 39)."""
    return {
        CertificateKind.INFORMATION_GIVEN: case.family_choice_on,
        CertificateKind.NOT_PURSUED: case.mediation_not_pursued_on,
        CertificateKind.NOT_HELD_IN_TIME: case.cannot_hold_notified_on,
        CertificateKind.AFTER_MEDIATION: case.mediation_concluded_on,
    }.get(CertificateKind(kind))


def current_certificate(case: Case, kind: str) -> Certificate | None:
    """The certificate of this kind that no correction has replaced."""
    if "certificates" in getattr(case, "_prefetched_objects_cache", {}):
        # The case page has read them already: answer from those rows.
        every = list(case.certificates.all())
        replaced = {c.supersedes_id for c in every if c.supersedes_id}
        current = [c for c in every if c.kind == kind and c.pk not in replaced]
        return max(current, key=lambda c: c.issued_at, default=None)
    return (
        Certificate.objects.filter(case=case, kind=kind, superseded_by__isnull=True)
        .order_by("-issued_at")
        .first()
    )


# The mediation adviser's certificates (SEND Regs regs 34 and 37) are issued while the case is
# at "certificate due", once the event that starts each is recorded; what to record first if not.
_ADVISER_KIND_NEEDS: dict[str, str] = {
    CertificateKind.INFORMATION_GIVEN: (
        "This certificate is issued when the family has told the mediation adviser that they do "
        "not want mediation (SEND Regs reg 34). Record the family's decision first."
    ),
    CertificateKind.NOT_PURSUED: (
        "This certificate is issued when a family who chose mediation has withdrawn or stopped "
        "replying (SEND Regs reg 34). Record that first."
    ),
    CertificateKind.NOT_HELD_IN_TIME: (
        "This certificate is issued when the mediation adviser is told the mediation cannot be "
        "held within 30 days (SEND Regs reg 37). Record that first."
    ),
}


def _adviser_kind_started(case: Case, kind: str) -> bool:
    return {
        CertificateKind.INFORMATION_GIVEN: case.family_choice == FamilyChoice.CERTIFICATE,
        CertificateKind.NOT_PURSUED: case.mediation_not_pursued_on is not None,
        CertificateKind.NOT_HELD_IN_TIME: case.cannot_hold_notified_on is not None,
    }[CertificateKind(kind)]


def _after_mediation_problem(case: Case) -> str | None:
    if case.route not in MEDIATION_ROUTES:
        return (
            "Disagreement resolution does not lead to a mediation certificate "
            "(SEND Code of Practice 11.6): only mediation does."
        )
    if case.outcome not in MEETING_OUTCOMES or case.mediation_concluded_on is None:
        return (
            "This certificate is issued after the mediation has concluded (SEND Regs reg 39). "
            "Record the meeting outcome first."
        )
    return None


def kind_problem(case: Case, kind: str) -> str | None:
    """Why this kind of certificate cannot be issued on the case now (None: it can)."""
    if kind not in CertificateKind.values:
        return "Choose which certificate to issue."
    if kind in _ADVISER_KIND_NEEDS:
        if case.state != CaseState.CERTIFICATE_DUE or not _adviser_kind_started(case, kind):
            return _ADVISER_KIND_NEEDS[kind]
    else:
        problem = _after_mediation_problem(case)
        if problem is not None:
            return problem
    existing = current_certificate(case, kind)
    if existing is not None:
        return (
            f"Certificate {existing.number} of this kind has already been issued. If it is "
            "wrong, correct it: the correction replaces it."
        )
    return None


def certificate_content(case: Case, kind: str, issued_on: date) -> CertificateContent:
    """What the certificate will state. Raises DocumentError when a fact it needs is missing."""
    if case.decision_notice_sent_on is None:
        raise DocumentError(
            "Record the date the decision letter was sent before issuing the certificate: the "
            "family's appeal deadline depends on it."
        )
    if issued_on > today_in_england():
        raise DocumentError("A certificate cannot be dated in the future.")
    started = clock_started_on(case, kind)
    if started is not None and issued_on < started:
        raise DocumentError(
            f"The certificate cannot be dated before {short_date(started)}, when "
            f"{KIND_WORDING[kind].started_by}."
        )
    family = [p.name for p in case.parties.all() if p.role in FAMILY_ROLES]
    if not family:
        raise DocumentError(
            "Add the parent, carer or young person to the case: the certificate names them."
        )
    # HESC Rules r.20(1)(c): 1 month from the date of issue of the mediation certificate. Where
    # the case already has a certificate (a correction, or an earlier one), count from the
    # earliest, as the case page does, so the family is never told a later date than is safe.
    earlier = list(Certificate.objects.filter(case=case).values_list("issued_on", flat=True))
    counted_from = min([issued_on, *earlier])
    explained = rules.explain_appeal_deadline(case.decision_notice_sent_on, counted_from)
    assert explained.due is not None  # the appeal clock always has a date
    steps = list(explained.steps)
    if counted_from != issued_on:
        steps.insert(
            0,
            f"This case's first mediation certificate was issued on {short_date(counted_from)}; "
            "the deadline is counted from that date.",
        )
    provider = case.provider
    return CertificateContent(
        kind=kind,
        case_reference=case.reference,
        issued_on=issued_on,
        family_names=join_words(family),
        child_name=case.child.full_name,
        local_authority_name=case.local_authority.name,
        decision_description=_decision(case),
        decision_notice_sent_on=case.decision_notice_sent_on,
        appeal_deadline=explained.due,
        appeal_counted_from=counted_from,
        appeal_basis="; ".join(dict.fromkeys(b.citation for b in explained.basis)),
        appeal_steps=tuple(steps),
        mediation_concluded_on=case.mediation_concluded_on,
        not_pursued_on=case.mediation_not_pursued_on,
        not_pursued_how=case.not_pursued_how,
        not_pursued_attempts=case.not_pursued_attempts,
        provider_name=provider.name,
        provider_email=provider.email,
        provider_phone=provider.phone,
    )


def _decision(case: Case) -> str:
    text = case.get_decision_kind_display()
    if case.sections:
        text += " (sections " + ", ".join(s.upper() for s in case.sections) + " of the plan)"
    return text
