"""Seeds a realistic data set into its own PostgreSQL database (never the test or dev ones).

    python bench/seed.py --cases 100000                   # 100,000 cases over 30 providers
    python bench/seed.py --cases 1000000                  # grows the same data set to 1,000,000
    python bench/seed.py --cases 100000 --providers 1 \
        --database-url postgres://postgres@127.0.0.1:5432/accord_bench_single  # worst case

A national layout: 30 providers of different sizes (the largest, "BM", holds about a tenth of
the cases; the smallest a fifth of a percent), 150 LAs and 42 ICBs, five LAs to a provider and
ten for BM. `--providers 1` puts every case in BM: the single-provider worst case. Cases are
spread over three years with their child, parties, timeline, information and advice calls,
meetings, certificates (metadata only), feedback and statutory clocks. Every due date and the
caseload's next deadline come from the same functions the service uses
(accord.cases.clocks.deadlines_for, accord.rules).

Reproducible and bounded: cases are drawn in blocks of 10,000, block k from its own seeded
draw, and each block goes in with PostgreSQL COPY in one transaction. The database records what
it holds (table `bench_seed`: layout, seed, cases): asked for a size it already holds, the seed
does nothing; asked for more of the same layout, it adds the missing blocks (so 100,000 grown to
1,000,000 is the same data as 1,000,000 seeded at once); anything else starts afresh.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/accord_bench_100k"
PASSWORD_FILE = ROOT / "bench" / "results" / "bench-password.txt"
LONDON = ZoneInfo("Europe/London")
FIRST_NAMES = [
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Willow",
    "Freya",
    "Florence",
    "Emily",
    "Ella",
    "Poppy",
    "Evie",
    "Elsie",
    "Charlotte",
    "Noah",
    "Oliver",
    "George",
    "Arthur",
    "Muhammad",
    "Leo",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Theodore",
    "Freddie",
    "Jack",
    "Charlie",
    "Theo",
    "Alfie",
    "Jacob",
    "Thomas",
    "Finley",
    "Arlo",
]
LAST_NAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Edwards",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Hughes",
    "Moore",
    "Clark",
    "King",
    "Harrison",
    "Lewis",
    "Baker",
    "Lee",
    "Allen",
    "Morris",
    "Khan",
    "Scott",
    "Watson",
    "Davis",
    "Parker",
    "James",
    "Bennett",
    "Young",
    "Phillips",
    "Richardson",
    "Mitchell",
    "Bailey",
    "Carter",
    "Cook",
    "Singh",
    "Shaw",
    "Bell",
    "Collins",
    "Morgan",
    "Kelly",
    "Begum",
    "Miller",
    "Cox",
    "Hussain",
    "Marshall",
    "Simpson",
    "Price",
    "Anderson",
    "Adams",
    "Wilkinson",
    "Ali",
    "Ahmed",
    "Foster",
    "Ellis",
    "Murphy",
    "Chapman",
    "Mason",
    "Gray",
    "Richards",
    "Webb",
    "Griffiths",
    "Hunt",
    "Palmer",
    "Campbell",
    "Holmes",
    "Mills",
    "Rogers",
    "Barnes",
    "Knight",
    "Matthews",
    "Barker",
    "Powell",
]


def configure(url: str) -> None:
    if "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit(f"Refusing to seed {url}: the benchmark database's name must say bench.")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
    os.environ.setdefault("ACCORD_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- the organisation -----------------------------------------------------------------------------


PROVIDERS = 30
BLOCK = 10_000


def provider_weights(count: int) -> list[float]:
    """How the cases divide between providers: a long tail, as between real services (rank r
    gets a share proportional to 1 / r^1.2; with 30, the largest holds about a quarter)."""
    return [1 / (rank**1.2) for rank in range(1, count + 1)]


def _people(provider: Any, prefix: str, plan: list[tuple[str, Any, int]], hashed: str, la: Any):
    from accord.organisations.models import Membership, User
    from accord.organisations.roles import Role

    people: dict[str, list[Any]] = {}
    for name, role, count in plan:
        people[name] = []
        for n in range(1, count + 1):
            user, _ = User.objects.get_or_create(
                email=f"{prefix}{name}{n}@bench.accord.test",
                defaults={"full_name": f"Bench {name.title()} {n}", "password": hashed},
            )
            Membership.objects.get_or_create(
                user=user,
                provider=provider,
                role=role,
                defaults={"local_authority": la if role == Role.COMMISSIONER else None},
            )
            people[name].append(user)
    return people


def organisation(password: str, providers: int = PROVIDERS) -> list[dict[str, Any]]:
    """The providers, each with its LAs, ICBs and staff. The first is BM (10 LAs, 3 ICBs, the
    accounts the pages are measured as: manager1@, coordinator1@, commissioner1@); the others
    have 5 LAs, 2 ICBs and a smaller team (p02-coordinator1@ …)."""
    from django.contrib.auth.hashers import make_password

    from accord.organisations.models import HealthBody, LocalAuthority, Provider
    from accord.organisations.roles import Role

    hashed = make_password(password)
    orgs = []
    next_la, next_icb = 1, 1
    for index in range(providers):
        first = index == 0
        prefix = "" if first else f"p{index + 1:02d}-"
        provider, _created = Provider.objects.get_or_create(
            case_prefix="BM" if first else f"B{index + 1:02d}",
            defaults={"name": "Bench Mediation Service" if first else f"Bench Service {index + 1}"},
        )
        n_las, n_icbs = (10, 3) if first else (5, 2)
        las = [
            LocalAuthority.objects.get_or_create(
                code=f"E0900{n:04d}", defaults={"name": f"Bench Council {n}"}
            )[0]
            for n in range(next_la, next_la + n_las)
        ]
        icbs = [
            HealthBody.objects.get_or_create(
                code=f"QB{n}", defaults={"name": f"NHS Bench {n} ICB"}
            )[0]
            for n in range(next_icb, next_icb + n_icbs)
        ]
        next_la += n_las
        # 42 ICBs in England: neighbouring providers share some.
        next_icb = next_icb + n_icbs if next_icb + n_icbs <= 42 else 1
        provider.local_authorities.add(*las)
        provider.health_bodies.add(*icbs)
        plan = [
            ("manager", Role.SERVICE_MANAGER, 1),
            ("coordinator", Role.COORDINATOR, 5 if first else 3),
            ("adviser", Role.ADVISER, 3 if first else 2),
            ("mediator", Role.MEDIATOR, 8 if first else 4),
            ("commissioner", Role.COMMISSIONER, 1),
        ]
        people = _people(provider, prefix, plan, hashed, las[0])
        orgs.append({"provider": provider, "las": las, "icbs": icbs, "people": people})
    return orgs


# --- one case's story ---------------------------------------------------------------------------


class Ids:
    """The next free primary key of each table (rows are copied in with their ids)."""

    def __init__(self, tables: Iterable[str]) -> None:
        from django.db import connection

        self.next: dict[str, int] = {}
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
                self.next[table] = cursor.fetchone()[0]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _working_days_after(day: date, rng: random.Random, low: int, high: int) -> date:
    return day + timedelta(days=rng.randint(low, high))


def story(rng: random.Random, received: date, today: date) -> dict[str, Any]:
    """The dates and outcome of one case, drawn to look like a real service's mix."""
    route = _draw_route(rng)
    s: dict[str, Any] = {"route": route, "received_on": received, "outcome": "", "state": ""}
    if route == "":
        return _enquiry_only(s, received, today)
    if route == "disagreement_resolution":
        start = received + timedelta(days=rng.randint(3, 20))
    else:
        found = _advice_and_choice(rng, s, received, today)
        if found is None:
            return s
        start = found
    return _mediation_or_meeting(rng, s, start, today)


