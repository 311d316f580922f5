"""The case's own recorded facts that can be corrected (`accord.cases.corrections`): the enquiry,
the route, the family's choice and its date, the LA and ICB told, disagreement resolution started
and each party's answer, the LA saying mediation cannot be held, the meeting's end and outcome,
closure and an appeal. Each is checked as the step that first recorded it checks it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from accord.cases.choices import (
    MEDIATION_ROUTES,
    MEETING_OUTCOMES,
    FamilyChoice,
    Outcome,
    Route,
)
from accord.cases.closing_outcome import meeting_outcome_of
from accord.cases.corrections import Correctable, Fact, register_correctable
from accord.cases.models import Case
from accord.cases.services.writing import (
    CaseError,
    check_after_choice,
    check_after_received,
    check_concluded_on,
    check_dr_answer_on,
    check_not_before,
    check_not_in_future,
)
from accord.cases.states import CaseState

S = CaseState


def _case_date(
    key: str,
    label: str,
    order: int,
    check: Callable[[Case, date], None],
    *,
    shown: Callable[[Case], bool] = lambda c: True,
) -> Correctable:
    """A date held on the case itself, field `key`."""

    def facts(case: Case) -> Iterable[Fact]:
        value = getattr(case, key)
        if value is not None and shown(case):
            yield Fact(key, label, value)

    def apply(case: Case, _target: int, value: Any) -> None:
        check(case, value)
        setattr(case, key, value)

    return Correctable(key, label, "date", facts, apply, order=order)


def _received(case: Case, day: date) -> None:
    check_not_in_future(day, "The date the enquiry was received", "value")
    check_closed_after(case, day)
    born = case.child.date_of_birth
    if born is not None and day < born:
        raise CaseError(
            f"The child or young person was born on {born:%-d %B %Y}: the enquiry cannot have "
            "been received before that.",
            field="value",
        )
    letter = case.decision_notice_sent_on
    if letter is not None and day < letter:
        raise CaseError(
            f"The decision letter is dated {letter:%-d %B %Y}: the enquiry cannot have been "
            "received before it. Correct the letter's date first if that is wrong.",
            field="value",
        )
    later = [d for d in (case.family_choice_on, case.dr_started_on) if d is not None]
    if later and day > min(later):
        raise CaseError(
            f"The case went on from the enquiry on {min(later):%-d %B %Y}: it cannot have been "
            "received after that.",
            field="value",
        )


def check_closed_after(case: Case, received: date) -> None:
    if case.closed_on is not None and case.closed_on < received:
        raise CaseError(
            f"The case was closed on {case.closed_on:%-d %B %Y}: the enquiry cannot be received "
            "after that.",
            field="value",
        )


def _after_choice(what: str) -> Callable[[Case, date], None]:
    def check(case: Case, day: date) -> None:
        check_after_choice(case, day, what, "value")

    return check


def _after_received(what: str) -> Callable[[Case, date], None]:
    def check(case: Case, day: date) -> None:
        check_after_received(case, day, what, "value")

    return check


def _choice_on(case: Case, day: date) -> None:
    check_after_received(case, day, "The date the family decided", "value")
    told = case.la_notified_on
    if told is not None and case.family_choice == FamilyChoice.MEDIATION and told < day:
        raise CaseError(
            f"The LA was told on {told:%-d %B %Y}: the family cannot have decided after that. "
            "Correct that date first.",
            field="value",
        )


def _concluded(case: Case, day: date) -> None:
    check_concluded_on(case, day, "value")


def _closed(case: Case, day: date) -> None:
    check_after_received(case, day, "The date the case was closed", "value")


def _appeal_facts(case: Case) -> Iterable[Fact]:
    # The counter spares the case page a query when no appeal is recorded.
    if not case.appeals_recorded:
        return
    for appeal in case.appeals.all():
        label = "Date the tribunal registered the appeal"
        yield Fact("appeal_registered_on", label, appeal.registered_on, target=appeal.pk)


def _appeal_apply(case: Case, target: int, value: Any) -> None:
    what = "The date the tribunal registered the appeal"
    appeal = case.appeals.get(pk=target)
    check_not_in_future(value, what, "value")
    check_not_before(
        value, appeal.decision_notice_sent_on, what, "the decision letter appealed", "value"
    )
    appeal.registered_on = value
    appeal.save(update_fields=["registered_on"])


# --- choices ---------------------------------------------------------------------------------


def _route_facts(case: Case) -> Iterable[Fact]:
    if case.route:
        yield Fact("route", "Route", case.route, words=case.get_route_display())


def _correct_route(case: Case, _target: int, value: Any) -> None:
    """Before anything is arranged the route is simply put right; afterwards only between the
    kinds of mediation (the steps already taken stand for either)."""
    if value not in Route.values:
        raise CaseError("Choose a route.", field="value")
    both_mediation = case.route in MEDIATION_ROUTES and value in MEDIATION_ROUTES
    if case.state not in (S.ENQUIRY, S.TRIAGED) and not both_mediation:
        raise CaseError(
            "The route can only change between kinds of mediation once information and advice "
            "or disagreement resolution has started. Close the case with the reason and open a "
            "new enquiry for the other route.",
            field="value",
        )
    case.route = value
    case.route_override_reason = ""


def _choice_facts(case: Case) -> Iterable[Fact]:
    if case.family_choice:
        yield Fact(
            "family_choice",
            "The family's decision",
            case.family_choice,
            words=case.get_family_choice_display(),
        )


def _correct_choice(case: Case, _target: int, value: Any) -> None:
    """The family's decision put right while nothing has followed from it yet: no meeting booked
    (cancel it first) and no certificate issued (correct that on its own page)."""
    if value not in FamilyChoice.values:
        raise CaseError("Choose what the family decided.", field="value")
    if value == FamilyChoice.CERTIFICATE and case.state == S.ARRANGING:
        case.state = S.CERTIFICATE_DUE
        case.la_notified_on = None
        case.health_body_notified_on = None
    elif (
        value == FamilyChoice.MEDIATION
        and case.state == S.CERTIFICATE_DUE
        and case.mediation_not_pursued_on is None
        and case.cannot_hold_notified_on is None
    ):
        case.state = S.ARRANGING
    else:
        raise CaseError(
            "The family's decision can be corrected until a meeting is booked or a certificate "
            "is issued. Cancel the meeting first; a certificate issued is corrected on its own "
            "page.",
            field="value",
        )
    case.family_choice = value


def _outcome_facts(case: Case) -> Iterable[Fact]:
    if outcome := meeting_outcome_of(case):
        yield Fact("meeting_outcome", "Meeting outcome", outcome, words=Outcome(outcome).label)


def _correct_outcome(case: Case, _target: int, value: Any) -> None:
    if value not in MEETING_OUTCOMES:
        raise CaseError("Choose full, partial or no agreement.", field="value")
    case.outcome = value


def _page_fact(key: str, label: str, field: str, page: str, order: int) -> Correctable:
    """A date corrected on its own page (its correction has more to it than a date)."""

    def facts(case: Case) -> Iterable[Fact]:
        value = getattr(case, field)
        if value is not None:
            yield Fact(key, label, value)

    def apply(case: Case, _target: int, value: Any) -> None:
        raise CaseError("Correct this on its own page.")

    return Correctable(key, label, "date", facts, apply, page=page, order=order)


MEETING_OUTCOME_CHOICES = tuple(
    (o.value, o.label)
    for o in (Outcome.FULL_AGREEMENT, Outcome.PARTIAL_AGREEMENT, Outcome.NO_AGREEMENT)
)

CASE_FACTS = (
    _case_date("received_on", "Date the enquiry was received", 10, _received),
    _page_fact(
        "decision_notice_sent_on",
        "Date the decision letter was sent",
        "decision_notice_sent_on",
        "cases:decision_date",
        20,
    ),
    Correctable(
        "route", "Route", "choice", _route_facts, _correct_route, tuple(Route.choices), order=30
    ),
    Correctable(
        "family_choice",
        "The family's decision",
        "choice",
        _choice_facts,
        _correct_choice,
        tuple(FamilyChoice.choices),
        order=50,
    ),
    _case_date("family_choice_on", "Date the family decided", 51, _choice_on),
    _case_date(
        "la_notified_on",
        "Date the LA received the family's notice",
        52,
        _after_choice("The date the LA received the family's notice"),
    ),
    _case_date(
        "health_body_notified_on",
        "Date the ICB was told",
        53,
        _after_choice("The date the ICB was told"),
    ),
    _case_date(
        "dr_started_on",
        "Date disagreement resolution started",
        54,
        _after_received("The date disagreement resolution started"),
    ),
    _case_date(
        "cannot_hold_notified_on",
        "Date the LA said mediation cannot be held in 30 days",
        60,
        _after_choice("The date the LA said mediation cannot be held"),
    ),
    _page_fact(
        "mediation_not_pursued_on",
        "Date the family stopped pursuing mediation",
        "mediation_not_pursued_on",
        "cases:correct_not_pursued",
        61,
    ),
    _case_date(
        "mediation_concluded_on",
        "Date the meeting concluded",
        80,
        _concluded,
        shown=lambda c: bool(meeting_outcome_of(c)),
    ),
    Correctable(
        "meeting_outcome",
        "Meeting outcome",
        "choice",
        _outcome_facts,
        _correct_outcome,
        MEETING_OUTCOME_CHOICES,
        order=81,
    ),
    _case_date("closed_on", "Date the case was closed", 95, _closed),
    Correctable(
        "appeal_registered_on",
        "Date the tribunal registered the appeal",
        "date",
        _appeal_facts,
        _appeal_apply,
        order=96,
    ),
)


def _consent_facts(case: Case) -> Iterable[Fact]:
    for p in case.parties.all():
        if p.dr_consent is not None and p.dr_consent_on is not None:
            answer = "agreed to" if p.dr_consent else "declined"
            label = f"Date {p.name} {answer} disagreement resolution"
            yield Fact("dr_consent_on", label, p.dr_consent_on, target=p.pk)


def _consent_apply(case: Case, target: int, value: Any) -> None:
    check_dr_answer_on(case, value, "value")
    party = case.parties.get(pk=target)
    party.dr_consent_on = value
    party.save(update_fields=["dr_consent_on"])
    if party.dr_consent is False and case.state == S.CLOSED and case.outcome == Outcome.DECLINED:
        case.closed_on = value


def _contact_facts(case: Case) -> Iterable[Fact]:
    for p in case.parties.all():
        if p.pre_meeting_on is not None:
            label = f"Date of the pre-meeting contact with {p.name}"
            yield Fact("pre_meeting_on", label, p.pre_meeting_on, target=p.pk)


def _contact_apply(case: Case, target: int, value: Any) -> None:
    check_after_received(case, value, "The date of the pre-meeting contact", "value")
    party = case.parties.get(pk=target)
    party.pre_meeting_on = value
    party.save(update_fields=["pre_meeting_on"])


def _answer_facts(case: Case) -> Iterable[Fact]:
    for p in case.parties.all():
        if p.dr_consent is not None:
            words = "Agreed" if p.dr_consent else "Declined"
            label = f"{p.name}'s answer to disagreement resolution"
            yield Fact("dr_consent", label, "yes" if p.dr_consent else "no", p.pk, words=words)


def _answer_apply(case: Case, target: int, value: Any) -> None:
    """A decline wrongly recorded is put right once the case it closed is reopened; a
    decline itself is recorded on the party's own page, which closes the case (CoP 11.6)."""
    if value not in ("yes", "no"):
        raise CaseError("Choose whether they agreed or declined.", field="value")
    if value == "no":
        raise CaseError(
            "Record a decline on the person's “Agreement to take part” page: it closes the "
            "case as declined, with the reason.",
            field="value",
        )
    if case.state == S.CLOSED:
        raise CaseError(
            "The decline closed the case: reopen it first, then correct the answer.",
            field="value",
        )
    party = case.parties.get(pk=target)
    party.dr_consent = True
    party.save(update_fields=["dr_consent"])


def party_facts() -> tuple[Correctable, ...]:
    """Each party's answer to disagreement resolution (its date) and the pre-meeting contact."""
    return (
        Correctable(
            "dr_consent",
            "Answer to disagreement resolution",
            "choice",
            _answer_facts,
            _answer_apply,
            (("yes", "Agreed to take part"), ("no", "Declined")),
            order=55,
        ),
        Correctable(
            "dr_consent_on",
            "Date of the answer to disagreement resolution",
            "date",
            _consent_facts,
            _consent_apply,
            order=56,
        ),
        Correctable(
            "pre_meeting_on",
            "Date of the pre-meeting contact",
            "date",
            _contact_facts,
            _contact_apply,
            order=70,
        ),
    )


def register_case_facts() -> None:
    for correctable in (*CASE_FACTS, *party_facts()):
        register_correctable(correctable)
