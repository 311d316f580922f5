"""Reads: querysets already scoped to what the membership may see (style.md #3, #6).

Tenancy is a mandatory filter here: every case query starts from `cases_for(membership)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, reduce
from operator import and_, or_
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    ManyToOneRel,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404

from accord.cases.choices import PartyRole
from accord.cases.clocks import AGREED_ACTION
from accord.cases.models import (
    ASSIGNED,
    CapacityAssessment,
    Case,
    CaseClock,
    CaseDocument,
    CaseNote,
    DocumentVisibility,
    Party,
    RiskAssessment,
    SafeguardingConcern,
    TimelineEvent,
)
from accord.cases.name_search import name_fragment, search_words
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind
from accord.organisations.models import Membership, User
from accord.organisations.roles import STAFF, Role


def cases_for(membership: Membership) -> QuerySet[Case]:
    """Every case this membership may open: never another provider's."""
    cases = Case.objects.filter(provider_id=membership.provider_id)
    role = membership.role_enum
    if role in STAFF:
        return cases
    if role == Role.MEDIATOR:
        return cases.filter(mediator_id=membership.user_id)
    if role == Role.LA_OFFICER:
        return cases.filter(
            body_is_a_party(PartyRole.LA_OFFICER, "la_notified_on"),
            local_authority_id=membership.local_authority_id,
        )
    if role == Role.ICB_OFFICER:
        return cases.filter(
            body_is_a_party(PartyRole.ICB_OFFICER, "health_body_notified_on"),
            health_body_id=membership.health_body_id,
        )
    return cases.none()


def body_is_a_party(officer_role: PartyRole, told_field: str) -> Q:
    """What an officer of the LA or ICB sees: a case only once their body is a party to it.

    - mediation chosen and the body told of it (SEND Regs regs 35-37: the date the body received
      the family's notice, or was told the health issues);
    - disagreement resolution started with an officer of the body on the case (CoP 11.6: the
      body is invited to take part);
    - or the family's consent, recorded at intake, to share the case with the LA and ICB.

    Before that, nothing: an enquiry is the family's own words to the service."""
    invited_to_dr = Q(dr_started_on__isnull=False) & Exists(
        Party.objects.filter(case_id=OuterRef("pk"), role=officer_role)
    )
    return (
        Q(**{f"{told_field}__isnull": False})
        | invited_to_dr
        | Q(shared_with_bodies_on__isnull=False)
    )


def case_for(membership: Membership, reference: str, **flags: Exists | RawSQL) -> Case:
    """One case by reference, or 404 — the same answer whether it exists elsewhere or not.
    `flags` are annotated on the same query (the case page's, below)."""
    provider_known = Membership.provider.is_cached(membership)
    # At most one row (a reference is unique within the provider, and cases_for is one
    # provider's): not ordered (`.first()` and the model's default ordering would be), since
    # compiling an ORDER BY over the page's hundred-odd selected columns costs more than the
    # query it orders.
    found = (
        cases_for(membership)
        .select_related(
            "child",
            "local_authority",
            "health_body",
            *ASSIGNED,
            *(() if provider_known else ("provider",)),
        )
        .annotate(**flags)
        .filter(reference=reference)
        .order_by()[:1]
    )
    case = next(iter(found), None)
    if case is None:
        raise Http404("No such case")
    if provider_known:
        # The reader's own provider (cases_for): already read with the membership.
        Case.provider.field.set_cached_value(case, membership.provider)
    return case


# The relations the case page and its clocks read. Apps above accord.cases add the relations
# their own case-page sections read (in AppConfig.ready), so each is fetched once, and only
# when the case has rows in it: most cases have no documents, mail or concerns, and a table
# known to be empty is not asked (docs/performance.md, "Case page queries").
CASE_PAGE_PREFETCHES: list[str | Prefetch] = ["parties", "child_views"]