def _draw_route(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.70:
        return "mediation"
    if r < 0.75:
        return "health_only_mediation"
    if r < 0.95:
        return "disagreement_resolution"
    return ""


def _enquiry_only(s: dict[str, Any], received: date, today: date) -> dict[str, Any]:
    """No route chosen: an enquiry still open, or closed after 20 days with nothing to do."""
    s["state"] = "enquiry" if (today - received).days < 30 else "closed"
    if s["state"] == "closed":
        s.update(outcome="no_further_action", closed_on=received + timedelta(days=20))
    return s


def _advice_and_choice(
    rng: random.Random, s: dict[str, Any], received: date, today: date
) -> date | None:
    """The information and advice call and the family's choice. Returns the day the local
    authority was told of mediation, or None when the story ends before it (call still to come,
    or a certificate without mediation)."""
    s["decision_notice_sent_on"] = received - timedelta(days=rng.randint(3, 50))
    s["mias_held_on"] = _working_days_after(received, rng, 1, 15)
    if s["mias_held_on"] > today:
        s["state"] = "mias_booked"
        del s["mias_held_on"]
        return None
    wants = rng.random() < 0.6
    s["family_choice"] = "mediation" if wants else "certificate"
    s["family_choice_on"] = s["mias_held_on"] + timedelta(days=rng.randint(0, 7))
    if not wants:
        issued = s["family_choice_on"] + timedelta(days=rng.choice([0, 1, 2, 3, 3, 4, 6]))
        if issued <= today:
            s["certificates"] = [("information_given", issued)]
            s.update(state="closed", outcome="certificate_only", closed_on=issued)
        else:
            s["state"] = "certificate_due"
        return None
    s["la_notified_on"] = s["family_choice_on"] + timedelta(days=rng.randint(0, 3))
    return s["la_notified_on"]


def _mediation_or_meeting(
    rng: random.Random, s: dict[str, Any], start: date, today: date
) -> dict[str, Any]:
    """From the start of the mediation (or DR) clock: still being arranged, withdrawn, or held."""
    concluded = start + timedelta(days=rng.choice([12, 18, 21, 25, 27, 28, 29, 30, 33, 40]))
    if concluded > today:
        s["state"] = rng.choice(["arranging", "meeting_booked"])
        if s["state"] == "meeting_booked":
            s["meeting_on"] = concluded
        return s
    if rng.random() < 0.08:
        s.update(
            state="closed",
            outcome=rng.choice(["withdrawn", "declined"]),
            closed_on=concluded - timedelta(days=5),
        )
        return s
    return _held(rng, s, concluded, today)


def _held(rng: random.Random, s: dict[str, Any], concluded: date, today: date) -> dict[str, Any]:
    """A meeting held on ``concluded``: its outcome, certificate, any appeal, then closing."""
    s["meeting_on"] = concluded
    s["mediation_concluded_on"] = concluded
    o = rng.random()
    s["outcome"] = "full" if o < 0.55 else "partial" if o < 0.77 else "none"
    if s["route"] != "disagreement_resolution":
        _certificate_and_appeal(rng, s, concluded, today)
    closes = concluded + timedelta(days=rng.randint(10, 40))
    if closes <= today and rng.random() < 0.9:
        s.update(state="closed", closed_on=closes)
    else:
        s["state"] = "follow_up"
    return s


def _certificate_and_appeal(
    rng: random.Random, s: dict[str, Any], concluded: date, today: date
) -> None:
    issued = concluded + timedelta(days=rng.choice([0, 1, 1, 2, 3, 3, 5]))
    if issued <= today:
        s["certificates"] = [("after_mediation", issued)]
    if rng.random() < 0.12:
        s["appeal_lodged_on"] = concluded + timedelta(days=rng.randint(10, 60))
        if s["appeal_lodged_on"] > today:
            del s["appeal_lodged_on"]


# --- copying rows in ----------------------------------------------------------------------------


def _columns(model: Any) -> list[Any]:
    return [f for f in model._meta.concrete_fields]


def copy_rows(model: Any, rows: Iterable[dict[str, Any]]) -> int:
    """COPY rows (dicts of attribute name -> value) into the model's table; missing fields
    get their model default."""
    from django.db import connection

    fields = _columns(model)
    names = [f.attname for f in fields]
    defaults = {f.attname: f for f in fields}
    columns = ", ".join(f'"{f.column}"' for f in fields)
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = []
                for name in names:
                    value = row[name] if name in row else defaults[name].get_default()
                    if isinstance(value, dict | list):
                        value = json.dumps(value)
                    values.append(value)
                copy.write_row(values)
                count += 1
    return count


@dataclass
class Batch:
    """What the cases of one run share: the seeded draw, the next ids, the rows so far."""

    rng: random.Random
    ids: Ids
    rows: dict[Any, list[dict[str, Any]]]
    orgs: list[dict[str, Any]]
    cumulative: list[float]
    org: dict[str, Any]
    today: date
    now: datetime
    documents: Any
    feedback_model: Any | None


def seed(
    first_block: int, blocks: int, seed_value: int, orgs: list[dict[str, Any]], layout: str = ""
) -> dict[str, int]:
    """Blocks `first_block` … `first_block + blocks - 1` of BLOCK cases each, every block drawn
    from its own seeded generator and copied in its own transaction."""
    from itertools import accumulate

    from django.apps import apps
    from django.db import transaction

    from accord.cases.models import (
        Appeal,
        Case,
        CaseClock,
        ChildOrYoungPerson,
        Party,
        TimelineEvent,
    )
    from accord.meetings.models import Meeting, MiasCall
    from accord.reports import summary
    from accord.rules import today_in_england

    documents = apps.get_model("documents", "Certificate")
    feedback_model = (
        apps.get_model("family", "Feedback") if apps.is_installed("accord.family") else None
    )
    # The order rows are copied in: each table after the ones it points at.
    models: list[Any] = [
        ChildOrYoungPerson,
        Case,
        Party,
        TimelineEvent,
        MiasCall,
        Meeting,
        documents,
        CaseClock,
        Appeal,
    ] + ([feedback_model] if feedback_model else [])
    tables = [m._meta.db_table for m in models]
    ids = Ids(tables)
    today, now = today_in_england(), datetime.now(tz=LONDON)
    cumulative = list(accumulate(provider_weights(len(orgs))))
    counts: dict[str, int] = {}
    for block in range(first_block, first_block + blocks):
        batch = Batch(
            rng=random.Random(f"{seed_value}-{block}"),
            ids=ids,
            rows={m: [] for m in models},
            orgs=orgs,
            cumulative=cumulative,
            org=orgs[0],
            today=today,
            now=now,
            documents=documents,
            feedback_model=feedback_model,
        )
        for _n in range(BLOCK):
            _seed_case(batch)
        first_case = ids.next[Case._meta.db_table] - BLOCK
        # One transaction a block: its rows, its summary counts (COPY runs no code, so they
        # are counted here as the application would keep them) and the size recorded, so a
        # seed stopped half-way goes on from the last whole block.
        with transaction.atomic():
            for table, n in _copy_in(models, batch.rows, tables).items():
                counts[table] = counts.get(table, 0) + n
            summary.count_new(first_case, first_case + BLOCK - 1)
            if layout:
                record(layout, (block + 1) * BLOCK)
        print(f"  block {block + 1}: {(block + 1) * BLOCK:,} cases", flush=True)
    if blocks:
        # Each block counted its cases in rows of its own: one row a key, as the application
        # keeps them, so the reports read no more rows than they would in service.
        print(f"  summary tables: {summary.compact()}", flush=True)
    return counts


def _seed_case(batch: Batch) -> None:
    """One case and everything that hangs off it, drawn in a fixed order from the seeded draw."""
    from accord.cases.models import Case, ChildOrYoungPerson
    from accord.cases.name_search import name_search_text
    from accord.cases.timeline import EventKind

    rng, ids = batch.rng, batch.ids
    batch.org = batch.orgs[bisect.bisect(batch.cumulative, rng.random() * batch.cumulative[-1])]
    las, icbs = batch.org["las"], batch.org["icbs"]
    received = batch.today - timedelta(days=int(rng.random() ** 0.8 * 3 * 365))
    s = story(rng, received, batch.today)
    case_id = ids.take(Case._meta.db_table)
    child_id = ids.take(ChildOrYoungPerson._meta.db_table)
    la = las[rng.randrange(len(las))] if rng.random() < 0.7 else las[rng.randrange(3)]
    health = icbs[rng.randrange(len(icbs))] if rng.random() < 0.3 else None
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    batch.rows[ChildOrYoungPerson].append(
        {
            "id": child_id,
            "provider_id": batch.org["provider"].pk,
            "first_name": first,
            "last_name": last,
            "date_of_birth": received - timedelta(days=rng.randint(3 * 365, 20 * 365)),
            "setting": f"{rng.choice(LAST_NAMES)} School",
        }
    )
    case = _case(batch, s, case_id, child_id, la, health)
    parent = f"{rng.choice(FIRST_NAMES)} {last}"
    # The search column as the model layer keeps it: the child's, then the parties' names.
    case.name_search = name_search_text([first, last, *_party_names(parent, la)])
    _add_case_and_clocks(batch, case, s)
    _add_parties(batch, case_id, parent, la)
    _add_appeal(batch, case, s)
    events = [(EventKind.ENQUIRY, "Enquiry received", received)]
    events += _add_mias_call(batch, case_id, s)
    events += _add_meeting(batch, case, s)
    events += _add_certificates(batch, case, s, parent, f"{first} {last}", la)
    events += _add_closing(batch, case_id, s)
    _add_timeline(batch, case_id, events)


def _case(
    batch: Batch, s: dict[str, Any], case_id: int, child_id: int, la: Any, health: Any | None
) -> Any:
    from accord.cases.models import Case

    rng, people = batch.rng, batch.org["people"]
    received = s["received_on"]
    return Case(
        id=case_id,
        provider_id=batch.org["provider"].pk,
        reference=f"{batch.org['provider'].case_prefix}-{received.year}-{case_id:06d}",
        child_id=child_id,
        local_authority_id=la.pk,
        health_body_id=health.pk if health else None,
        received_on=received,
        channel=rng.choice(["phone", "phone", "email", "online", "referral", "post"]),
        decision_kind=rng.choice(
            [
                "refuse_to_assess",
                "refuse_to_issue_plan",
                "plan_content",
                "plan_content",
                "cease_to_maintain",
                "non_ehc_disagreement",
            ]
        ),
        decision_sections="b,f,i" if rng.random() < 0.4 else "",
        decision_notice_sent_on=s.get("decision_notice_sent_on"),
        involves_health=health is not None,
        suggested_route=s["route"],
        route=s["route"],
        state=s["state"],
        family_choice=s.get("family_choice", ""),
        family_choice_on=s.get("family_choice_on"),
        la_notified_on=s.get("la_notified_on"),
        health_body_notified_on=(
            s["la_notified_on"] + timedelta(days=rng.randint(1, 5))
            if health is not None and s.get("la_notified_on")
            else None
        ),
        mediation_concluded_on=s.get("mediation_concluded_on"),
        outcome=s.get("outcome", ""),
        closed_on=s.get("closed_on"),
        appeals_recorded=1 if s.get("appeal_lodged_on") else 0,
        coordinator_id=rng.choice(people["coordinator"]).pk,
        adviser_id=rng.choice(people["adviser"]).pk,
        mediator_id=rng.choice(people["mediator"]).pk if s.get("meeting_on") else None,
        created_at=datetime.combine(received, datetime.min.time(), tzinfo=LONDON),
        updated_at=batch.now,
    )


def _add_case_and_clocks(batch: Batch, case: Any, s: dict[str, Any]) -> None:
    """The case's row with its next deadline, and its clock rows, from the service's own
    functions."""
    from accord.cases.clock_rows import rows_from_deadlines
    from accord.cases.clocks import ClockFacts, deadlines_for, next_open_deadline
    from accord.cases.models import Case, CaseClock

    facts = ClockFacts(certificates=tuple(s.get("certificates", [])))
    deadlines = deadlines_for(case, facts)
    nearest = next_open_deadline(case, facts) if case.state != "closed" else None
    case.next_deadline_on = nearest.due if nearest else None
    case.next_deadline_clock = nearest.key if nearest else ""
    batch.rows[Case].append({f.attname: getattr(case, f.attname) for f in _columns(Case)})
    for clock in rows_from_deadlines(case, deadlines):
        batch.rows[CaseClock].append(_clock_dict(clock, batch.ids))


def _add_appeal(batch: Batch, case: Any, s: dict[str, Any]) -> None:
    """An appeal against the case's own decision, when the plan has one."""
    from accord.cases.models import Appeal

    if s.get("appeal_lodged_on"):
        batch.rows[Appeal].append(
            {
                "id": batch.ids.take(Appeal._meta.db_table),
                "case_id": case.pk,
                "registered_on": s["appeal_lodged_on"],
                "decision_kind": case.decision_kind,
                "decision_notice_sent_on": case.decision_notice_sent_on,
                "recorded_at": batch.now,
            }
        )


def _party_names(parent: str, la: Any) -> tuple[str, str]:
    """The case's parties' names, in the order their rows are added."""
    return parent, f"SEN officer, {la.name}"


def _add_parties(batch: Batch, case_id: int, parent: str, la: Any) -> None:
    from accord.cases.models import Party

    parent_name, officer_name = _party_names(parent, la)
    for role, name, email in (
        ("parent_carer", parent_name, f"parent{case_id}@example.com"),
        ("la_officer", officer_name, f"sen{la.pk}@example.gov.uk"),
    ):
        batch.rows[Party].append(
            {
                "id": batch.ids.take(Party._meta.db_table),
                "case_id": case_id,
                "role": role,
                "name": name,
                "email": email,
                "is_enquirer": role == "parent_carer",
            }
        )


Event = tuple[Any, str, date]


def _add_mias_call(batch: Batch, case_id: int, s: dict[str, Any]) -> list[Event]:
    from accord.cases.timeline import EventKind
    from accord.meetings.models import MiasCall

    if not s.get("mias_held_on"):
        return []
    batch.rows[MiasCall].append(
        {
            "id": batch.ids.take(MiasCall._meta.db_table),
            "case_id": case_id,
            "held_on": s["mias_held_on"],
            "created_at": batch.now,
        }
    )
    return [(EventKind.MIAS_HELD, "Information and advice given", s["mias_held_on"])]


def _add_meeting(batch: Batch, case: Any, s: dict[str, Any]) -> list[Event]:
    """The meeting, and (except for DR, which has no statutory notice) its notice clock row."""
    from accord.cases.clock_rows import notice_row
    from accord.cases.clocks import MeetingNotice
    from accord.cases.models import CaseClock
    from accord.cases.timeline import EventKind
    from accord.meetings.models import Meeting

    if not s.get("meeting_on"):
        return []
    rng = batch.rng
    meeting_id = batch.ids.take(Meeting._meta.db_table)
    day = s["meeting_on"]
    starts = datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)
    notice = day - timedelta(days=rng.choice([5, 7, 8, 10, 14, 21]))
    agreed = rng.random() < 0.05
    batch.rows[Meeting].append(
        {
            "id": meeting_id,
            "case_id": case.id,
            "kind": "dr" if s["route"] == "disagreement_resolution" else "mediation",
            "format": rng.choice(["in_person", "online", "online", "phone", "hybrid"]),
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=5),
            "mediator_id": case.mediator_id,
            "notice_sent_on": notice,
            "family_agreed_shorter_notice": agreed,
            "held": bool(s.get("mediation_concluded_on")),
            "created_at": batch.now,
        }
    )
    if s["route"] != "disagreement_resolution":
        row = notice_row(case, MeetingNotice(meeting_id, day, notice, agreed))
        batch.rows[CaseClock].append(_clock_dict(row, batch.ids))
    return [(EventKind.MEETING_BOOKED, "Meeting booked", notice)]


