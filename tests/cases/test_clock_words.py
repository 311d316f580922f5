"""One vocabulary of clocks (accord.rules.Clock): every clock has its label, who is responsible
and its legal basis, and a decision for every audience: the family's words
(accord.family.clock_words), the next step a reminder gives (accord.notifications.messages) and
the reports' row (accord.reports.labels)."""

from __future__ import annotations

from datetime import date

import pytest

from accord import rules
from accord.cases import services
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import CaseClock
from accord.family.clock_words import FAMILY_WORDS
from accord.notifications.messages import NEXT_STEPS
from accord.organisations.roles import Role
from accord.reports.labels import clock_label
from tests.factories import CaseFactory

FAMILY = rules.Responsible.FAMILY


@pytest.mark.parametrize(
    "clock", list(rules.Clock), ids=lambda clock: f"{clock.key} ({clock.basis.citation})"
)
def test_every_clock_has_its_words_for_every_audience(clock):
    # The staff's words, who is responsible and why: from the rules, one of each.
    assert clock.label and clock.responsible.label and clock.basis.citation
    # The family's: decided for every clock, and given for their own (to contact an adviser,
    # to appeal: SEND Regs reg 33, HESC Rules r.20).
    assert clock in FAMILY_WORDS
    words = FAMILY_WORDS[clock]
    if clock.responsible is FAMILY:
        assert words is not None
    if words is not None:
        assert words.label and words.explanation and "{on}" in words.done
    # A reminder's next step: for every clock the service must meet, never for the family's.
    if clock.responsible is FAMILY:
        assert clock not in NEXT_STEPS
    else:
        assert NEXT_STEPS[clock]
    # The reports' row: the clock's own label and length.
    counted = clock.counted_as
    assert clock_label(counted.key) == f"{counted.label} ({counted.length})"


def test_the_audiences_name_no_clock_outside_the_vocabulary():
    assert set(FAMILY_WORDS) == set(rules.Clock)
    assert set(NEXT_STEPS) == {c for c in rules.Clock if c.responsible is not FAMILY}


def test_health_only_mediation_is_the_icbs_clock_under_the_stored_key(world):
    # SEND Regs reg 36: health care only, 30 days from the ICB being told the issues. Stored, and
    # counted in reports, as the one clock to hold the mediation.
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        route="health_only_mediation",
        state="arranging",
        involves_health=True,
        health_body=world.icb,
        received_on=date(2026, 3, 2),
        decision_notice_sent_on=date(2026, 2, 20),
    )
    services.record_la_notified(
        case,
        date(2026, 3, 2),
        health_body_notified_on=date(2026, 3, 4),
        by=world.user(Role.COORDINATOR),
    )
    held = next(d for d in deadlines_for(case, clock_facts_for(case)) if d.key == "mediation_held")
    assert held.clock is rules.Clock.MEDIATION_HELD_HEALTH_ONLY
    assert held.due == rules.mediation_due(date(2026, 3, 4))
    assert held.who == "Health body (ICB)"
    assert held.basis.startswith("SEND Regs reg 36: 30 days")
    row = CaseClock.objects.get(case=case, key="mediation_held")
    assert (row.clock, row.due_on, row.for_family) == ("mediation_held", held.due, False)


def test_the_familys_own_clocks_name_the_parent_or_young_person(world):
    # SEND Regs reg 33 and HESC Rules r.20: the family's dates, shown and never chased.
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        route="mediation",
        certificate_needed=True,
        decision_notice_sent_on=date(2026, 2, 20),
    )
    clocks = {d.key: d for d in deadlines_for(case, clock_facts_for(case))}
    for key in ("adviser_contact", "appeal"):
        assert clocks[key].for_family
        assert clocks[key].who == "Parent or young person"