# Whether the case has rows a section reads by a query of its own (scoped to the reader):
# name -> `Exists(...)` over the case (`OuterRef("pk")`), worked out in the case's own query
# and read with `case_page_flag`, so a section skips its query when there is nothing to show.
CASE_PAGE_FLAGS: dict[str, Exists] = {
    name: Exists(model._default_manager.filter(case_id=OuterRef("pk")))
    for name, model in [
        ("has_documents", CaseDocument),
        ("has_notes", CaseNote),
        ("has_concerns", SafeguardingConcern),
        ("has_risk_assessments", RiskAssessment),
        ("has_capacity_assessments", CapacityAssessment),
    ]
}


def add_case_page_prefetch(lookup: str | Prefetch) -> None:
    """Adds a relation for the case page to fetch with the case (once, however often asked).
    A lookup through several relations (`agreements__items`) may be given level by level."""
    name = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
    names = {p.prefetch_to if isinstance(p, Prefetch) else p for p in CASE_PAGE_PREFETCHES}
    if name not in names:
        CASE_PAGE_PREFETCHES.append(lookup)


def add_case_page_flag(name: str, condition: Exists) -> None:
    """Adds a flag the case page's sections read (`case_page_flag`), asked with the case."""
    CASE_PAGE_FLAGS.setdefault(name, condition)


def case_page_flag(case: Case, name: str) -> bool:
    """A flag of the case page; True (so the section asks) for a case read another way."""
    return bool(getattr(case, name, True))


def _path_of(lookup: str | Prefetch) -> str:
    return lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup


def _flag_name(path: str) -> str:
    return "has_rows_" + path.replace(LOOKUP_SEP, "_")


def _rows_exist(path: str) -> Exists | None:
    """Whether the case has any row at the end of `path`, a chain of reverse foreign keys from
    the case (`agreements__items`); None for any other relation (then it is always read)."""
    model: type[Model] = Case
    back: list[str] = []
    for name in path.split(LOOKUP_SEP):
        relation = model._meta.get_field(name)
        if not isinstance(relation, ManyToOneRel):
            return None
        back.insert(0, relation.field.name)
        model = relation.related_model  # type: ignore[assignment]
    return Exists(model._base_manager.filter(**{LOOKUP_SEP.join(back): OuterRef("pk")}))


def _levels(path: str) -> list[str]:
    parts = path.split(LOOKUP_SEP)
    return [LOOKUP_SEP.join(parts[: i + 1]) for i in range(len(parts))]


def _case_page_flags() -> dict[str, Exists]:
    flags = dict(CASE_PAGE_FLAGS)
    for lookup in CASE_PAGE_PREFETCHES:
        for level in _levels(_path_of(lookup)):
            exists = _rows_exist(level)
            if exists is not None:
                flags[_flag_name(level)] = exists
    return flags


def _empty(path: str, lookup: str | Prefetch) -> Prefetch:
    """A prefetch that sets the relation at `path` to no rows without asking the database."""
    model: type[Model] = Case
    for name in path.split(LOOKUP_SEP):
        model = model._meta.get_field(name).related_model  # type: ignore[assignment]
    if isinstance(lookup, Prefetch) and path == lookup.prefetch_through:
        queryset = lookup.queryset if lookup.queryset is not None else model._default_manager
        return Prefetch(path, queryset=queryset.none(), to_attr=lookup.to_attr)
    return Prefetch(path, queryset=model._default_manager.none())


def _prefetches_with_rows(case: Case) -> list[str | Prefetch]:
    """Each lookup as registered, or, from its first level the case has no rows in, an empty
    one (no query); nothing below a level with no rows."""
    lookups: list[str | Prefetch] = []
    emptied: set[str] = set()
    for lookup in CASE_PAGE_PREFETCHES:
        empty = next(
            (
                level
                for level in _levels(_path_of(lookup))
                if not getattr(case, _flag_name(level), True)
            ),
            None,
        )
        if empty is None:
            lookups.append(lookup)
        elif empty not in emptied:
            emptied.add(empty)
            lookups.append(_empty(empty, lookup))
    return lookups