def _add_certificates(
    batch: Batch, case: Any, s: dict[str, Any], parent: str, child_name: str, la: Any
) -> list[Event]:
    from accord.cases.timeline import EventKind

    documents = batch.documents
    events: list[Event] = []
    for kind, issued in s.get("certificates", []):
        cert_id = batch.ids.take(documents._meta.db_table)
        batch.rows[documents].append(
            {
                "id": cert_id,
                "provider_id": batch.org["provider"].pk,
                "case_id": case.id,
                "number": f"{batch.org['provider'].case_prefix}C-{issued.year}-{cert_id:06d}",
                "kind": kind,
                "issued_on": issued,
                "issued_at": datetime(issued.year, issued.month, issued.day, 12, tzinfo=LONDON),
                "issued_by_id": case.adviser_id,
                "family_names": parent,
                "child_name": child_name,
                "local_authority_name": la.name,
                "decision_description": case.decision_kind,
                "pdf": f"certificates/{issued.year}/BMC-{cert_id:06d}.pdf",
                "sha256": "0" * 64,
                "idempotency_key": f"bench-{cert_id}",
            }
        )
        events.append((EventKind.CERTIFICATE_ISSUED, "Certificate issued", issued))
    return events


def _add_closing(batch: Batch, case_id: int, s: dict[str, Any]) -> list[Event]:
    """Closing, and feedback from four in ten cases closed after a meeting."""
    from accord.cases.timeline import EventKind

    if not s.get("closed_on"):
        return []
    feedback_model, rng = batch.feedback_model, batch.rng
    if feedback_model is not None and s.get("mediation_concluded_on") and rng.random() < 0.4:
        closed = s["closed_on"]
        batch.rows[feedback_model].append(
            {
                "id": batch.ids.take(feedback_model._meta.db_table),
                "case_id": case_id,
                "respondent_role": rng.choice(["parent_carer", "la_officer"]),
                "satisfied": rng.choice([3, 4, 4, 5, 5]),
                "listened_to": rng.choice([3, 4, 5, 5]),
                "would_recommend": rng.choice([2, 4, 5, 5]),
                "given_through": "emailed_link",
                "submitted_at": datetime(closed.year, closed.month, closed.day, 9, tzinfo=LONDON),
            }
        )
    return [(EventKind.CLOSED, "Case closed", s["closed_on"])]


