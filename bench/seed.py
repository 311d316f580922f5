"""Seeds a realistic data set into its own PostgreSQL database (never the test or dev ones).

    python bench/seed.py --cases 10000            # a fresh accord_bench with 10,000 cases
    python bench/seed.py --cases 90000 --add      # add 90,000 more (100,000 in all)

One provider working for 10 LAs and 3 ICBs; cases spread over three years with their child,
parties, timeline, information and advice calls, meetings, certificates (metadata only),
feedback and statutory clocks. Every due date and the caseload's next deadline come from the
same functions the service uses (accord.cases.clocks.deadlines_for, accord.rules). Rows go in
with PostgreSQL COPY. Seeded random numbers, so runs are comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from accord.rules import today_in_england

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/accord_bench"
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


def organisation(password: str) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password

    from accord.organisations.models import (
        HealthBody,
        LocalAuthority,
        Membership,
        Provider,
        User,
    )
    from accord.organisations.roles import Role

    provider, _created = Provider.objects.get_or_create(
        case_prefix="BM", defaults={"name": "Bench Mediation Service"}
    )
    las = [
        LocalAuthority.objects.get_or_create(
            code=f"E0900{n:04d}", defaults={"name": f"Bench Council {n}"}
        )[0]
        for n in range(1, 11)
    ]
    icbs = [
        HealthBody.objects.get_or_create(code=f"QB{n}", defaults={"name": f"NHS Bench {n} ICB"})[0]
        for n in range(1, 4)
    ]
    provider.local_authorities.add(*las)
    provider.health_bodies.add(*icbs)
    hashed = make_password(password)
    people: dict[str, list[Any]] = {}
    plan = [
        ("manager", Role.SERVICE_MANAGER, 1),
        ("coordinator", Role.COORDINATOR, 5),
        ("adviser", Role.ADVISER, 3),
        ("mediator", Role.MEDIATOR, 8),
        ("commissioner", Role.COMMISSIONER, 1),
    ]
    for name, role, count in plan:
        people[name] = []
        for n in range(1, count + 1):
            user, _ = User.objects.get_or_create(
                email=f"{name}{n}@bench.accord.test",
                defaults={"full_name": f"Bench {name.title()} {n}", "password": hashed},
            )
            Membership.objects.get_or_create(
                user=user,
                provider=provider,
                role=role,
                defaults={"local_authority": las[0] if role == Role.COMMISSIONER else None},
            )
            people[name].append(user)
    return {"provider": provider, "las": las, "icbs": icbs, "people": people}


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
    r = rng.random()
    route = (
        "mediation"
        if r < 0.70
        else "health_only_mediation"
        if r < 0.75
        else "disagreement_resolution"
        if r < 0.95
        else ""
    )
    age = (today - received).days
    s: dict[str, Any] = {"route": route, "received_on": received, "outcome": "", "state": ""}
    if route == "":
        s["state"] = "enquiry" if age < 30 else "closed"
        if s["state"] == "closed":
            s.update(outcome="no_further_action", closed_on=received + timedelta(days=20))
        return s
    if route != "disagreement_resolution":
        s["decision_notice_sent_on"] = received - timedelta(days=rng.randint(3, 50))
        s["mias_held_on"] = _working_days_after(received, rng, 1, 15)
        if s["mias_held_on"] > today:
            s["state"] = "mias_booked"
            del s["mias_held_on"]
            return s
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
            return s
        s["la_notified_on"] = s["family_choice_on"] + timedelta(days=rng.randint(0, 3))
        start = s["la_notified_on"]
    else:
        start = received + timedelta(days=rng.randint(3, 20))
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
    s["meeting_on"] = concluded
    s["mediation_concluded_on"] = concluded
    o = rng.random()
    s["outcome"] = "full" if o < 0.55 else "partial" if o < 0.77 else "none"
    if route != "disagreement_resolution":
        issued = concluded + timedelta(days=rng.choice([0, 1, 1, 2, 3, 3, 5]))
        if issued <= today:
            s["certificates"] = [("after_mediation", issued)]
        if rng.random() < 0.12:
            s["appeal_lodged_on"] = concluded + timedelta(days=rng.randint(10, 60))
            if s["appeal_lodged_on"] > today:
                del s["appeal_lodged_on"]
    closes = concluded + timedelta(days=rng.randint(10, 40))
    if closes <= today and rng.random() < 0.9:
        s.update(state="closed", closed_on=closes)
    else:
        s["state"] = "follow_up"
    return s


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


def seed(count: int, seed_value: int, org: dict[str, Any]) -> dict[str, int]:
    from django.apps import apps
    from django.db import connection, transaction

    from accord.cases.clock_rows import notice_row, rows_from_deadlines
    from accord.cases.clocks import ClockFacts, MeetingNotice, deadlines_for, next_open_deadline
    from accord.cases.models import Case, CaseClock, ChildOrYoungPerson, Party, TimelineEvent
    from accord.cases.timeline import EventKind
    from accord.meetings.models import Meeting, MiasCall

    documents = apps.get_model("documents", "Certificate")
    feedback_model = (
        apps.get_model("family", "Feedback") if apps.is_installed("accord.family") else None
    )
    rng = random.Random(seed_value)
    today = today_in_england()
    provider = org["provider"]
    las, icbs, people = org["las"], org["icbs"], org["people"]
    tables = (
        [
            m._meta.db_table
            for m in (Case, ChildOrYoungPerson, Party, TimelineEvent, MiasCall, Meeting, documents)
        ]
        + [CaseClock._meta.db_table]
        + ([feedback_model._meta.db_table] if feedback_model else [])
    )
    ids = Ids(tables)
    buffers: dict[Any, list[dict[str, Any]]] = {
        m: []
        for m in (
            ChildOrYoungPerson,
            Case,
            Party,
            TimelineEvent,
            MiasCall,
            Meeting,
            documents,
            CaseClock,
        )
    }
    if feedback_model:
        buffers[feedback_model] = []
    now = datetime.now(tz=LONDON)
    first_case = ids.next[Case._meta.db_table]
    for _n in range(count):
        received = today - timedelta(days=int(rng.random() ** 0.8 * 3 * 365))
        s = story(rng, received, today)
        case_id = ids.take(Case._meta.db_table)
        child_id = ids.take(ChildOrYoungPerson._meta.db_table)
        la = las[rng.randrange(len(las))] if rng.random() < 0.7 else las[rng.randrange(3)]
        health = icbs[rng.randrange(len(icbs))] if rng.random() < 0.3 else None
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        buffers[ChildOrYoungPerson].append(
            {
                "id": child_id,
                "provider_id": provider.pk,
                "first_name": first,
                "last_name": last,
                "date_of_birth": received - timedelta(days=rng.randint(3 * 365, 20 * 365)),
                "setting": f"{rng.choice(LAST_NAMES)} School",
            }
        )
        case = Case(
            id=case_id,
            provider_id=provider.pk,
            reference=f"BM-{received.year}-{case_id:06d}",
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
            appeal_lodged_on=s.get("appeal_lodged_on"),
            coordinator_id=rng.choice(people["coordinator"]).pk,
            adviser_id=rng.choice(people["adviser"]).pk,
            mediator_id=rng.choice(people["mediator"]).pk if s.get("meeting_on") else None,
            created_at=datetime.combine(received, datetime.min.time(), tzinfo=LONDON),
            updated_at=now,
        )
        facts = ClockFacts(certificates=tuple(s.get("certificates", [])))
        deadlines = deadlines_for(case, facts)
        nearest = next_open_deadline(case, facts) if case.state != "closed" else None
        case.next_deadline_on = nearest.due if nearest else None
        case.next_deadline_clock = nearest.key if nearest else ""
        row = {f.attname: getattr(case, f.attname) for f in _columns(Case)}
        buffers[Case].append(row)
        for clock in rows_from_deadlines(case, deadlines):
            buffers[CaseClock].append(_clock_dict(clock, ids))
        parent = f"{rng.choice(FIRST_NAMES)} {last}"
        for role, name, email in (
            ("parent_carer", parent, f"parent{case_id}@example.com"),
            ("la_officer", f"SEN officer, {la.name}", f"sen{la.pk}@example.gov.uk"),
        ):
            buffers[Party].append(
                {
                    "id": ids.take(Party._meta.db_table),
                    "case_id": case_id,
                    "role": role,
                    "name": name,
                    "email": email,
                    "is_enquirer": role == "parent_carer",
                }
            )
        events = [(EventKind.ENQUIRY, "Enquiry received", received)]
        if s.get("mias_held_on"):
            buffers[MiasCall].append(
                {
                    "id": ids.take(MiasCall._meta.db_table),
                    "case_id": case_id,
                    "held_on": s["mias_held_on"],
                    "created_at": now,
                }
            )
            events.append((EventKind.MIAS_HELD, "Information and advice given", s["mias_held_on"]))
        if s.get("meeting_on"):
            meeting_id = ids.take(Meeting._meta.db_table)
            day = s["meeting_on"]
            starts = datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)
            notice = day - timedelta(days=rng.choice([5, 7, 8, 10, 14, 21]))
            agreed = rng.random() < 0.05
            buffers[Meeting].append(
                {
                    "id": meeting_id,
                    "case_id": case_id,
                    "kind": "dr" if s["route"] == "disagreement_resolution" else "mediation",
                    "format": rng.choice(["in_person", "online", "online", "phone", "hybrid"]),
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=5),
                    "mediator_id": case.mediator_id,
                    "notice_sent_on": notice,
                    "family_agreed_shorter_notice": agreed,
                    "held": bool(s.get("mediation_concluded_on")),
                    "created_at": now,
                }
            )
            if s["route"] != "disagreement_resolution":
                buffers[CaseClock].append(
                    _clock_dict(
                        notice_row(case, MeetingNotice(meeting_id, day, notice, agreed)), ids
                    )
                )
            events.append((EventKind.MEETING_BOOKED, "Meeting booked", notice))
        for kind, issued in s.get("certificates", []):
            cert_id = ids.take(documents._meta.db_table)
            buffers[documents].append(
                {
                    "id": cert_id,
                    "provider_id": provider.pk,
                    "case_id": case_id,
                    "number": f"BMC-{issued.year}-{cert_id:06d}",
                    "kind": kind,
                    "issued_on": issued,
                    "issued_at": datetime(issued.year, issued.month, issued.day, 12, tzinfo=LONDON),
                    "issued_by_id": case.adviser_id,
                    "family_names": parent,
                    "child_name": f"{first} {last}",
                    "local_authority_name": la.name,
                    "decision_description": case.decision_kind,
                    "pdf": f"certificates/{issued.year}/BMC-{cert_id:06d}.pdf",
                    "sha256": "0" * 64,
                    "idempotency_key": f"bench-{cert_id}",
                }
            )
            events.append((EventKind.CERTIFICATE_ISSUED, "Certificate issued", issued))
        if s.get("closed_on"):
            events.append((EventKind.CLOSED, "Case closed", s["closed_on"]))
            if (
                feedback_model is not None
                and s.get("mediation_concluded_on")
                and rng.random() < 0.4
            ):
                buffers[feedback_model].append(
                    {
                        "id": ids.take(feedback_model._meta.db_table),
                        "case_id": case_id,
                        "respondent_role": rng.choice(["parent_carer", "la_officer"]),
                        "satisfied": rng.choice([3, 4, 4, 5, 5]),
                        "listened_to": rng.choice([3, 4, 5, 5]),
                        "would_recommend": rng.choice([2, 4, 5, 5]),
                        "given_through": "emailed_link",
                        "submitted_at": datetime(
                            s["closed_on"].year,
                            s["closed_on"].month,
                            s["closed_on"].day,
                            9,
                            tzinfo=LONDON,
                        ),
                    }
                )
        for kind, summary, day in events:
            buffers[TimelineEvent].append(
                {
                    "id": ids.take(TimelineEvent._meta.db_table),
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
    counts: dict[str, int] = {}
    with transaction.atomic():
        order = [
            ChildOrYoungPerson,
            Case,
            Party,
            TimelineEvent,
            MiasCall,
            Meeting,
            documents,
            CaseClock,
        ] + ([feedback_model] if feedback_model else [])
        for model in order:
            counts[model._meta.db_table] = copy_rows(model, buffers[model])
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )
    counts["first_case_id"] = first_case
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
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def password() -> str:
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not PASSWORD_FILE.exists():
        import secrets

        PASSWORD_FILE.write_text(secrets.token_urlsafe(18))
    return PASSWORD_FILE.read_text().strip()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--add", action="store_true", help="add to the existing data set")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args(argv)
    if not args.add:
        if "bench" not in args.database_url.rsplit("/", 1)[-1]:
            raise SystemExit("Refusing: the benchmark database's name must say bench.")
        recreate_database(args.database_url)
    configure(args.database_url)
    began = time.perf_counter()
    if not args.add:
        migrate()
    org = organisation(password())
    counts = seed(args.cases, args.seed + (1 if args.add else 0), org)
    analyse()
    from accord.cases.models import Case

    result = {
        "seeded_cases": args.cases,
        "total_cases": Case.objects.count(),
        "seconds": round(time.perf_counter() - began, 1),
        "rows": counts,
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