@cache
def _compiled_case_page_flags(using: str) -> dict[str, RawSQL]:
    """The case page's flags as SQL, worked out once per database: they are the same for every
    case and every reader (each an EXISTS over the case's own id), and compiling some twenty
    subqueries afresh cost the page more than running them (docs/performance.md, "Compiling,
    drawing and planning"). Read after every app is ready, so every section's flag is in it."""
    query = Case.objects.all().query
    compiler = query.get_compiler(using=using)
    compiled = {}
    for name, exists in _case_page_flags().items():
        sql, params = compiler.compile(exists.resolve_expression(query))
        # The SQL is Django's own compilation of the flag: nothing in it comes from a request.
        compiled[name] = RawSQL(sql, tuple(params), output_field=BooleanField())  # noqa: S611
    return compiled


def case_page_for(membership: Membership, reference: str) -> Case:
    """The case with everything its page and its clocks read, each relation fetched once and
    only when the case has rows in it; the sections' flags (`case_page_flag`) asked with it."""
    case = case_for(membership, reference, **_compiled_case_page_flags(Case.objects.db))
    prefetch_related_objects([case], *_prefetches_with_rows(case))
    return case


def still_followed_up() -> Exists:
    """A case with an agreed action not yet recorded as done, from its stored clock rows. The
    duty to carry it out (SEND Regs 2014 reg 42) outlives the case: a closed case stays on the
    caseload, and in reminders, until it is done."""
    return Exists(
        CaseClock.objects.filter(case_id=OuterRef("pk"), clock=AGREED_ACTION, done_on__isnull=True)
    )


# What the caseload shows and orders by, read as plain values: nothing else of the case, the
# child or the LA (their notes, addresses are not wanted on a list). Who is assigned is read
# by id afterwards (`assigned_names`): three joins to the people's table cost more to plan
# than the page's query took to run. "open_concern" is there only for those who may see
# safeguarding (may_see_confidential); `caseload_values` leaves it out for the rest.
CASELOAD_ROW_VALUES = (
    "reference",
    "state",
    "route",
    "risk_level",
    "next_deadline_on",
    "created_at",
    "child__first_name",
    "child__last_name",
    "local_authority__name",
    *(f"{who}_id" for who in ASSIGNED),
    "still_followed_up",
)


def caseload_values(membership: Membership) -> tuple[str, ...]:
    """The values of each caseload row this reader is given (CASELOAD_ROW_VALUES)."""
    if may_see_confidential(membership):
        return (*CASELOAD_ROW_VALUES, "open_concern")
    return CASELOAD_ROW_VALUES


def assigned_names(rows: list[dict[str, Any]]) -> dict[int, str]:
    """The name each person assigned to these rows goes by (as `str(user)`), in one query."""
    ids = {row[f"{who}_id"] for row in rows for who in ASSIGNED} - {None}
    people = User.objects.filter(pk__in=ids).values_list("pk", "full_name", "email")
    return {pk: full_name or email for pk, full_name, email in people} if ids else {}


def _due_by(day: date) -> Q:
    return Q(next_deadline_on__lte=day)


def due_on_or_before(cases: QuerySet[Case], day: date) -> QuerySet[Case]:
    """The cases whose next statutory deadline falls on or before `day` (due or overdue)."""
    return cases.filter(_due_by(day))


def caseload(
    membership: Membership,
    today: date,
    *,
    state: str = "",
    route: str = "",
    local_authority: int | None = None,
    assignee: int | None = None,
    query: str = "",
    include_closed: bool = False,
    due_by: date | None = None,
) -> tuple[QuerySet[Case], int, int]:
    """The caseload ordered by the nearest statutory deadline (undated cases last), with how
    many cases it holds and how many of them are due `today` or overdue (`due_on_or_before`);
    `due_by` keeps the cases whose next deadline falls on or before that day."""
    listed, cases, parts = _listed(
        membership,
        state=state,
        route=route,
        local_authority=local_authority,
        assignee=assignee,
        query=query,
        include_closed=include_closed,
        due_by=due_by,
    )
    return listed, *_counted_in_parts(cases, parts, today)


