"""The scheduling assistant on the bench database: 50 mediators with diaries and 20 venues,
then the proposals for one case over its 30-day window, timed.

    python bench/scheduling.py --json bench/results/scheduling.json

Called by bench/pages.py (so `make bench` prints it at both sizes). The diaries are added once
(idempotent): weekday hours, a week of leave for one in five, two a day and four a week at
most, and two meetings a week each over the next five weeks on existing cases, so the search
has bookings to step round. Each venue has two rooms (4 and 10 people, one step-free).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import DEFAULT_URL, configure  # noqa: E402

MEDIATORS, VENUES = 50, 20


def add_diaries() -> None:
    from django.db import transaction

    from accord.cases.models import Case
    from accord.meetings.models import Diary, Leave, Meeting, Room, Venue, WorkingHours
    from accord.organisations.models import Membership, Provider, User
    from accord.organisations.roles import Role
    from accord.rules import ENGLAND, today_in_england

    provider = Provider.objects.get(case_prefix="BM")
    if Diary.objects.filter(provider=provider).count() >= MEDIATORS:
        return
    rng = random.Random(2026)
    today = today_in_england()
    cases = list(Case.objects.filter(provider=provider).values_list("pk", flat=True)[:2000])
    with transaction.atomic():
        for n in range(1, MEDIATORS + 1):
            user, _ = User.objects.get_or_create(
                email=f"diary-mediator{n}@bench.accord.test",
                defaults={"full_name": f"Bench Diary Mediator {n}"},
            )
            Membership.objects.get_or_create(user=user, provider=provider, role=Role.MEDIATOR)
            diary = Diary.objects.create(
                provider=provider, person=user, kind="mediator", most_per_day=2, most_per_week=4
            )
            WorkingHours.objects.bulk_create(
                [
                    WorkingHours(diary=diary, weekday=d, starts=time(9), ends=time(17))
                    for d in range(5)
                ]
            )
            if n % 5 == 0:
                start = today + timedelta(days=rng.randint(0, 25))
                Leave.objects.create(
                    diary=diary, first_day=start, last_day=start + timedelta(days=6)
                )
            meetings = []
            for week in range(5):
                for _ in range(2):
                    day = today + timedelta(days=7 * week + rng.randint(0, 4))
                    starts = datetime.combine(day, time(rng.choice([9, 10, 13])), tzinfo=ENGLAND)
                    meetings.append(
                        Meeting(
                            case_id=rng.choice(cases),
                            kind="pre_meeting",
                            format="phone",
                            mediator=user,
                            starts_at=starts,
                            ends_at=starts + timedelta(hours=2),
                        )
                    )
            Meeting.objects.bulk_create(meetings)
        for n in range(1, VENUES + 1):
            venue = Venue.objects.create(
                provider=provider, name=f"Bench Venue {n}", address=f"{n} Bench Street"
            )
            Room.objects.create(venue=venue, name="Small", capacity=4)
            Room.objects.create(venue=venue, name="Large", capacity=10, step_free=True)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    configure(args.database_url)
    print(json.dumps(measure_proposals(args.repeat), indent=2))


def measure_proposals(repeat: int) -> dict[str, Any]:
    """p95 of `proposals_for` for open cases, online and in person, every eligible mediator."""
    from accord.cases.models import Case
    from accord.meetings.scheduling import Ask, proposals_for
    from accord.rules import today_in_england
    from bench.pages import measure

    add_diaries()
    today = today_in_england()
    cases = list(
        Case.objects.filter(provider__case_prefix="BM")
        .exclude(state="closed")
        .select_related("provider", "local_authority", "mediator")
        .order_by("pk")[:50]
    )
    asks = [Ask(format="in_person", any_mediator=True), Ask(format="online", any_mediator=True)]

    def run(i: int) -> Any:
        return proposals_for(cases[i % len(cases)], today, asks[i % 2])

    result = measure(run, repeat)
    result["mediators"] = MEDIATORS
    result["venues"] = VENUES
    return result


if __name__ == "__main__":
    main()