def _add_timeline(batch: Batch, case_id: int, events: list[Event]) -> None:
    from accord.cases.models import TimelineEvent

    for kind, summary, day in events:
        batch.rows[TimelineEvent].append(
            {
                "id": batch.ids.take(TimelineEvent._meta.db_table),
                "case_id": case_id,
                "at": datetime(day.year, day.month, day.day, 11, tzinfo=LONDON),
                "actor_label": "Accord",
                "kind": kind,
                "summary": summary,
                "changes": {},
                "visible_to_officers": kind.audience.officers,
                "visible_to_family": kind.audience.family,
            }
        )


def _copy_in(
    models: list[Any], rows: dict[Any, list[dict[str, Any]]], tables: list[str]
) -> dict[str, int]:
    """COPY every table's rows in one transaction, then move each id sequence past them."""
    from django.db import connection, transaction

    counts: dict[str, int] = {}
    with transaction.atomic():
        for model in models:
            counts[model._meta.db_table] = copy_rows(model, rows[model])
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )
    return counts


def _clock_dict(clock: Any, ids: Ids) -> dict[str, Any]:
    from accord.cases.models import CaseClock

    row = {f.attname: getattr(clock, f.attname) for f in _columns(CaseClock)}
    row["id"] = ids.take(CaseClock._meta.db_table)
    return row


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def analyse() -> None:
    """Statistics and the visibility map, as autovacuum would leave them after a while (the
    summary tables' index answers a report without reading the table)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def password() -> str:
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not PASSWORD_FILE.exists():
        import secrets

        PASSWORD_FILE.write_text(secrets.token_urlsafe(18))
    return PASSWORD_FILE.read_text().strip()


def held(url: str) -> tuple[str, int] | None:
    """What the bench database holds (its layout and seed, and how many cases), or None."""
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT layout, cases FROM bench_seed").fetchone()
    except psycopg.Error:
        return None
    return (row[0], int(row[1])) if row else None


def record(layout: str, cases: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_seed (layout text, cases integer)")
        cursor.execute("DELETE FROM bench_seed")
        cursor.execute("INSERT INTO bench_seed VALUES (%s, %s)", [layout, cases])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--cases", type=int, default=100_000, help="cases in all (blocks of 10,000)"
    )
    parser.add_argument("--providers", type=int, default=PROVIDERS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fresh", action="store_true", help="start afresh whatever is there")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args(argv)
    if "bench" not in args.database_url.rsplit("/", 1)[-1]:
        raise SystemExit("Refusing: the benchmark database's name must say bench.")
    blocks = max(args.cases // BLOCK, 1)
    layout = f"providers={args.providers} seed={args.seed} block={BLOCK}"
    there = None if args.fresh else held(args.database_url)
    have = there[1] // BLOCK if there and there[0] == layout and there[1] <= blocks * BLOCK else 0
    if have == blocks:
        print(f"The bench database already holds {have * BLOCK:,} cases ({layout}): reused.")
        return {"seeded_cases": 0, "total_cases": have * BLOCK, "seconds": 0, "reused": True}
    if have == 0:
        recreate_database(args.database_url)
    configure(args.database_url)
    began = time.perf_counter()
    if have == 0:
        migrate()
    orgs = organisation(password(), args.providers)
    counts = seed(have, blocks - have, args.seed, orgs, layout)
    analyse()
    from accord.cases.models import Case

    result = {
        "seeded_cases": (blocks - have) * BLOCK,
        "total_cases": Case.objects.count(),
        "seconds": round(time.perf_counter() - began, 1),
        "rows": counts,
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