def searched_rows(
    membership: Membership, today: date, start: int, stop: int, **filters: Any
) -> tuple[list[dict[str, Any]], int, int]:
    """A search's rows `start` to `stop` (as `caseload_values`), with how many cases matched
    and how many of those are due `today`, in one query: PostgreSQL finds every match through
    the words' index before ordering them (`_nearest_first`), so counting them there costs
    nothing, where a count of its own found them all a second time (10 ms for a short surname
    at 1,000,000 cases). No rows (a page past the last) and the counts are (0, 0): the caller
    counts as `caseload` does then."""
    listed, _cases, _parts = _listed(membership, **filters)
    rows = list(
        listed.values(*caseload_values(membership)).annotate(
            _found=Window(Count("pk")), _found_due=Window(Count("pk", filter=_due_by(today)))
        )[start:stop]
    )
    if not rows:
        return [], 0, 0
    return rows, rows[0]["_found"], rows[0]["_found_due"]


def _listed(
    membership: Membership, *, assignee: int | None = None, query: str = "", **narrowing: Any
) -> tuple[QuerySet[Case], QuerySet[Case], list[Q]]:
    """The caseload's rows in order, and the cases and disjoint parts its counts are taken from
    (`narrowing`: the other filters of `caseload`, as `_caseload_parts` takes them)."""
    cases, parts = _caseload_parts(membership, query=query, **narrowing)
    listed = cases.filter(reduce(or_, parts))
    if assignee:
        assigned = reduce(or_, (Q(**{f"{who}_id": assignee}) for who in ASSIGNED))
        listed = listed.filter(assigned)
        if query:
            # The search's own index narrows it to a few cases, then read and kept if theirs.
            cases = cases.filter(assigned)
        else:
            parts = [part & person for part in parts for person in _assigned_parts(assignee)]
    listed = listed.annotate(still_followed_up=still_followed_up())
    if may_see_confidential(membership):
        # Safeguarding is for the service's staff and the mediator only: never an officer.
        listed = listed.annotate(open_concern=open_concern())
    return listed.order_by(_nearest_first(query), "-created_at"), cases, parts


def _nearest_first(query: str) -> OrderBy:
    """Nearest deadline first, undated last. Unsearched, as the open cases' index is ordered,
    so PostgreSQL reads it in order and stops at the page; searched, as an expression no index
    holds, so PostgreSQL finds the few cases matching the words first and orders those: read
    in deadline order, it went through thousands of open cases to find 25 that matched."""
    if query:
        return Coalesce("next_deadline_on", Value(date.max)).asc()
    return F("next_deadline_on").asc(nulls_last=True)


def _counted_in_parts(cases: QuerySet[Case], parts: list[Q], today: date) -> tuple[int, int]:
    """How many `cases` are in the disjoint `parts`, and how many of them are due `today`, in
    one query. Counted part by part (open cases and the closed ones still followed up; for one
    person, the cases they coordinate, those they advise on and do not coordinate, those they
    mediate and do neither), each from one index: counted whole, PostgreSQL read every open
    case of the person from the table to tell them apart, 18 ms for a person with 15,000 of
    them (docs/performance.md)."""
    tallies = [
        cases.filter(part)
        .order_by()
        .values("provider_id")
        .annotate(all=Count("provider_id"), due=Count("provider_id", filter=_due_by(today)))
        .values_list("all", "due")
        for part in parts
    ]
    rows = list(tallies[0].union(*tallies[1:], all=True))
    return sum(n for n, _ in rows), sum(due for _, due in rows)


def _assigned_parts(person: int) -> list[Q]:
    """The cases `person` is assigned to, in disjoint parts: each role, less the roles before
    it (a person may hold two roles on one case and is counted once)."""
    return [
        reduce(and_, (~Q(**{f"{earlier}_id": person}) for earlier in ASSIGNED[:i]), Q())
        & Q(**{f"{who}_id": person})
        for i, who in enumerate(ASSIGNED)
    ]


def _caseload_parts(
    membership: Membership,
    *,
    state: str = "",
    route: str = "",
    local_authority: int | None = None,
    query: str = "",
    include_closed: bool = False,
    due_by: date | None = None,
) -> tuple[QuerySet[Case], list[Q]]:
    """The caseload's cases before who is assigned, as the cases with every filter that
    applies to them all and the disjoint parts (one or more) whose union they are."""
    cases = cases_for(membership)
    if due_by is not None:
        cases = due_on_or_before(cases, due_by)
    searched = named(query) if query else Q()
    parts = [searched]
    if state:
        cases = cases.filter(state=state)
    elif not include_closed:
        parts = _open_or_followed_up_and(searched, membership.provider_id)
    if route:
        cases = cases.filter(route=route)
    if local_authority:
        cases = cases.filter(local_authority_id=local_authority)
    return cases, parts


def named(query: str) -> Q:
    """Every word of the search is the case's reference, or is found in the child's or a
    party's name, both folded alike (accord.cases.name_search): "o’brien", "O'Brien" and
    "obrien" find O'Brien. One column and one trigram index on PostgreSQL, no join."""
    found = Q()
    for word in query.split():
        folded = search_words(word)
        in_names = Q(*(Q(name_search__contains=name_fragment(w)) for w in folded))
        found &= Q(reference__iexact=word) | in_names if folded else Q(reference__iexact=word)
    return found


def _open_or_followed_up_and(searched: Q, provider_id: int) -> list[Q]:
    """The default caseload's cases (open, or closed with an agreed action not done), with the
    search's words if any, in two parts written so PostgreSQL answers each from an index: open
    cases through the indexes of open cases only (most cases are closed: the trigram index of
    open cases, or a person's open cases for "My cases"), and the few closed ones still
    followed up by their ids, read first from the open agreed actions' index (no part for them
    when there are none). The same cases as `~closed | still_followed_up()` and the search,
    without visiting every closed case."""
    followed = list(
        CaseClock.objects.filter(
            provider_id=provider_id,
            clock=AGREED_ACTION,
            done_on__isnull=True,
            case__state=CaseState.CLOSED,
        )
        .values_list("case_id", flat=True)
        .distinct()
    )
    open_cases = ~Q(state=CaseState.CLOSED) & searched
    return [open_cases, Q(pk__in=followed) & searched] if followed else [open_cases]


def open_concern() -> Exists:
    """A safeguarding concern raised on the case and not yet closed."""
    return Exists(
        SafeguardingConcern.objects.filter(case_id=OuterRef("pk"), closed_on__isnull=True)
    )


def timeline_for(membership: Membership, case: Case) -> QuerySet[TimelineEvent]:
    events = case.timeline.select_related("actor")
    if membership.role_enum not in STAFF | {Role.MEDIATOR}:
        # What the kind declares (accord.cases.timeline), and what the row was stored with.
        events = events.filter(
            visible_to_officers=True, kind__in=sorted(EventKind.seen_by_officers())
        )
    return events


def may_see_confidential(membership: Membership) -> bool:
    """Mediators' notes and safeguarding details: service staff and the mediator only."""
    return membership.role_enum in STAFF | {Role.MEDIATOR}


@dataclass(frozen=True)
class BodyPerson:
    """Someone of the LA or ICB who may attend for it: one of its officers on the service, or a
    contact of the body already named on another of the provider's cases."""

    choice: str  # "officer:<user id>" or "contact:<party id>"
    name: str
    email: str
    organisation: str


def body_people(case: Case, body: str) -> list[BodyPerson]:
    """The officers (then the other contacts) of the body that is a party to `case` in the role
    `body` (an LA or an ICB officer), who are not on the case yet."""
    la_side = body == PartyRole.LA_OFFICER
    authority = case.local_authority if la_side else case.health_body
    if authority is None:
        return []
    on_case = {p.email.lower() for p in case.parties.all() if p.role == body and p.email}
    on_case |= {p.name.lower() for p in case.parties.all() if p.role == body}
    officers = Membership.objects.filter(
        provider_id=case.provider_id,
        role=Role.LA_OFFICER if la_side else Role.ICB_OFFICER,
        user__is_active=True,
        **({"local_authority": authority} if la_side else {"health_body": authority}),
    ).select_related("user")
    people: list[BodyPerson] = []
    seen: set[str] = set()
    for m in officers.order_by("user__full_name"):
        key = m.user.email.lower()
        if key in on_case or m.user.full_name.lower() in on_case or key in seen:
            continue
        seen.add(key)
        people.append(BodyPerson(f"officer:{m.user_id}", m.user.full_name, m.user.email, ""))
    others = (
        Party.objects.filter(
            case__provider_id=case.provider_id,
            role=body,
            **(
                {"case__local_authority": authority}
                if la_side
                else {"case__health_body": authority}
            ),
        )
        .exclude(case=case)
        .exclude(email="")
        .order_by("-id")[:50]
    )
    for p in others:
        key = p.email.lower()
        if key in on_case or p.name.lower() in on_case or key in seen:
            continue
        seen.add(key)
        people.append(BodyPerson(f"contact:{p.pk}", p.name, p.email, p.organisation))
    return people


# --- the case's documents ----------------------------------------------------------------------

# An officer's body, as the parties named on a document name it.
_OFFICER_PARTY_ROLE = {
    Role.LA_OFFICER: PartyRole.LA_OFFICER,
    Role.ICB_OFFICER: PartyRole.ICB_OFFICER,
}


def case_documents_for(membership: Membership, case: Case) -> QuerySet[CaseDocument]:
    """The case's documents this membership may see (the case itself already scoped by
    `case_for`): the mediation service (staff, and the mediator of their own case) sees every
    one; an officer those shared with everyone, those naming an officer of their body, and their
    own."""
    documents = CaseDocument.objects.filter(case=case).select_related("added_by", "added_by_party")
    role = membership.role_enum
    if role in STAFF or (role == Role.MEDIATOR and case.mediator_id == membership.user_id):
        return documents
    party_role = _OFFICER_PARTY_ROLE.get(role)
    if party_role is None:
        return documents.none()
    shown = Q(visibility=DocumentVisibility.ALL_PARTIES) | Q(added_by_id=membership.user_id)
    named = CaseDocument.shared_with.through.objects.filter(
        casedocument_id=OuterRef("pk"), party__role=party_role
    )
    return documents.filter(
        shown | (Q(visibility=DocumentVisibility.NAMED_PARTIES) & Exists(named))
    )


def case_document_for(membership: Membership, case: Case, document_id: int) -> CaseDocument:
    document = case_documents_for(membership, case).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document")
    return document


def documents_for_parties(case: Case, parties: list[Party]) -> QuerySet[CaseDocument]:
    """The case's documents a family member (their own parties on the case) may see: those
    shared with everyone, those naming one of them, and those they added."""
    named = CaseDocument.shared_with.through.objects.filter(
        casedocument_id=OuterRef("pk"), party__in=parties
    )
    return (
        CaseDocument.objects.filter(case=case)
        .filter(
            Q(visibility=DocumentVisibility.ALL_PARTIES)
            | Q(added_by_party__in=parties)
            | (Q(visibility=DocumentVisibility.NAMED_PARTIES) & Exists(named))
        )
        .select_related("added_by", "added_by_party")
    )
